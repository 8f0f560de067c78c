/** Every sentence the resolver says, written once; UIs may replace some with friendlier wording. */
import type { CompiledSource, CompiledVersion } from '../registry-types.ts';
import { MAX_SECID_LENGTH } from '../parse.ts';

/** The resolver's message when nothing at all knows the text; UIs replace it with their own, friendlier wording. */
export function unknownIdMessage(q: string): string {
  return `No source in the registry knows "${q}"`;
}

export const EMPTY_QUERY =
  'Empty query: type a SecID such as secid:weakness/owasp/ml-top10#ML01 or an ID such as CVE-2024-3094';

export function tooLong(q: string): string {
  return `Query too long: ${q.length} characters, at most ${MAX_SECID_LENGTH}`;
}

export function typeListing(count: number): string {
  return `The ${count} SecID types`;
}

export function unknownType(parserMessage: string, near: string[]): string {
  return `${parserMessage}${near.length ? `. Did you mean ${near.join(' or ')}?` : ''}`;
}

/** ` Nearest known: a, b.` after an unknown name, or nothing when no name is close. */
function nearestKnown(near: string[]): string {
  return near.length ? ` Nearest known: ${near.join(', ')}.` : '';
}

export function unknownNamespace(namespace: string, type: string, near: string[]): string {
  return `Unknown namespace "${namespace}" for type ${type}.${nearestKnown(near)}`;
}

/** `scope` is `type/namespace` when the source was looked for in one namespace. */
export function unknownSource(name: string, near: string[], scope?: string): string {
  return `Unknown source "${name}"${scope !== undefined ? ` in ${scope}` : ''}.${nearestKnown(near)}`;
}

export function editionNotFound(label: string, source: CompiledSource): string {
  return `Edition "${label}" of ${source.fullName} not found. Available: ${source.versions.map((v) => v.label).join(', ')}`;
}

export function readAsItemOf(rawName: string, sourceSecids: string[]): string {
  return `Read "${rawName}" as an item of ${sourceSecids.join(', ')}`;
}

export function notAnId(rawId: string, source: CompiledSource): string {
  const looks = source.examples.map(exampleItem).filter(Boolean).slice(0, 2).join(', ');
  return `"${rawId}" is not an ID of ${source.fullName} (IDs look like ${looks || source.patterns.map((p) => p.re).join(' or ')})`;
}

function exampleItem(example: string): string {
  const i = example.indexOf('#');
  return i >= 0 ? example.slice(i + 1) : '';
}

export function shortName(source: CompiledSource): string {
  return source.shortName ?? source.fullName;
}

/** A closed list without the item; `items` are the IDs it has, in order, for the span and the zero-padding hint. */
export function notAnItem(
  itemId: string,
  source: CompiledSource,
  edition: CompiledVersion | undefined,
  items: string[],
): string {
  const scope = edition ? `${shortName(source)} (${edition.label})` : shortName(source);
  const span = items.length ? `, which has ${items[0]}–${items[items.length - 1]}` : '';
  const zeroless = itemId.replace(/^([A-Za-z]+)0(\d)$/, '$1$2');
  const padded = itemId.replace(/^([A-Za-z]+)(\d)$/, '$10$2');
  const hint =
    items.includes(zeroless) && zeroless !== itemId
      ? ` Did you mean ${zeroless}?`
      : items.includes(padded) && padded !== itemId
        ? ` Did you mean ${padded}?`
        : '';
  return `${itemId} is not an item of ${scope}${span}.${hint}`;
}

/** One item ID with different meanings per edition: name them and say how to pick one. */
export function editionsDiffer(args: {
  itemId: string;
  source: CompiledSource;
  labels: string[];
  second: CompiledVersion | undefined;
  guess: string | undefined;
}): string {
  const { itemId, source, labels, second, guess } = args;
  const pick = second ? (/^\d{4}$/.test(second.label) ? `${itemId}:${second.label}` : `@${second.v}`) : '';
  const editions = `${labels.length} editions of ${shortName(source)}: ${labels.join(', ')}`;
  return `${itemId} means different things in ${editions}. ${guess ?? ''} Add the edition (${pick}) to pick one.`
    .replace(/\s+/g, ' ')
    .trim();
}

export function sectionNote(section: string, itemId: string): string {
  return `Section "${section}" has no page of its own; the link goes to ${itemId}.`;
}

export const EDITION_GUESS = {
  preferred: 'Your default edition for this list.',
  context: (label: string) => `The text nearby mentions ${label}.`,
  only: (label: string) => `Only the ${label} edition has this ID.`,
  current: 'No edition given: the current one is listed first.',
  newest: 'No edition given: the newest one is listed first.',
};

export function namespaceListing(namespaces: string[]): string {
  return `${namespaces.length} namespaces: ${namespaces.join(', ')}`;
}

export function internalError(error: unknown): string {
  return `Internal error: ${error instanceof Error ? error.message : String(error)}`;
}
