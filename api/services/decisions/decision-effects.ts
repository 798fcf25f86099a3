import { and, desc, eq, inArray } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import type { ProposalSubject } from '../../../db/schema/decisions.ts';
import { effectOf, type DecisionEffect } from '../../domain/decisions/effects.ts';
import type { Outcome } from '../../domain/decisions/vocabulary.ts';
import { systemActor } from '../context.ts';
import { AppError } from '../errors.ts';
import type { LedgerEvent } from '../ledger.ts';
import { loadRequest, transitionRequestInWrite } from '../requests/transition-request.ts';

export type DecisionEffectRow = typeof tables.decisionEffects.$inferSelect;

/**
 * Makes a closed decision's outcome take effect, inside the transaction that closed it, with its
 * own ledger entry: a passed release marks the model version released with its pinned checkpoint;
 * a passed inclusion accepts the dataset (and moves its nomination on); a passed deprecation marks
 * the dataset deprecated; a policy change or membership is recorded. Any other outcome leaves the
 * subject as it was, and the record says so.
 */
export async function applyDecisionEffect(
  tx: Transaction,
  {
    proposal,
    outcome,
    closedAt,
    now,
    record,
  }: { proposal: { id: string; kind: string; subject: ProposalSubject }; outcome: Outcome; closedAt: string; now: string; record: (event: LedgerEvent) => void },
): Promise<DecisionEffectRow> {
  const { effect, subjectRef, details } = effectOf(proposal.kind, outcome, proposal.subject, closedAt);
  const facts = { ...details, ...(await carryOut(tx, effect, proposal, now, record)) };
  const row: DecisionEffectRow = { proposalId: proposal.id, kind: proposal.kind, outcome, effect, subjectRef, details: facts, at: closedAt };
  await tx.insert(tables.decisionEffects).values(row);
  record({ type: 'decision.effect', subject: `proposal:${proposal.id}`, data: { outcome, effect, on: subjectRef, details: facts } });
  return row;
}

async function carryOut(
  tx: Transaction,
  effect: DecisionEffect,
  proposal: { id: string; subject: ProposalSubject },
  now: string,
  record: (event: LedgerEvent) => void,
): Promise<Record<string, unknown>> {
  const { subject } = proposal;
  if (effect === 'released' && subject.modelId) {
    await tx.update(tables.models).set({ status: 'released', updatedAt: now }).where(eq(tables.models.id, subject.modelId));
    if (subject.checkpointDigest)
      await tx
        .update(tables.checkpoints)
        .set({ status: 'released' })
        .where(and(eq(tables.checkpoints.modelId, subject.modelId), eq(tables.checkpoints.digest, subject.checkpointDigest)));
    return {};
  }
  if (effect === 'accepted' && subject.reference?.startsWith('request:')) {
    const request = await loadRequest(tx, subject.reference.slice('request:'.length));
    try {
      await transitionRequestInWrite(tx, {
        actor: systemActor('decisions'),
        input: { id: request.id, transition: 'accept', comment: `The inclusion vote ${proposal.id} passed.`, ...(subject.datasetId ? { datasetId: subject.datasetId } : {}) },
        request,
        roles: ['data_steward'],
        now,
        record,
      });
      return { request: request.id, requestState: 'accepted' };
    } catch (error) {
      // The nomination moved meanwhile (withdrawn, declined): the vote still passed; the record says why it stayed.
      if (!(error instanceof AppError)) throw error;
      return { request: request.id, requestState: request.state, requestNotMoved: error.message };
    }
  }
  return {};
}

/** The effects recorded on these subjects (`model:…`, `dataset:…`, `request:…`), newest first. */
export async function effectsOn(db: Database | Transaction, subjectRefs: string[]): Promise<DecisionEffectRow[]> {
  if (subjectRefs.length === 0) return [];
  return db.select().from(tables.decisionEffects).where(inArray(tables.decisionEffects.subjectRef, subjectRefs)).orderBy(desc(tables.decisionEffects.at));
}

/** The effects of these decisions, by proposal id. */
export async function effectsOf(db: Database | Transaction, proposalIds: string[]): Promise<Map<string, DecisionEffectRow>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await db.select().from(tables.decisionEffects).where(inArray(tables.decisionEffects.proposalId, proposalIds));
  return new Map(rows.map((row) => [row.proposalId, row]));
}
