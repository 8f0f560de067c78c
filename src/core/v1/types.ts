/**
 * The compact form of the official SecID 1.0 registry (CloudSecurityAlliance/SecID `registry/`, CC0) that we commit
 * under registry/secid-1.0/ and load in shards. Facts only: names, patterns, templates, variables, versions, examples,
 * statuses. No upstream prose (`notes`, `description`) is kept.
 */

export interface V1Url {
  type: string;
  url: string;
}

/** A variable of a URL template: the first capture group of `extract`, optionally shaped by `format` or a range table. */
export interface V1Variable {
  extract: string;
  /** `{1}xxx`: the capture inserted into a fixed shape. */
  format?: string;
  /** Number-to-value ranges (Debian DSA number to year): the entry with the highest start <= the number wins. */
  ranges?: [number, string][];
}

export interface V1Version {
  v: string;
  date?: string;
  status?: string;
}

export interface V1Example {
  input: string;
  url?: string;
  version?: string;
}

export interface V1Node {
  /** Regexes as upstream writes them: anchored, `(?i)` prefix for case-insensitive. */
  p: string[];
  /** 0-200; 100 = authoritative. */
  w: number;
  /** The pattern accepts nearly anything (user names, slugs): never used for type-wide searches. */
  open?: true;
  name?: string;
  common?: string;
  /** URL template of this node (`data.url`). */
  url?: string;
  urls?: V1Url[];
  vars?: Record<string, V1Variable>;
  /** Item ID -> URL and title, when URLs cannot be computed from the ID. */
  table?: Record<string, { url?: string; title?: string }>;
  /** Item ID -> title. */
  known?: Record<string, string>;
  versionRequired?: true;
  unversioned?: string;
  versions?: V1Version[];
  ex?: V1Example[];
  kids?: V1Node[];
}

export interface V1Namespace {
  /** `owasp.org`, `github.com/advisories`, `aws.amazon.com`. */
  ns: string;
  type: string;
  status: string;
  name: string;
  common?: string;
  alt?: string[];
  urls?: V1Url[];
  nodes: V1Node[];
}

export interface V1Shard {
  type: string;
  namespaces: V1Namespace[];
}
