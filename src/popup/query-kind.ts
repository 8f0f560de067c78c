/**
 * Whether typed text is written like an identifier (`ML11`, `CVE-2024-3094`, `secid:...`, `ml-top10#ML03`) rather than
 * words to search for. A failed resolution of an identifier deserves its precise message; for words ("injection") the
 * search results speak and "not a SecID" would be noise.
 */
export function looksLikeId(text: string): boolean {
  const s = text.trim();
  if (s === '') return false;
  if (/^secid:/i.test(s)) return true;
  if (/\s/.test(s)) return false;
  // A list reference (`ml-top10#ML03`, `VU#867593`, `LLM01:2025`, `owasp/ml-top10`) or letters then digits (`ML11`, `AML.T0051`).
  return /[#@/:]/.test(s) || /^[A-Za-z][A-Za-z._-]*\d/.test(s);
}
