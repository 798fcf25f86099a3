import { z } from 'zod';
import { countryCode, httpUrl, isoDate } from '../registry/common.ts';
import { REQUESTER_KINDS, type RequestType } from './vocabulary.ts';

/**
 * One schema per request type: the single source for the API, the GitHub issue forms and the Discord
 * modal. Fields listed in CONFIDENTIAL_FIELDS are visible only to the requester and to the roles that
 * handle the request; everything else a requester writes is still shown only to them and to handlers,
 * while the public sees type, state and dates — except PUBLIC_WHEN_PUT_TO_VOTE: a vote must say
 * what it decides, so a nomination's name and URL become public once it is put to a vote.
 */
const text = (max: number, what: string) => z.string({ error: `expected ${what}` }).trim().min(1, `expected ${what}`).max(max, `expected at most ${max} characters`);
const languageVariant = z.string().regex(/^[a-z]{3}(_[A-Z][a-z]{3})?$/, 'expected an ISO 639-3 code, optionally with its script (e.g. "mlt" or "mlt_Latn")');

/** How to reach the requester: confidential. */
export const contactSchema = z.strictObject({
  name: text(200, 'a name'),
  email: z.email({ error: 'expected an e-mail address' }),
  organization: text(300, "the requester's organisation").optional(),
});

const PUBLIC_ONCE_VOTED = 'Public once the nomination is put to a vote: the vote names the dataset and links it.';

export const datasetRequestSchema = z.strictObject({
  type: z.literal('dataset'),
  name: text(300, 'the dataset name').meta({ description: `The dataset's name. ${PUBLIC_ONCE_VOTED}` }),
  url: httpUrl.meta({ description: `Where the dataset is described or downloaded. ${PUBLIC_ONCE_VOTED}` }),
  licence: text(200, 'the licence (SPDX identifier or name)'),
  languages: z.array(languageVariant).min(1, 'expected at least one language').max(100),
  estimated_tokens: z.number({ error: 'expected a number of tokens' }).int().positive().max(1e15).optional(),
  description: text(10_000, 'a description').optional(),
  pii_notes: text(5_000, 'notes on personal data').optional(),
  contamination_notes: text(5_000, 'notes on benchmark contamination').optional(),
  /** The training cycle it is nominated for, if any. */
  cycle: z.string().max(100).optional(),
  contact: contactSchema,
});

export const accessRequestSchema = z.strictObject({
  type: z.literal('access'),
  /** The organisation asking; from the registry when it is in it. */
  organization: z.strictObject({
    name: text(300, 'the organisation name'),
    registry_id: z.string().max(100).optional(),
    country: countryCode,
    third_country_controlled: z.boolean({ error: 'expected true or false' }),
    controllers: z.array(z.strictObject({ name: text(300, 'a name'), country: countryCode })).max(20).default([]),
  }),
  /** What it asks to licence: model ids and dataset ids. */
  components: z.strictObject({ models: z.array(z.string().max(200)).max(50).default([]), datasets: z.array(z.string().max(200)).max(200).default([]) }),
  intended_use: text(10_000, 'the intended use'),
  contact: contactSchema,
});

const inspectionFields = z.strictObject({
    type: z.literal('inspection'),
    requester_kind: z.enum(REQUESTER_KINDS, { error: `expected one of ${REQUESTER_KINDS.join(', ')}` }),
    /** The period the authority stated for its request, in days (AI Office and national authorities). */
    stated_period_days: z.number().int().positive().max(365).optional(),
    legal_basis: text(2_000, 'the legal basis (e.g. "AI Act Art. 53(1)(a), Art. 91")').optional(),
    /** What to inspect: confidential. */
    scope: z.strictObject({ datasets: z.array(z.string().max(200)).max(200).default([]), details: text(20_000, 'what is to be inspected') }),
    /** Links to letters and annexes: confidential. */
    attachments: z.array(httpUrl).max(20).default([]),
    preferred_date: isoDate.optional(),
    contact: contactSchema,
  });

/** An authority states the period it gives; the deadline is computed from it. */
const statesItsPeriod = (request: { requester_kind: string; stated_period_days?: number | undefined }) =>
  !['ai_office', 'national_authority'].includes(request.requester_kind) || request.stated_period_days !== undefined;
const periodStated = { path: ['stated_period_days'], message: 'expected the period the authority stated, in days' };

export const inspectionRequestSchema = inspectionFields.refine(statesItsPeriod, periodStated);

/** A correction of a model card: what is wrong, where, and the evidence. Nothing in it is confidential but the contact. */
export const cardCorrectionRequestSchema = z.strictObject({
  type: z.literal('card_correction'),
  /** The model version whose card is wrong (its registry id). */
  model_id: z.string().regex(/^[\w.-]{1,200}$/, 'expected a model id from the registry (e.g. "oellm-7b-v1")'),
  /** The field or section of the card that is wrong. */
  field: text(200, 'the field or section of the card'),
  problem: text(10_000, 'what is wrong'),
  suggested_fix: text(10_000, 'the suggested correction').optional(),
  evidence: z.array(httpUrl).max(20).default([]),
  contact: contactSchema.optional(),
});

export const requestInputSchema = z.discriminatedUnion('type', [datasetRequestSchema, accessRequestSchema, inspectionRequestSchema, cardCorrectionRequestSchema], {
  error: 'expected "type" to be one of dataset, access, inspection, card_correction',
});

export type RequestInput = z.infer<typeof requestInputSchema>;
export type DatasetRequest = z.infer<typeof datasetRequestSchema>;
export type AccessRequest = z.infer<typeof accessRequestSchema>;
export type InspectionRequest = z.infer<typeof inspectionRequestSchema>;
export type CardCorrectionRequest = z.infer<typeof cardCorrectionRequestSchema>;

/** Fields that never leave the requester and the handlers, whatever the surface. */
export const CONFIDENTIAL_FIELDS: Record<RequestInput['type'], readonly string[]> = {
  dataset: ['contact', 'pii_notes'],
  access: ['contact', 'intended_use'],
  inspection: ['contact', 'scope', 'attachments', 'legal_basis'],
  card_correction: ['contact'],
};

/**
 * What a request filed as a GitHub issue holds: the same schema without its confidential fields,
 * since an issue is public. The requester is the author, reached on the issue; the
 * confidential part, where a type has one, reaches the handlers through the API.
 */
export const publicFilingSchemas = {
  dataset: datasetRequestSchema.omit({ contact: true, pii_notes: true }),
  access: accessRequestSchema.omit({ contact: true, intended_use: true }),
  inspection: inspectionFields.omit({ contact: true, scope: true, attachments: true, legal_basis: true }).refine(statesItsPeriod, periodStated),
  card_correction: cardCorrectionRequestSchema.omit({ contact: true }),
} as const;

export type PublicFiling = { [K in RequestType]: z.infer<(typeof publicFilingSchemas)[K]> }[RequestType];

/**
 * What a requester wrote that becomes public, and when: a dataset nomination's name and URL, in the
 * title and description of its dataset_inclusion vote, once it is put to one. Nothing else ever does.
 */
export const PUBLIC_WHEN_PUT_TO_VOTE = { dataset: ['name', 'url'] } as const;

/** Splits a request into what handlers and the requester see (all) and what is confidential. */
export function splitConfidential(input: RequestInput | PublicFiling): { open: Record<string, unknown>; confidential: Record<string, unknown> } {
  const confidentialKeys = new Set(CONFIDENTIAL_FIELDS[input.type]);
  const open: Record<string, unknown> = {};
  const confidential: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) (confidentialKeys.has(key) ? confidential : open)[key] = value;
  return { open, confidential };
}
