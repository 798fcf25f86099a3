import { and, eq } from 'drizzle-orm';
import { tables, type Database } from '../../../db/index.ts';
import type { PolicyEntry } from '../../domain/decisions/policy.ts';
import type { ProposalSubject } from '../../../db/schema/decisions.ts';
import { checkModelCardGate } from '../model-cards/model-cards.ts';

export type PreconditionCheck = { ok: boolean; reasons: string[]; subject: ProposalSubject };

/**
 * Whether a proposal may open under its policy's preconditions, and the subject pinned to it: a
 * release names a model and a checkpoint digest; the card's revision is pinned from the gate.
 */
export async function checkPreconditions(db: Database, policy: PolicyEntry, subject: ProposalSubject): Promise<PreconditionCheck> {
  const reasons: string[] = [];
  let pinned = { ...subject };
  const needsModel = policy.preconditions.length > 0;
  if (needsModel && !subject.modelId) return { ok: false, reasons: ['A release names the model version (subject.modelId).'], subject };

  if (policy.preconditions.includes('complete_model_card') && subject.modelId) {
    const gate = await checkModelCardGate(db, subject.modelId);
    if (!gate.complete) reasons.push(...gate.reasons.map((reason) => `Model card: ${reason}`));
    else pinned = { ...pinned, cardRevision: gate.revision! };
  }
  if (policy.preconditions.includes('completed_training_run') && subject.modelId) {
    if (!subject.checkpointDigest) reasons.push('A release names the checkpoint to release (subject.checkpointDigest).');
    else {
      const [checkpoint] = await db
        .select({ runId: tables.checkpoints.runId })
        .from(tables.checkpoints)
        .where(and(eq(tables.checkpoints.modelId, subject.modelId), eq(tables.checkpoints.digest, subject.checkpointDigest)));
      if (!checkpoint) reasons.push(`No checkpoint of ${subject.modelId} has the digest ${subject.checkpointDigest}.`);
      else {
        const [run] = checkpoint.runId
          ? await db.select({ state: tables.trainingRuns.state }).from(tables.trainingRuns).where(eq(tables.trainingRuns.id, checkpoint.runId))
          : [];
        if (run?.state !== 'completed')
          reasons.push(`The checkpoint comes from ${checkpoint.runId ? `run ${checkpoint.runId}, which is ${run?.state ?? 'unknown'}` : 'no recorded run'}; a release needs a completed training run.`);
      }
    }
  }
  return { ok: reasons.length === 0, reasons, subject: pinned };
}
