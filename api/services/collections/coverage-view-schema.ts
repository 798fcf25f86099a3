import { z } from 'zod';

/**
 * The JSON of a `CoverageView` (coverage.ts), defined once for the API's coverage responses
 * (api/routes/coverage.ts, which names it) and the site snapshot's cycles and models (api/site/).
 * Plain zod, as in collection-view-schemas.ts.
 */

const datasetShareSchema = z.object({
  dataset: z.string(),
  via: z.enum(['path', 'card']).meta({ description: 'path: the part paths name the language; card: the dataset card does.' }),
  variants: z.array(z.string()),
  parts: z.number().int(),
  weight: z.number(),
  share: z.number(),
  releaseTokens: z.number().int(),
  sourceTokens: z.number().int(),
});

const figuresShape = {
  weight: z.number().meta({ description: 'Sum of the datamix weights of its parts.' }),
  /** Share of the whole mix, 0–1. */
  share: z.number().meta({ description: 'weight ÷ weight of the whole mix.' }),
  releaseTokens: z.number().int(),
  sourceTokens: z.number().int(),
  partsWithoutCounts: z.number().int().meta({ description: 'Parts lacking source or release counts (they add nothing).' }),
  datasets: z.array(datasetShareSchema),
};

export const coverageViewSchema = z.object({
  cycle: z.string(),
  /** Whose target languages the rows are. */
  targets: z.union([
    z.object({ kind: z.literal('consortium') }),
    z.object({ kind: z.literal('model'), model: z.string(), name: z.string() }),
  ]),
  totalWeight: z.number(),
  medianShare: z.number().nullable(),
  lowShareThreshold: z.number().nullable().meta({ description: 'Half the median share: target languages below it are flagged low.' }),
  languages: z.array(
    z.object({
      code: z.string().meta({ example: 'est' }),
      name: z.string(),
      variants: z.array(z.string()).meta({ example: ['ekk_Latn', 'est_Latn'] }),
      ...figuresShape,
      /** `none`: no data in the mix; `low`: below half the median target language's share. */
      gap: z.object({ kind: z.enum(['none', 'low']), message: z.string() }).nullable(),
    }),
  ),
  otherLanguages: z.array(z.object({ code: z.string(), name: z.string().nullable(), variants: z.array(z.string()), ...figuresShape })),
  languageless: z.array(
    z.object({
      dataset: z.string(),
      part: z.string(),
      content: z.enum(['text', 'code', 'unknown']),
      cardLanguage: z.string().nullable(),
      /** The language code it was counted under (English by card), or null. */
      countedAs: z.string().nullable(),
      weight: z.number(),
      share: z.number(),
      releaseTokens: z.number().int().nullable(),
      sourceTokens: z.number().int().nullable(),
    }),
  ),
});
