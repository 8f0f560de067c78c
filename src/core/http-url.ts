/**
 * An http(s) URL, normalised; anything else (javascript:, data:, relative, not a string) is refused. With a
 * `template`, the URL must also keep the template's scheme and host (a filled-in ID cannot move a link elsewhere).
 * Every link we show or open passes through here.
 */
export function httpUrl(url: unknown, template?: string): string | undefined {
  if (typeof url !== 'string' || url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (template !== undefined) {
    const origin = templateOrigin(template);
    if (origin === undefined || origin !== `${parsed.protocol}//${parsed.host}`) return undefined;
  }
  return parsed.href;
}

function templateOrigin(template: string): string | undefined {
  const m = /^(https?:)\/\/([^/?#{}]+)(?:[/?#]|$)/i.exec(template);
  if (!m) return undefined;
  try {
    const u = new URL(`${m[1]}//${m[2]}/`);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}
