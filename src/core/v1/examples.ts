import { slugOf } from './match.ts';
import { matchesAny } from './pattern.ts';
import type { V1Namespace, V1Node } from './types.ts';

export interface V1ExampleSecId {
  secid: string;
  /** The URL the registry says this example resolves to, when it gives one. */
  url?: string;
}

/** Every example of a namespace written as a full SecID: a name-level node's examples are names or items, deeper ones items. */
export function examplesOf(ns: V1Namespace): V1ExampleSecId[] {
  const out: V1ExampleSecId[] = [];
  const push = (secid: string, url?: string) => out.push(url ? { secid, url } : { secid });
  const prefix = `secid:${ns.type}/${ns.ns}`;
  for (const node of ns.nodes) {
    const slug = slugOf(node);
    for (const ex of node.ex ?? []) {
      const at = ex.version ? `@${ex.version}` : '';
      if (slug === undefined || matchesAny(node.p, ex.input)) push(`${prefix}/${ex.input}${at}`, ex.url);
      else if (node.kids) push(`${prefix}/${slug}${at}#${ex.input}`, ex.url);
    }
    for (const kid of node.kids ?? [])
      walkItems({ prefix: `${prefix}/${slug ?? ''}`, node: kid, parentVersion: undefined, push });
  }
  return out;
}

function walkItems(args: {
  prefix: string;
  node: V1Node;
  parentVersion: string | undefined;
  push: (secid: string, url?: string) => void;
}): void {
  const { prefix, node, parentVersion, push } = args;
  for (const ex of node.ex ?? []) {
    const version = ex.version ?? parentVersion;
    push(`${prefix}${version ? `@${version}` : ''}#${ex.input}`, ex.url);
  }
  // A child holding children is a version node (`^2021$`): its literal is the version of the items below.
  const literal = /^\^([\w.-]+)\$$/.exec(node.p[0] ?? '')?.[1]?.replace(/\\\./g, '.');
  for (const kid of node.kids ?? []) walkItems({ prefix, node: kid, parentVersion: literal ?? parentVersion, push });
}
