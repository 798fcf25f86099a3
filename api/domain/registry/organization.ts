import { z } from 'zod';
import { DECLARATION_BASES, ORGANIZATION_CATEGORIES, ORGANIZATION_TYPES } from '../vocabulary.ts';
import { countryCode, httpUrl, isoDate, rejectDuplicates, slug } from './common.ts';

/** Who controls an organisation, as it declared or as public records show. */
export const ownershipControlSchema = z.strictObject({
  /** True when a person or body from outside the EU/EEA/associated countries controls the organisation. */
  third_country_controlled: z.boolean({ error: 'expected true or false' }),
  /** Those who control it (majority owner, parent company), each with its country. */
  controllers: z
    .array(z.strictObject({ name: z.string().min(1), country: countryCode }))
    .default([]),
  /** When the declaration was made or the public record read. */
  declared: isoDate,
  /** When it must be checked again; after this date the verdict fails closed. */
  recheck: isoDate,
  /** Whether the organisation declared it or the secretariat read it from public records. */
  basis: z.enum(DECLARATION_BASES, { error: `expected one of ${DECLARATION_BASES.join(', ')}` }),
  /** Where the facts come from, or anything a reviewer should know. */
  note: z.string().optional(),
});

/** One organisation of the consortium registry (content/governance/organizations.yaml). */
export const organizationEntrySchema = z
  .strictObject({
    /** Stable identifier, used in URLs and in the ledger. */
    id: slug,
    /** Name people know it by. */
    name: z.string({ error: 'expected a name' }).min(1, 'expected a name'),
    /** Registered legal name, when it differs from the name. */
    legal_name: z.string().min(1).optional(),
    /** Country of establishment, ISO 3166-1 alpha-2. */
    country: countryCode,
    category: z.enum(ORGANIZATION_CATEGORIES, {
      error: `expected one of ${ORGANIZATION_CATEGORIES.join(', ')}`,
    }),
    type: z.enum(ORGANIZATION_TYPES, { error: `expected one of ${ORGANIZATION_TYPES.join(', ')}` }),
    /** What it does in the consortium (coordinator, co-lead, data, evaluation, ...). */
    role: z.string().min(1).optional(),
    website: httpUrl.optional(),
    joined: isoDate.optional(),
    left: isoDate.optional(),
    ownership_control: ownershipControlSchema.optional(),
  })
  .refine((org) => !org.left || !org.joined || org.left >= org.joined, {
    path: ['left'],
    message: 'expected a date on or after "joined"',
  });

export const organizationsFileSchema = z.strictObject({
  organizations: z
    .array(organizationEntrySchema, { error: 'expected a list of organisations' })
    .superRefine(rejectDuplicates('id', 'id')),
});

export type OrganizationEntry = z.infer<typeof organizationEntrySchema>;
export type OwnershipControlEntry = z.infer<typeof ownershipControlSchema>;
