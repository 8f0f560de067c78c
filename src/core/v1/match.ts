import type { ResolveResponse, ResolveResult, ResolveStatus, SourceData } from '../resolve-types.ts';
import { httpUrl } from '../http-url.ts';
import { parseV1, type V1Parts } from './parse-v1.ts';
import { matchesAny } from './pattern.ts';
import type { V1Store } from './store.ts';
import type { V1Namespace, V1Node } from './types.ts';
import { fillV1Template } from './variables.ts';

/**
 * SecID 1.0 resolution over the imported registry: the longest registered namespace, then the `match_nodes` tree
 * (name patterns, a version node when the source has them, item patterns), each level matching only its own slice.
 * Every matching sibling answers, ordered by weight. Undefined when the type or namespace is not in the registry.
 */
export function resolveV1(store: V1Store, query: string): ResolveResponse | undefined {
  const parts = parseV1(query);
  if (!parts || parts.segments.length === 0) return undefined;
  const located = locateNamespace(store, parts);
  if (!located) return undefined;
  const { ns, name } = located;
  const respond = (status: ResolveStatus, results: ResolveResult[], message?: string): ResolveResponse => ({
    query,
    secid_query: query,
    status,
    results: results.sort((a, b) => b.weight - a.weight),
    ...(message !== undefined ? { message } : {}),
  });

  if (name === '') {
    return respond(
      'found',
      ns.nodes.map((node) => sourceResult(ns, node, slugOf(node) ?? node.p[0]!)),
      `${ns.nodes.length} sources in ${ns.ns}`,
    );
  }
  const sources = ns.nodes.filter((node) => matchesAny(node.p, name));
  if (sources.length === 0) {
    const names = ns.nodes.map((n) => slugOf(n)).filter((s): s is string => s !== undefined);
    return respond(
      'related',
      ns.nodes.map((node) => sourceResult(ns, node, slugOf(node) ?? node.p[0]!)),
      `No source "${name}" in ${ns.ns}${names.length ? ` (sources: ${names.slice(0, 12).join(', ')})` : ''}`,
    );
  }
  const outcomes = sources.map((node) => resolveInSource({ ns, node, name, parts }));
  const good = outcomes.filter((o) => o.status === 'found');
  const used = good.length ? good : outcomes;
  const messages = [...new Set(used.map((o) => o.message).filter((m): m is string => m !== undefined))];
  return respond(
    good.length ? 'found' : 'related',
    used.flatMap((o) => o.results),
    messages.length ? messages.join(' ') : undefined,
  );
}

/** True when `query` names an imported namespace and nothing inside it (`secid:regulation/europa.eu`): a listing. */
export function namesOnlyNamespace(store: V1Store, query: string): boolean {
  const parts = parseV1(query);
  if (!parts || parts.segments.length === 0) return false;
  return locateNamespace(store, parts)?.name === '';
}

interface Outcome {
  status: 'found' | 'related';
  results: ResolveResult[];
  message?: string;
}

function locateNamespace(store: V1Store, parts: V1Parts): { ns: V1Namespace; name: string } | undefined {
  // Longest registered namespace wins: github.com/advisories/ghsa is namespace github.com/advisories, name ghsa.
  for (let i = parts.segments.length; i >= 1; i--) {
    const candidate = parts.segments
      .slice(0, i)
      .map((s, j) => (j === 0 ? s : s.toLowerCase()))
      .join('/');
    const ns = store.namespace(parts.type, candidate);
    if (ns) return { ns, name: parts.segments.slice(i).join('/') };
  }
  return undefined;
}

/** The literal name a source node stands for (`(?i)^ml-top10$` -> `ml-top10`), or undefined for an ID pattern. */
export function slugOf(node: V1Node): string | undefined {
  const m = /^(?:\(\?i\))?\^((?:[A-Za-z0-9_~-]|\\\.|\.)+)\$$/.exec(node.p[0] ?? '');
  return m ? m[1]!.replace(/\\\./g, '.') : undefined;
}

const sameVersion = (a: string, b: string) =>
  a.toLowerCase().replace(/^v(?=\d)/, '') === b.toLowerCase().replace(/^v(?=\d)/, '');

