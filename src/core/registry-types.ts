/** Shapes of the compiled registry (src/generated/registry.json), produced by src/compiler and read by src/core. */

export type RelationKind =
  'related_to' | 'maps_to' | 'exploits' | 'exploited_by' | 'same_as' | 'parent_of' | 'child_of';

export interface Relation {
  secid: string;
  rel: RelationKind;
}

export interface CompiledItem {
  id: string;
  title?: string;
  description?: string;
  url?: string;
  kind?: string;
  unverified?: true;
  related?: Relation[];
  /** Short labelled facts shown on cards ("Tactic", "Execution (TA0002)"); from knowledge shards. */
  facts?: [string, string][];
  /** Withdrawn by its publisher: deprecated (no successor) or revoked (replaced by `replacedBy`). */
  status?: 'deprecated' | 'revoked';
  /** SecID of what replaced a revoked item. */
  replacedBy?: string;
  /** CISA KEV entry of a CVE. */
  exploited?: KnownExploited;
}

export interface KnownExploited {
  name: string;
  vendor: string;
  product: string;
  /** YYYY-MM-DD, or '' when the catalogue gave none. */
  dateAdded: string;
  /** Known use in ransomware campaigns. */
  ransomware: boolean;
}

/** A name people use for something (a nickname of a CVE, an abbreviation of a weakness) and what it names. */
export interface SearchAlias {
  /** Lower-case spellings: "log4shell", "xss", "cross site scripting". */
  terms: string[];
  secid: string;
  code: string;
  /** Absent when the target has a search document of its own (a CWE), whose title is used. */
  title?: string;
}

export interface CompiledPattern {
  /** Unanchored source; the core anchors it as ^(?:re)$. */
  re: string;
  kind?: string;
  url?: string;
  /** False for catch-alls (`\d+`, `[A-Z]+-\d+`) that must not answer bare lookups. */
  bare: boolean;
  /** `[first number, year]`, ascending: fills `{year}` from the `num` group (src/core/year-by-number.ts). */
  years?: [number, string][];
}

export interface CompiledVersion {
  v: string;
  label: string;
  aliases: string[];
  date?: string;
  status: 'current' | 'superseded' | 'draft';
  url?: string;
  lookup?: string;
  /** Items whose meaning belongs to this edition; absent when items are shared by every edition. */
  items?: CompiledItem[];
}

export interface CompiledSource {
  /** `type/namespace/name`, or `type/namespace` for a namespace-level source. */
  key: string;
  type: string;
  namespace: string;
  name: string;
  fullName: string;
  shortName?: string;
  operator?: string;
  nameAliases: string[];
  status: 'active' | 'deprecated' | 'draft';
  weight: number;
  closed: boolean;
  unversioned: 'current' | 'all';
  urls: Record<string, string>;
  lookup?: string;
  patterns: CompiledPattern[];
  versions: CompiledVersion[];
  items: CompiledItem[];
  description: string;
  examples: string[];
  /** Where the items come from when not from the file itself (e.g. "CWE 4.15 (cwe-sdk)"). */
  catalog?: string;
  /** Why the official SecID 1.0 registry's URLs for this source are wrong (not offered beside ours). */
  officialUrlWrong?: string;
}

export interface CompiledEntity {
  namespace: string;
  fullName: string;
  shortName?: string;
  aliases: string[];
  urls: Record<string, string>;
  description: string;
}

export interface DetectFamily {
  id: string;
  label: string;
  /** Unanchored pattern of the bare ID, without edition suffix. */
  pattern: string;
  /** Source key the family belongs to. */
  sourceKey: string;
  default: 'on' | 'off' | 'context';
  context: string[];
  confidence: number;
  /** Edition labels and aliases of the source (`2025`, `2.0`, ...): `ID:2025` carries one, and nearby mentions hint at one. */
  editions: string[];
  /**
   * For a family whose IDs may have no digit (`GHSA-cfgh-jmpq-rvwx`): the literal they start with (`GHSA-`). Pages run
   * the detector only on text with a digit, `secid:` or a cue (Detector.mayContain; src/compiler/family-cue.ts).
   */
  cue?: string;
}

export interface DetectorSpec {
  families: DetectFamily[];
}

/** What detecting needs of a family: the content script's copy (detector-rules.json) leaves out the label. */
export type DetectRule = Omit<DetectFamily, 'label'>;

export interface DetectRules {
  families: DetectRule[];
}

/** What the first stage of the content script needs of a family to look for candidates (candidate-rules.json). */
export type CandidateRule = Pick<DetectFamily, 'id' | 'pattern' | 'default'>;

export interface CandidateRules {
  families: CandidateRule[];
}

export interface CompiledRegistry {
  format: 1;
  sources: CompiledSource[];
  entities: CompiledEntity[];
  detector: DetectorSpec;
  /** Nicknames and abbreviations for search (registry/data/aliases.tsv). */
  aliases?: SearchAlias[];
}
