import { z } from 'zod';
import { SECID_TYPES } from '../core/secid-types.ts';

/** The front-matter schema of registry files (see registry/README.md). Unknown keys are errors: they are usually typos. */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');
// YAML turns 2023 into a number and 2023-01-01 into a Date; both are accepted and kept as text.
const text = z.union([z.string(), z.number()]).transform(String);
const date = z
  .union([z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'a date such as 2023-10-16'), z.date()])
  .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d));
const httpUrl = z.string().regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'an http(s) URL');
const secidRef = z.string().regex(/^secid:[a-z]+\/[^\s]+$/, 'a SecID such as secid:weakness/mitre/cwe#CWE-79');
const regexSource = z.string().min(1);

export const relationSchema = z.strictObject({
  secid: secidRef,
  rel: z
    .enum(['related_to', 'maps_to', 'exploits', 'exploited_by', 'same_as', 'parent_of', 'child_of'])
    .default('related_to'),
});

export const itemSchema = z.strictObject({
  id: text.pipe(z.string().min(1)),
  title: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  url: httpUrl.optional(),
  kind: z.string().optional(),
  unverified: z.boolean().optional(),
  related: z
    .array(z.union([secidRef.transform((secid) => ({ secid, rel: 'related_to' as const })), relationSchema]))
    .optional(),
});

export const patternSchema = z.strictObject({
  pattern: regexSource,
  kind: z.string().optional(),
  url: httpUrl.optional(),
  description: z.string().optional(),
  bare: z.boolean().optional(),
  /** The first `num` of each year (`2024: 5593`): fills `{year}` in `url` for IDs that do not carry their year. */
  year_starts: z.record(z.string().regex(/^\d{4}$/, 'a year such as 2024'), z.number().int().min(0)).optional(),
});

export const versionSchema = z.union([
  text.transform((version) => ({ version, status: undefined })),
  z.strictObject({
    version: text,
    label: text.optional(),
    aliases: z.array(text).default([]),
    release_date: date.optional(),
    status: z.enum(['current', 'superseded', 'draft']).optional(),
    url: httpUrl.optional(),
    lookup: httpUrl.optional(),
    note: z.string().optional(),
    items: z.array(itemSchema).optional(),
  }),
]);

export const detectSchema = z.strictObject({
  family: slug,
  label: z.string().min(1),
  pattern: regexSource.optional(),
  default: z.enum(['on', 'off', 'context']).default('on'),
  context: z.array(z.string().min(1)).default([]),
  confidence: z.number().min(0).max(1).default(0.8),
});

const common = {
  namespace: slug,
  full_name: z.string().min(1),
  short_name: z.string().min(1).optional(),
  status: z.enum(['active', 'deprecated', 'draft']).default('active'),
  urls: z.record(z.string(), httpUrl).default({}),
  examples: z.array(secidRef).default([]),
};

export const sourceSchema = z.strictObject({
  ...common,
  type: z.enum(SECID_TYPES).exclude(['entity']),
  name: slug.optional(),
  operator: secidRef.optional(),
  name_aliases: z.array(slug).default([]),
  weight: z.number().int().min(0).max(200).default(50),
  closed: z.boolean().default(false),
  unversioned: z.enum(['current', 'all']).default('current'),
  id_pattern: regexSource.optional(),
  id_patterns: z.array(patternSchema).optional(),
  detect: z.array(detectSchema).default([]),
  versions: z.array(versionSchema).default([]),
  items: z.array(itemSchema).default([]),
  catalog: z.enum(['cwe-sdk']).optional(),
  /** Why the official SecID 1.0 registry's URLs for this source are wrong: they are then not offered beside ours. */
  official_url_wrong: z.string().min(1).optional(),
});

export const entitySchema = z.strictObject({
  ...common,
  type: z.literal('entity'),
  name: slug.optional(),
  namespace_aliases: z
    .array(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}.\-/]*$/u, 'a domain such as owasp.org'))
    .default([]),
  names: z.record(z.string(), z.unknown()).optional(),
});

export type SourceFrontMatter = z.output<typeof sourceSchema>;
export type ItemFrontMatter = z.output<typeof itemSchema>;
