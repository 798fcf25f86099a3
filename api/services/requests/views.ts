import { asc, eq } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { answerPeriodDays, computeDeadline, DEFAULT_DEADLINES, type DeadlineDefaults, type Pause } from '../../domain/requests/deadlines.ts';
import type { RequestType } from '../../domain/requests/vocabulary.ts';

export type RequestRow = typeof tables.requests.$inferSelect;

/** What anyone may see: the kind of request, where it stands and its dates — nothing a requester wrote. */
export type PublicRequestView = {
  id: string;
  type: RequestType;
  state: string;
  filedAt: string;
  dueAt: string;
  overdue: boolean;
  paused: boolean;
  answeredAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  /** Filed by `agora demo`: not a real request (the hub's flag, nothing the requester wrote). */
  isDemo: boolean;
};

/** `commentSalt` proves the comment against the salted digest in the ledger (api/domain/ledger/salted-digest.ts). */
export type RequestActivity = { kind: string; transition: string | null; from: string | null; to: string | null; actor: string; comment: string | null; commentSalt: string | null; at: string };

/** What the requester and the handlers see. */
export type FullRequestView = PublicRequestView & {
  visibility: 'full';
  filedBy: string;
  /** With the canonical JSON of what was filed, proves the filing's salted digest in the ledger. */
  filedDigestSalt: string | null;
  requesterKind: string | null;
  periodDays: number;
  assigneeMemberId: string | null;
  details: Record<string, unknown>;
  confidential: Record<string, unknown>;
  eligibility: RequestRow['eligibility'];
  revalidateAt: string | null;
  linkedDatasetId: string | null;
  linkedProposalId: string | null;
  daysLeft: number | null;
  answeredOnTime: boolean | null;
  pauses: { from: string; to: string | null }[];
  activity: RequestActivity[];
};

export async function loadPauses(db: Transaction | Database, requestId: string) {
  return db
    .select({ from: tables.requestPauses.from, to: tables.requestPauses.to })
    .from(tables.requestPauses)
    .where(eq(tables.requestPauses.requestId, requestId))
    .orderBy(asc(tables.requestPauses.from));
}

/**
 * The deadline settings as synced from content/governance/requests.yaml. A setting stored before a
 * request type existed lacks that type: it takes the default until the next sync writes it.
 */
export async function deadlineDefaults(db: Transaction | Database): Promise<DeadlineDefaults> {
  const [row] = await db.select().from(tables.settings).where(eq(tables.settings.key, 'request_deadlines'));
  return { ...DEFAULT_DEADLINES, ...(row?.value as Partial<DeadlineDefaults> | undefined) };
}

export { answerPeriodDays };

export async function toPublicView(db: Transaction | Database, row: RequestRow, now: string): Promise<PublicRequestView> {
  return publicViewOf(row, await loadPauses(db, row.id), now);
}

export async function toFullView(db: Transaction | Database, row: RequestRow, now: string): Promise<FullRequestView> {
  const pauses = await loadPauses(db, row.id);
  return fullViewOf(row, pauses, await loadActivity(db, row.id), now);
}

async function loadActivity(db: Transaction | Database, requestId: string): Promise<ActivityRow[]> {
  return db.select().from(tables.requestActivity).where(eq(tables.requestActivity.requestId, requestId)).orderBy(asc(tables.requestActivity.id));
}

export type ActivityRow = typeof tables.requestActivity.$inferSelect;

/** The public view from a row and its pauses (oldest first), at `now`. */
export function publicViewOf(row: RequestRow, pauses: readonly Pause[], now: string): PublicRequestView {
  const deadline = computeDeadline({ filedAt: row.filedAt, periodDays: row.periodDays, pauses, answeredAt: row.answeredAt }, now);
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    filedAt: row.filedAt,
    dueAt: deadline.dueAt,
    overdue: deadline.overdue,
    paused: deadline.paused,
    answeredAt: row.answeredAt,
    closedAt: row.closedAt,
    updatedAt: row.updatedAt,
    isDemo: row.isDemo,
  };
}

/** The full view from a row, its pauses and its activity (both oldest first), at `now`. */
export function fullViewOf(row: RequestRow, pauses: readonly Pause[], activity: readonly ActivityRow[], now: string): FullRequestView {
  const deadline = computeDeadline({ filedAt: row.filedAt, periodDays: row.periodDays, pauses, answeredAt: row.answeredAt }, now);
  return {
    ...publicViewOf(row, pauses, now),
    visibility: 'full',
    filedBy: row.filedBy,
    filedDigestSalt: row.filedDigestSalt,
    requesterKind: row.requesterKind,
    periodDays: row.periodDays,
    assigneeMemberId: row.assigneeMemberId,
    details: row.details,
    confidential: row.confidential,
    eligibility: row.eligibility,
    revalidateAt: row.revalidateAt,
    linkedDatasetId: row.linkedDatasetId,
    linkedProposalId: row.linkedProposalId,
    daysLeft: deadline.daysLeft,
    answeredOnTime: deadline.answeredOnTime,
    pauses: pauses.map(({ from, to }) => ({ from, to })),
    activity: activity.map((entry) => ({
      kind: entry.kind,
      transition: entry.transition,
      from: entry.fromState,
      to: entry.toState,
      actor: entry.actor,
      comment: entry.comment,
      commentSalt: entry.commentSalt,
      at: entry.at,
    })),
  };
}