function resolveInSource(args: { ns: V1Namespace; node: V1Node; name: string; parts: V1Parts }): Outcome {
  const { ns, node, name, parts } = args;
  const { version, subpath, qualifiers } = parts;
  const slug = slugOf(node);
  // A node whose pattern is an ID (arXiv, DOI, RFC numbers) takes the document ID as its name.
  const docName = slug === undefined || !node.kids ? name : undefined;
  const shownName = slug !== undefined && matchesAny(node.p, name) && docName === undefined ? slug : name;
  const base = `secid:${ns.type}/${ns.ns}/${shownName}`;
  const sourceSecid = `secid:${ns.type}/${ns.ns}/${slug ?? shownName}`;

  let scope = node;
  let versionNode: V1Node | undefined;
  if (version !== undefined && node.kids) {
    // A version node: a child matching the version that holds the items (or, with no item, answers itself).
    versionNode = node.kids.find((k) => matchesAny(k.p, version) && (k.kids !== undefined || subpath === undefined));
    if (versionNode?.kids) scope = versionNode;
  }
  const hasVersionNodes = node.versionRequired === true && (node.kids ?? []).some((k) => k.kids !== undefined);
  if (hasVersionNodes && version === undefined) {
    const versions = node.versions?.map((v) => v.v).join(', ');
    return {
      status: 'related',
      results: [sourceResult(ns, node, slug ?? name)],
      message: `${node.name ?? slug ?? name} requires a version${versions ? ` (${versions})` : ''}`,
    };
  }
  if (version !== undefined && !versionNode) {
    const known = node.versions?.map((v) => v.v) ?? [];
    if ((hasVersionNodes || known.length > 0) && !known.some((v) => sameVersion(v, version))) {
      return {
        status: 'related',
        results: [sourceResult(ns, node, slug ?? name)],
        message: `Version "${version}" of ${node.name ?? slug ?? name} not found${known.length ? `. Available: ${known.join(', ')}` : ''}`,
      };
    }
  }
  const at = version !== undefined ? `@${version}` : '';
  const common = {
    source: node.name ?? ns.name,
    source_secid: sourceSecid,
    ...(node.common ? { source_short: node.common } : {}),
    ...(version !== undefined ? { edition: version, version } : {}),
  };

  if (subpath === undefined) {
    const target = versionNode && !versionNode.kids ? versionNode : node;
    // A source asked for by its name: its item template (`lookup`) would be filled with the name itself.
    const lookup = docName !== undefined;
    const url =
      nodeUrl({
        node: target,
        input: docName ?? version ?? name,
        version,
        qualifiers,
        lookup: lookup || target !== node,
      }) ??
      nodeUrl({ node, input: docName ?? name, version, qualifiers, lookup }) ??
      pageOf(target) ??
      pageOf(node) ??
      pageOf(ns);
    const result: ResolveResult = {
      secid: `${base}${at}`,
      secid_v1: `${base}${at}`,
      weight: (versionNode ?? node).w,
      title: node.name ?? docName ?? `${ns.common ?? ns.name} ${slug ?? name}`,
      ...common,
    };
    if (docName !== undefined) result.id = docName;
    if (url) result.url = url;
    if (docName === undefined) result.data = sourceData(ns, node);
    return { status: 'found', results: [result] };
  }

  // The item: every matching child answers. `#ID@rev` carries an item version when only `ID` matches.
  let item = subpath;
  let itemVersion: string | undefined;
  let kids = (scope.kids ?? []).filter((k) => matchesAny(k.p, item));
  if (kids.length === 0 && item.includes('@')) {
    const cut = item.lastIndexOf('@');
    const left = item.slice(0, cut);
    const matching = (scope.kids ?? []).filter((k) => matchesAny(k.p, left));
    if (matching.length) {
      itemVersion = item.slice(cut + 1);
      item = left;
      kids = matching;
    }
  }
  // Hierarchical items (`#A.8/1`): the first segment picks the child, the rest goes to its children.
  let rest: string | undefined;
  if (kids.length === 0 && item.includes('/')) {
    const head = item.slice(0, item.indexOf('/'));
    const matching = (scope.kids ?? []).filter((k) => matchesAny(k.p, head));
    if (matching.length) {
      rest = item.slice(head.length + 1);
      kids = matching;
    }
  }
  const itemSecid = `${base}${at}#${subpath}`;
  if (kids.length === 0) {
    if (!scope.kids && docName !== undefined) {
      // A document named by its ID, with a section: the document's page.
      const url = nodeUrl({ node, input: docName, version, qualifiers }) ?? pageOf(node);
      return {
        status: 'found',
        results: [
          {
            secid: itemSecid,
            secid_v1: itemSecid,
            weight: node.w,
            id: docName,
            title: docName,
            ...common,
            ...(url ? { url } : {}),
          },
        ],
        message: `Section "${subpath}" has no page of its own; the link goes to ${docName}.`,
      };
    }
    return {
      status: 'related',
      results: [sourceResult(ns, node, slug ?? name)],
      message: `"${subpath}" is not an item of ${node.name ?? slug ?? name}`,
    };
  }
  const results = kids.map((kid): ResolveResult => {
    const deeper = rest !== undefined ? (kid.kids ?? []).find((k) => matchesAny(k.p, rest!)) : undefined;
    const leaf = deeper ?? kid;
    const entry = kid.table?.[item] ?? scope.table?.[item];
    const url =
      (entry?.url ? httpUrl(entry.url) : undefined) ??
      nodeUrl({ node: leaf, input: rest ?? item, version, qualifiers }) ??
      nodeUrl({ node: kid, input: item, version, qualifiers }) ??
      pageOf(scope) ??
      pageOf(node) ??
      pageOf(ns);
    const title = entry?.title ?? kid.known?.[item] ?? scope.known?.[item] ?? node.known?.[item];
    const result: ResolveResult = { secid: itemSecid, secid_v1: itemSecid, weight: leaf.w, id: item, ...common };
    if (url) result.url = url;
    if (title) result.title = title;
    if (itemVersion !== undefined) result.kind = `item version ${itemVersion}`;
    return result;
  });
  return { status: 'found', results };
}

