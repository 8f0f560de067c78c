import { httpUrl } from './http-url.ts';
/**
 * Fill a registry URL template from an item ID. The answer is undefined, never a wrong URL, when a placeholder
 * cannot be filled, when the result is not http(s), or when its scheme or host differ from the template's.
 */
export function fillTemplate(
  template: string,
  id: string,
  extra: Record<string, string | undefined> = {},
): string | undefined {
  const vars: Record<string, string | undefined> = {
    id,
    id_lower: id.toLowerCase(),
    id_upper: id.toUpperCase(),
    num: /^[^0-9]*([0-9].*)$/.exec(id)?.[1],
    year: /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(id)?.[1],
    ...extra,
  };
  let unfilled = false;
  const filled = template.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      unfilled = true;
      return '';
    }
    // Keep characters that are harmless in every URL part readable; everything else is escaped.
    return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/g, '@');
  });
  if (unfilled) return undefined;
  return httpUrl(filled, template);
}
