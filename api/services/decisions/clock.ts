import { and, eq, isNull } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { decideClose, dueReminder } from '../../domain/decisions/schedule.ts';
import { computeTally } from '../../domain/decisions/tally.ts';
import type { Logger } from '../../logger.ts';
import { systemActor, type ServiceContext } from '../context.ts';
import { writeWithLedger, type LedgerEvent } from '../ledger.ts';
import { checkModelCardGate } from '../model-cards/model-cards.ts';
import { loadTallyInput } from './load-proposal.ts';
import { closeProposal } from './tally.ts';

export type ClockReport = { closed: { id: string; at: string; reason: string; outcome: string }[]; reminders: { id: string; hoursBefore: number }[]; subjectsChanged: string[] };

/**
 * One tick of the decision clock at `now`: re-checks the subjects of open votes, closes the votes
 * whose time has come (at the instant they should have closed, even if the hub was down), and sends
 * the reminders due — once each, naming only the organisations that have not voted.
 */
export async function runDecisionClock(ctx: ServiceContext, now: string, logger?: Logger): Promise<ClockReport> {
  const report: ClockReport = { closed: [], reminders: [], subjectsChanged: [] };
  const open = await ctx.database.db.select().from(tables.proposals).where(eq(tables.proposals.state, 'open'));
  for (const proposal of open) {
    if (await revalidateSubject(ctx, proposal.id)) report.subjectsChanged.push(proposal.id);
    const current = (await ctx.database.db.select().from(tables.proposals).where(eq(tables.proposals.id, proposal.id)))[0]!;
    const tally = computeTally(await loadTallyInput(ctx.database.db, current, now));
    const decision = decideClose({ minCloseAt: current.minCloseAt, closesAt: current.closesAt, earlyClose: current.policy.early_close }, tally.decided, now);
    if (decision.close) {
      const closed = await closeProposal(ctx, { id: current.id, at: decision.at, reason: decision.reason });
      report.closed.push({ id: current.id, at: decision.at, reason: decision.reason, outcome: closed.outcome });
      logger?.info('proposal closed', { proposalId: current.id, at: decision.at, reason: decision.reason, outcome: closed.outcome });
      continue;
    }
    const sent = (await ctx.database.db.select().from(tables.proposalReminders).where(eq(tables.proposalReminders.proposalId, current.id))).map(
      (row) => row.hoursBefore,
    );
    const hours = dueReminder(current.closesAt, now, sent);
    if (hours === null) continue;
    await writeWithLedger(ctx, systemActor('clock'), async (tx, record) => {
      await tx.insert(tables.proposalReminders).values({ proposalId: current.id, hoursBefore: hours, sentAt: now }).onConflictDoNothing();
      record({ type: 'proposal.reminder', subject: `proposal:${current.id}`, data: { hoursBefore: hours, closesAt: current.closesAt, notVoted: tally.notVoted } });
    });
    report.reminders.push({ id: current.id, hoursBefore: hours });
  }
  return report;
}

/**
 * A release vote is pinned to a card revision and a checkpoint. If the card changed or the checkpoint
 * was withdrawn, the ballots cast so far no longer count. The content sync does this in the
 * transaction that changes the card (revalidateOpenSubjects); the clock catches anything else
 * (a checkpoint withdrawn by a report). Returns true when it changed something.
 */
export async function revalidateSubject(ctx: ServiceContext, proposalId: string): Promise<boolean> {
  const [proposal] = await ctx.database.db.select().from(tables.proposals).where(eq(tables.proposals.id, proposalId));
  if (!proposal || proposal.state !== 'open' || !proposal.subject.modelId) return false;
  // Read first: a write per open vote per tick would be a write for nothing almost always.
  if (Object.keys(await subjectChanges(ctx.database.db, proposal)).length === 0) return false;
  const changed = await writeWithLedger(ctx, systemActor('clock'), (tx, record) => revalidateOpenSubjects(tx, { now: ctx.clock().toISOString(), record, only: [proposalId] }));
  return changed.length > 0;
}

type SubjectChanges = Record<string, { from: string | null; to: string | null }>;

/**
 * Re-checks the pinned subjects of open votes (all, or `only` these) inside the caller's write, and
 * for each whose card or checkpoint changed invalidates its ballots, re-pins it and records
 * `proposal.subject_changed` (which tells the voters). Returns the ids of the votes it changed.
 */
export async function revalidateOpenSubjects(tx: Transaction, { now, record, only }: { now: string; record: (event: LedgerEvent) => void; only?: string[] }): Promise<string[]> {
  const open = await tx.select().from(tables.proposals).where(eq(tables.proposals.state, 'open'));
  const changedIds: string[] = [];
  for (const proposal of open) {
    if (!proposal.subject.modelId || (only && !only.includes(proposal.id))) continue;
    const changes = await subjectChanges(tx, proposal);
    if (Object.keys(changes).length === 0) continue;
    const invalidated = await tx
      .update(tables.ballots)
      .set({ invalidatedAt: now })
      .where(and(eq(tables.ballots.proposalId, proposal.id), isNull(tables.ballots.invalidatedAt)))
      .returning({ id: tables.ballots.id });
    const subject = { ...proposal.subject, ...(changes.cardRevision ? { cardRevision: changes.cardRevision.to ?? undefined } : {}) };
    await tx.update(tables.proposals).set({ subject, updatedAt: now }).where(eq(tables.proposals.id, proposal.id));
    record({ type: 'proposal.subject_changed', subject: `proposal:${proposal.id}`, data: { changes, invalidatedBallots: invalidated.map((row) => row.id) } });
    changedIds.push(proposal.id);
  }
  return changedIds;
}

async function subjectChanges(db: Database | Transaction, proposal: typeof tables.proposals.$inferSelect): Promise<SubjectChanges> {
  const changes: SubjectChanges = {};
  const modelId = proposal.subject.modelId!;
  if (proposal.subject.cardRevision) {
    const gate = await checkModelCardGate(db, modelId);
    if (gate.revision !== proposal.subject.cardRevision) changes.cardRevision = { from: proposal.subject.cardRevision, to: gate.revision };
  }
  if (proposal.subject.checkpointDigest) {
    const [checkpoint] = await db
      .select({ status: tables.checkpoints.status })
      .from(tables.checkpoints)
      .where(and(eq(tables.checkpoints.modelId, modelId), eq(tables.checkpoints.digest, proposal.subject.checkpointDigest)));
    if (!checkpoint || checkpoint.status === 'withdrawn') changes.checkpointDigest = { from: proposal.subject.checkpointDigest, to: null };
  }
  return changes;
}
