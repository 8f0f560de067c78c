// What the extension may ask for. Documented in docs/release.md ("Permissions"); checked by
// tests/unit/manifest.test.ts and by `npm run package` before anything is zipped.

/**
 * API permissions: settings (storage), the "Look up" menu item (contextMenus), the keyboard shortcut's tab (activeTab),
 * and injecting the content script's card UI on first use (scripting; no install warning, and it reaches only the
 * pages the content script's matches already cover).
 */
export const ALLOWED_PERMISSIONS = ['activeTab', 'contextMenus', 'scripting', 'storage'] as const;
/**
 * Host access: ordinary web pages, nothing else. The content script's matches, and the same two patterns as
 * host_permissions, which Chrome requires for scripting.executeScript (the card UI injected on first use): the same
 * hosts, so the same install warning; nothing broader.
 */
export const ALLOWED_MATCHES = ['http://*/*', 'https://*/*'] as const;

/** The one host the extension may ask for, at the moment the user turns live details on (never at install). */
export const ALLOWED_OPTIONAL_HOSTS = ['https://api.osv.dev/*'] as const;

const HOST_KEYS = ['optional_permissions'] as const;

/** Every way `manifest` asks for more than the allow-lists; empty when it is within them. */
export function manifestProblems(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const allowed = new Set<string>(ALLOWED_PERMISSIONS);
  const permissions = (manifest.permissions as unknown[] | undefined) ?? [];
  for (const p of permissions)
    if (typeof p !== 'string' || !allowed.has(p))
      problems.push(`permissions: "${String(p)}" is not in the allowed list (${ALLOWED_PERMISSIONS.join(', ')})`);
  const hosts = manifest.host_permissions as unknown[] | undefined;
  if (
    hosts !== undefined &&
    (!Array.isArray(hosts) || JSON.stringify([...hosts].sort()) !== JSON.stringify([...ALLOWED_MATCHES]))
  ) {
    problems.push(
      `host_permissions: must be absent or exactly ${JSON.stringify(ALLOWED_MATCHES)}, is ${JSON.stringify(hosts)}`,
    );
  }
  for (const key of HOST_KEYS) {
    const value = manifest[key] as unknown[] | undefined;
    if (value !== undefined && (!Array.isArray(value) || value.length > 0))
      problems.push(`${key}: must be absent, is ${JSON.stringify(value)}`);
  }
  const optional = manifest.optional_host_permissions as unknown[] | undefined;
  if (
    optional !== undefined &&
    (!Array.isArray(optional) || optional.some((h) => !(ALLOWED_OPTIONAL_HOSTS as readonly unknown[]).includes(h)))
  ) {
    problems.push(
      `optional_host_permissions: only ${ALLOWED_OPTIONAL_HOSTS.join(', ')} is allowed, is ${JSON.stringify(optional)}`,
    );
  }
  const matches = new Set<string>(ALLOWED_MATCHES);
  const scripts = (manifest.content_scripts as { matches?: unknown[] }[] | undefined) ?? [];
  for (const [i, script] of scripts.entries()) {
    for (const m of script.matches ?? [])
      if (typeof m !== 'string' || !matches.has(m))
        problems.push(`content_scripts[${i}].matches: "${String(m)}" is not ${ALLOWED_MATCHES.join(' or ')}`);
  }
  return problems;
}
