import { z } from 'zod';

const text = (max: number, what: string) => z.string({ error: `expected ${what}` }).trim().min(1, `expected ${what}`).max(max, `expected at most ${max} characters`);
const DIGEST_MESSAGE = 'expected the checkpoint digest: "sha256:" and 64 hex digits (the prefix may be left out)';

/**
 * A release proposal filed from outside the API (a GitHub issue): which model version, which
 * checkpoint, and why. Everything in it is public, as the vote it asks for will be. The digest is
 * written as the registry stores it (`sha256:<64 lower-case hex>`, db/schema/models.ts) whether or
 * not the filer wrote the prefix, so the precondition check compares like with like.
 */
export const releaseFilingSchema = z.strictObject({
  type: z.literal('release'),
  /** The model version to release (its registry id). */
  model_id: z.string({ error: 'expected a model id from the registry (e.g. "oellm-7b-v1")' }).regex(/^[\w.-]{1,200}$/, 'expected a model id from the registry (e.g. "oellm-7b-v1")'),
  /** The checkpoint the vote pins. */
  checkpoint_digest: z
    .string({ error: DIGEST_MESSAGE })
    .trim()
    .regex(/^(sha256:)?[0-9a-fA-F]{64}$/, DIGEST_MESSAGE)
    .transform((digest) => `sha256:${digest.replace(/^sha256:/, '').toLowerCase()}`),
  /** The vote's title; made from the model and the digest when left out. */
  title: text(300, 'a title').optional(),
  /** Why this checkpoint should be released: the vote's description. */
  rationale: text(20_000, 'the reasons for the release'),
});

export type ReleaseFiling = z.infer<typeof releaseFilingSchema>;

/**
 * What `openProposal` takes (`OpenProposalInput` in api/services/decisions/proposals.ts), written
 * out here because the domain does not import services; release-filing.test.ts checks that it fits.
 */
export type ReleaseProposalInput = {
  kind: 'release';
  title: string;
  description: string;
  subject: { type: 'model_release'; modelId: string; checkpointDigest: string };
};

/**
 * The proposal a release filing asks for: a vote of kind `release` whose subject names the model
 * and the checkpoint. The card revision is not named here: opening the vote pins it from the gate.
 */
export function toReleaseProposal(filing: ReleaseFiling): ReleaseProposalInput {
  const shortDigest = filing.checkpoint_digest.slice('sha256:'.length, 'sha256:'.length + 12);
  return {
    kind: 'release',
    title: filing.title ?? `Release ${filing.model_id} (checkpoint ${shortDigest})`,
    description: filing.rationale,
    subject: { type: 'model_release', modelId: filing.model_id, checkpointDigest: filing.checkpoint_digest },
  };
}
