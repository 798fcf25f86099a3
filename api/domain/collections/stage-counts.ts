import { z } from 'zod';

/** The two stages the hub records: what was collected (source) and what goes into training (release). */
export const STAGES = ['source', 'release'] as const;
export type Stage = (typeof STAGES)[number];

/** The figures of a counts file the hub keeps, in this order everywhere (digests depend on it). */
export const COUNT_FIELDS = ['files', 'bytes', 'documents', 'segments', 'tokens', 'characters'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** Documents, tokens, bytes (and the rest) of one stage of one folder; null = the file does not say. */
export type StageCounts = Record<CountField, number | null>;

const count = z
  .number({ error: 'expected a whole number' })
  .int('expected a whole number')
  .nonnegative('expected zero or more')
  .max(Number.MAX_SAFE_INTEGER, 'too large to count exactly');

/**
 * A `<stage>.json` counts file. Only the figures are checked; the rest (time, errors, keys, ...)
 * is the pipeline's business and is passed through untouched.
 */
export const countsFileSchema = z.looseObject({
  files: count.optional(),
  bytes: count.optional(),
  documents: count.optional(),
  segments: count.optional(),
  tokens: count.optional(),
  characters: count.optional(),
  /** The tokenizer the tokens were counted with. */
  tokenizer: z.string().optional(),
});
export type CountsFile = z.infer<typeof countsFileSchema>;

/** The figures of a parsed counts file, missing ones as null. */
export function toStageCounts(file: CountsFile): StageCounts {
  return Object.fromEntries(COUNT_FIELDS.map((field) => [field, file[field] ?? null])) as StageCounts;
}

/**
 * Field-wise sum. A field is null when any addend lacks it: a total that silently skipped an
 * unknown figure would look exact and be wrong.
 */
export function sumStageCounts(addends: readonly StageCounts[]): StageCounts {
  return Object.fromEntries(
    COUNT_FIELDS.map((field) => {
      let total: number | null = 0;
      for (const counts of addends) total = total === null || counts[field] === null ? null : total + counts[field];
      return [field, total];
    }),
  ) as StageCounts;
}

/** True when both have the same figures (null equals null). */
export function sameStageCounts(a: StageCounts, b: StageCounts): boolean {
  return COUNT_FIELDS.every((field) => a[field] === b[field]);
}

/** 3845395936156 → "3,845,395,936,156": warnings are read by people. */
export function formatCount(value: number | null): string {
  if (value === null) return 'unknown';
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
