import { z } from 'zod';
import { LANGUAGE_GROUPS } from '../vocabulary.ts';
import { rejectDuplicates } from './common.ts';

/** An ISO 639-3 code with its script, as the collection writes it: `mlt_Latn`. */
export const languageVariant = z
  .string()
  .regex(/^[a-z]{3}_[A-Z][a-z]{3}$/, 'expected an ISO 639-3 code and an ISO 15924 script, e.g. "mlt_Latn"');

/** One target language of the consortium (content/governance/languages.yaml). */
export const languageEntrySchema = z.strictObject({
  /** ISO 639-3 code, the language's identity. */
  code: z.string().regex(/^[a-z]{3}$/, 'expected an ISO 639-3 code (three lower-case letters)'),
  name: z.string().min(1, 'expected a name'),
  /** ISO 639-1 code where one exists (used by Hugging Face metadata). */
  iso639_1: z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code (two letters)').optional(),
  group: z.enum(LANGUAGE_GROUPS, { error: `expected one of ${LANGUAGE_GROUPS.join(', ')}` }),
  /** Every code_Script under which data for this language appears; the first is the preferred one. */
  variants: z.array(languageVariant).min(1, 'expected at least one variant such as "mlt_Latn"'),
  /** Position in the consortium's priority list (1 = first). */
  priority: z.number().int().positive(),
});

export const languagesFileSchema = z
  .strictObject({
    languages: z
      .array(languageEntrySchema, { error: 'expected a list of languages' })
      .superRefine(rejectDuplicates('code', 'language code'))
      .superRefine(rejectDuplicates('priority', 'priority')),
  })
  .superRefine((file, ctx) => {
    const owner = new Map<string, string>();
    file.languages.forEach((language, index) =>
      language.variants.forEach((variant, variantIndex) => {
        const other = owner.get(variant);
        if (other)
          ctx.addIssue({
            code: 'custom',
            path: ['languages', index, 'variants', variantIndex],
            message: `variant "${variant}" already belongs to "${other}"`,
          });
        else owner.set(variant, language.code);
      }),
    );
  });

export type LanguageEntry = z.infer<typeof languageEntrySchema>;