/** The URL a node's template (or, unless `lookup` is false, its `lookup` URL) gives for `input`. */
function nodeUrl(args: {
  node: V1Node;
  input: string;
  version: string | undefined;
  qualifiers: Record<string, string>;
  lookup?: boolean;
}): string | undefined {
  const { node, input, version, qualifiers, lookup = true } = args;
  const template = node.url ?? (lookup ? node.urls?.find((u) => u.type === 'lookup')?.url : undefined);
  if (template === undefined) return undefined;
  return fillV1Template({
    template,
    input,
    version,
    qualifiers: { lang: 'EN', ...qualifiers },
    ...(node.vars ? { vars: node.vars } : {}),
  });
}

/** A page about the node itself (no placeholders): its website or documentation. */
function pageOf(node: { urls?: { type: string; url: string }[]; url?: string }): string | undefined {
  if (node.url && !node.url.includes('{')) return httpUrl(node.url);
  const urls = node.urls ?? [];
  const pick =
    urls.find((u) => u.type === 'website') ??
    urls.find((u) => u.type === 'docs') ??
    urls.find((u) => !u.url.includes('{'));
  return pick && !pick.url.includes('{') ? httpUrl(pick.url) : undefined;
}

function sourceData(ns: V1Namespace, node: V1Node): SourceData {
  const data: SourceData = {
    official_name: node.name ?? ns.name,
    description: '',
    urls: Object.fromEntries((node.urls ?? ns.urls ?? []).map((u) => [u.type, u.url])),
    patterns: (node.kids ?? []).flatMap((k) => k.p.map((pattern) => ({ pattern }))),
    examples: (node.ex ?? []).map((e) => e.input),
  };
  if (node.common) data.common_name = node.common;
  if (node.versions)
    data.versions_available = node.versions.map((v) => ({
      version: v.v,
      label: v.v,
      status: v.status ?? '',
      ...(v.date ? { release_date: v.date } : {}),
    }));
  return data;
}

function sourceResult(ns: V1Namespace, node: V1Node, name: string): ResolveResult {
  const secid = `secid:${ns.type}/${ns.ns}/${name}`;
  const result: ResolveResult = {
    secid,
    secid_v1: secid,
    weight: node.w,
    title: node.name ?? name,
    source_name: node.name ?? ns.name,
    source_secid: secid,
    data: sourceData(ns, node),
  };
  if (node.common) result.source_short = node.common;
  const url = pageOf(node) ?? pageOf(ns);
  if (url) result.url = url;
  return result;
}
