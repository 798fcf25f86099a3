import { z } from 'zod';
import { RUN_EVENT_KINDS, RUN_STATES } from './vocabulary.ts';

const count = (what: string) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int(`expected ${what} as a whole number`)
    .nonnegative(`expected ${what} to be 0 or more`)
    .max(Number.MAX_SAFE_INTEGER, `expected ${what} below 2^53`);

const finite = (what: string) =>
  z.number({ error: `expected ${what} as a finite number` }).refine(Number.isFinite, `expected ${what} as a finite number`);

/** A checkpoint the job saved; it enters the registry as a candidate. */
export const reportedCheckpointSchema = z.strictObject({
  step: count('the checkpoint step'),
  tokens: count('the checkpoint tokens').optional(),
  digest: z
    .string({ error: 'expected a digest such as "sha256:<64 hex digits>"' })
    .regex(/^sha256:[0-9a-f]{64}$/, 'expected a digest such as "sha256:<64 hex digits>"'),
  /** Where the weights are (`s3://…`, `https://…`, `hf://…`, a cluster path as `file://…`): shown as a link, so never a script. */
  uri: z
    .string()
    .max(2000, 'expected at most 2000 characters')
    // A scheme and RFC 3986's characters only: no markup, spaces or double quotes.
    .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+$/, 'expected a URI with a scheme, such as s3://bucket/path or https://…')
    .refine((uri) => !/^(javascript|data|vbscript|blob):/i.test(uri), 'expected the place of the weights, not a script')
    .optional(),
});

/**
 * What a training job sends to `POST /api/v1/training-runs/{id}/reports`. The `id` makes re-sending
 * harmless; `at` (the job's clock) orders reports, so late arrivals never move the run backwards.
 */
export const trainingReportSchema = z.strictObject({
  id: z
    .string({ error: 'expected a report id chosen by the job' })
    .min(1, 'expected a report id chosen by the job')
    .max(200, 'expected at most 200 characters'),
  at: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 instant, e.g. 2026-11-25T10:00:00Z' }),
  state: z.enum(RUN_STATES, { error: `expected one of ${RUN_STATES.join(', ')}` }),
  step: count('the step'),
  totalSteps: count('the total steps').optional(),
  tokensSeen: count('the tokens seen'),
  tokensTarget: count('the token target').optional(),
  loss: finite('the loss').optional(),
  /** Tokens per second. */
  throughput: finite('the throughput').nonnegative('expected the throughput to be 0 or more').optional(),
  events: z
    .array(
      z.strictObject({
        kind: z.enum(RUN_EVENT_KINDS, { error: `expected one of ${RUN_EVENT_KINDS.join(', ')}` }),
        message: z.string().max(2000, 'expected at most 2000 characters').optional(),
      }),
    )
    .max(50, 'expected at most 50 events per report')
    .default([]),
  checkpoint: reportedCheckpointSchema.optional(),
});

export type TrainingReport = z.infer<typeof trainingReportSchema>;
