/** Texts built to make a detector work hard: near-misses, unbounded tokens, repeated prefixes. */
export function adversarialTexts(): { name: string; text: string }[] {
  const mb = 1_000_000;
  const nearMisses: string[] = [];
  const shapes = [
    'CVE-2024-12',
    'ML011',
    'HTML01',
    'LLM2',
    'AML.T00',
    'T105',
    'CWE-',
    'GHSA-aaaa-bbbb',
    'secid:weakness',
    'A00',
    'XML10',
    'T1059.00',
  ];
  for (let i = 0; i < 100_000; i++) nearMisses.push(shapes[i % shapes.length]!);
  return [
    { name: '1 MB of "CVE-2024-" repeated', text: 'CVE-2024-'.repeat(Math.ceil(mb / 9)).slice(0, mb) },
    { name: '"secid:" then 1 MB without spaces', text: `secid:weakness/${'a'.repeat(mb)}` },
    { name: '"secid:" 100,000 times without spaces', text: 'secid:ttp/'.repeat(100_000) },
    { name: '100,000 near-miss IDs', text: nearMisses.join(' ') },
    { name: '1 MB of digits', text: '7'.repeat(mb) },
    { name: '1 MB of "ML0"', text: 'ML0'.repeat(Math.ceil(mb / 3)).slice(0, mb) },
  ];
}
