import { z } from '@hono/zod-openapi';

const datasetShareSchema = z.object({
  dataset: z.string(),
  via: z.enum(['path', 'card']).openapi({ description: 'path: the part paths name the language; card: the dataset card does.' }),
  variants: z.array(z.string()),
  parts: z.number().int(),
  weight: z.number(),
  share: z.number(),
  releaseTokens: z.number().int(),
  sourceTokens: z.number().int(),
});

const figuresShape = {
  weight: z.number().openapi({ description: 'Sum of the datamix weights of its parts.' }),
  share: z.number().openapi({ description: 'weight ÷ weight of the whole mix.' }),
  releaseTokens: z.number().int(),
  sourceTokens: z.number().int(),
  partsWithoutCounts: z.number().int().openapi({ description: 'Parts lacking source or release counts (they add nothing).' }),
  datasets: z.array(datasetShareSchema),
};

export const coverageSchema = z
  .object({
    cycle: z.string(),
    targets: z.union([
      z.object({ kind: z.literal('consortium') }),
      z.object({ kind: z.literal('model'), model: z.string(), name: z.string() }),
    ]),
    totalWeight: z.number(),
    medianShare: z.number().nullable(),
    lowShareThreshold: z.number().nullable().openapi({ description: 'Half the median share: target languages below it are flagged low.' }),
    languages: z.array(
      z.object({
        code: z.string().openapi({ example: 'est' }),
        name: z.string(),
        variants: z.array(z.string()).openapi({ example: ['ekk_Latn', 'est_Latn'] }),
        ...figuresShape,
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
        countedAs: z.string().nullable(),
        weight: z.number(),
        share: z.number(),
        releaseTokens: z.number().int().nullable(),
        sourceTokens: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('LanguageCoverage');
