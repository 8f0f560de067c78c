import { httpUrl } from '../http-url.ts';
import { matchPattern } from './pattern.ts';
import type { V1Variable } from './types.ts';

/** The value of one template variable for `input`: the first capture of `extract`, shaped by `format` or a range table. */
export function variableValue(def: V1Variable, input: string): string | undefined {
  const m = matchPattern(def.extract, input);
  const captured = m ? (m[1] ?? m[0]) : undefined;
  if (captured === undefined) return undefined;
  if (def.ranges) {
    const n = Number(captured);
    if (!Number.isFinite(n)) return undefined;
    let value: string | undefined;
    for (const [start, v] of def.ranges) if (start <= n) value = v;
    return value;
  }
  return def.format ? def.format.replace(/\{1\}/g, captured) : captured;
}

// Characters that cannot stand in a URL as they are; everything else (`/`, `:`, `.`) is kept as upstream examples show.
const UNSAFE = /[\s"<>`{}|\\^%#?]/g;

/**
 * Fill a registry URL template: `{id}` (`{id_lower}`, `{id_upper}`) is the input, `{version}` the source version,
 * `{lang}` the `lang` qualifier, any other name a variable. Undefined when a placeholder stays empty or the result
 * leaves the template's scheme and host.
 */
export function fillV1Template(args: {
  template: string;
  input: string;
  vars?: Record<string, V1Variable>;
  version?: string;
  qualifiers?: Record<string, string>;
}): string | undefined {
  const { template, input, vars = {}, version, qualifiers = {} } = args;
  let missing = false;
  const filled = template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    let value: string | undefined;
    if (vars[name]) value = variableValue(vars[name], input);
    else if (name === 'id') value = input;
    else if (name === 'id_lower') value = input.toLowerCase();
    else if (name === 'id_upper') value = input.toUpperCase();
    else if (name === 'version') value = version;
    else value = qualifiers[name];
    if (value === undefined) {
      missing = true;
      return '';
    }
    return value.replace(UNSAFE, (c) => encodeURIComponent(c));
  });
  if (missing) return undefined;
  return httpUrl(filled, template);
}
