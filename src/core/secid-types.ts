/** The SecID types. The first seven are SecID 0.9 (our registry format); the last three came with SecID 1.0. */
export const SECID_TYPES = [
  'advisory',
  'weakness',
  'ttp',
  'control',
  'regulation',
  'entity',
  'reference',
  'capability',
  'methodology',
  'disclosure',
] as const;

export type SecIdType = (typeof SECID_TYPES)[number];

export function isSecIdType(value: string): value is SecIdType {
  return (SECID_TYPES as readonly string[]).includes(value);
}
