import { z } from 'zod';
import { ORGANIZATION_CATEGORIES } from '../vocabulary.ts';
import { rejectDuplicates } from '../registry/common.ts';

/** The options a ballot may carry. */
export const BALLOT_OPTIONS = ['approve', 'abstain', 'reject'] as const;
export type BallotOption = (typeof BALLOT_OPTIONS)[number];

/** What must hold before a proposal of this kind may open. */
export const POLICY_PRECONDITIONS = ['complete_model_card', 'completed_training_run'] as const;
export type PolicyPrecondition = (typeof POLICY_PRECONDITIONS)[number];

const category = z.enum(ORGANIZATION_CATEGORIES, {
  error: `expected one of ${ORGANIZATION_CATEGORIES.join(', ')}`,
});
const share = z
  .number({ error: 'expected a share between 0 and 1 (e.g. 0.5)' })
  .min(0, 'expected a share between 0 and 1')
  .max(1, 'expected a share between 0 and 1');
const hours = z.number({ error: 'expected a number of hours' }).positive('expected a positive number of hours');

/** The rules one kind of decision follows (content/governance/policies.yaml). */
export const policyEntrySchema = z
  .strictObject({
    /** The decision kind: release, dataset_inclusion, policy_change, ... */
    kind: z.string().regex(/^[a-z]+(?:_[a-z]+)*$/, 'expected a snake_case kind such as "release"'),
    title: z.string().min(1, 'expected a title'),
    description: z.string().optional(),
    /** Categories whose organisations cast binding votes (one per organisation). */
    binding: z.array(category).min(1, 'expected at least one binding category'),
    /** Categories whose organisations may vote for the record without the vote counting. */
    advisory: z.array(category).default([]),
    options: z.array(z.enum(BALLOT_OPTIONS)).min(2).default([...BALLOT_OPTIONS]),
    /** Share of the binding electorate that must vote (abstentions count). */
    quorum: share,
    /** approve ÷ (approve + reject) must reach this share. */
    threshold: share,
    /** At least this many binding approvals are needed, whatever the shares. */
    minimum_approvals: z.number().int().nonnegative().default(0),
    /** Voting stays open at least this long before it may close early. */
    minimum_duration_hours: hours,
    /** Voting closes at the latest after this long. */
    maximum_duration_hours: hours,
    concerns: z
      .strictObject({
        enabled: z.boolean(),
        /** Categories whose delegates may raise a blocking concern. */
        raised_by: z.array(category).default([]),
      })
      .default({ enabled: false, raised_by: [] }),
    /** Ballots stay hidden until the vote closes; voters get a receipt. */
    secret: z.boolean().default(false),
    preconditions: z.array(z.enum(POLICY_PRECONDITIONS)).default([]),
    /** Close as soon as the outcome can no longer change (after the minimum duration). */
    early_close: z.boolean().default(true),
  })
  .refine((policy) => policy.maximum_duration_hours >= policy.minimum_duration_hours, {
    path: ['maximum_duration_hours'],
    message: 'expected at least minimum_duration_hours',
  })
  .refine((policy) => policy.options.includes('approve') && policy.options.includes('reject'), {
    path: ['options'],
    message: 'expected the options to include approve and reject',
  });

export const policiesFileSchema = z.strictObject({
  policies: z
    .array(policyEntrySchema, { error: 'expected a list of policies' })
    .superRefine(rejectDuplicates('kind', 'kind')),
});

export type PolicyEntry = z.infer<typeof policyEntrySchema>;
