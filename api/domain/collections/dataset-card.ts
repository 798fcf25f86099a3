import { z } from 'zod';
import { httpUrl } from '../registry/common.ts';
import { languageVariant } from '../registry/language.ts';
import { DATASET_CONTENTS } from './vocabulary.ts';

/**
 * A dataset card, `content/datasets/<dataset-id>.yaml`: reviewed facts the collection tree does not
 * hold. The file name is the dataset's id (the folder name in the collection, e.g. `hplt-3.0`).
 */
export const datasetCardSchema = z.strictObject({
  /** SPDX identifier of the dataset's licence as its publisher states it; null until verified. */
  licence: z
    .string({ error: 'expected an SPDX licence identifier such as "CC-BY-4.0", or null when not verified' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'expected an SPDX licence identifier such as "CC-BY-4.0" or "ODC-By-1.0"')
    .nullable(),
  /** Where the licence was read (the publisher's dataset page). */
  licence_source: httpUrl.optional(),
  /** true: may be redistributed; false: inspection only; unknown: not yet assessed. */
  redistributable: z.union([z.boolean(), z.literal('unknown')], {
    error: 'expected true, false (inspection only) or unknown',
  }),
  content: z.enum(DATASET_CONTENTS, { error: `expected one of ${DATASET_CONTENTS.join(', ')}` }).default('text'),
  /** Language of the parts whose path names none (e.g. eng_Latn for DCLM); omit when unknown or mixed. */
  language: languageVariant.optional(),
  /** Caveats a reader needs: unverified facts, terms beyond the licence, ... */
  note: z.string().min(1).optional(),
}).refine((card) => !(card.content === 'code' && card.language), {
  message: 'a code dataset has no natural language: remove "language" or set "content: text"',
  path: ['language'],
});
export type DatasetCardEntry = z.infer<typeof datasetCardSchema>;

/** Dataset ids are collection folder names: letters, digits, `.`, `_`, `+` and `-`. */
export const DATASET_ID = /^[a-z0-9][a-z0-9._+-]*$/i;
