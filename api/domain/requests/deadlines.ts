import type { RequesterKind, RequestType } from './vocabulary.ts';

const DAY = 86_400_000;

/** Days to answer when no authority stated a period (content/governance/requests.yaml): one per type, and downstream providers'. */
export type DeadlineDefaults = Record<RequestType, number> & { downstream_provider: number };

export const DEFAULT_DEADLINES: DeadlineDefaults = { dataset: 30, access: 30, inspection: 30, card_correction: 30, downstream_provider: 14 };

/**
 * Days the consortium has to answer a request: the period an authority stated (AI Office, national
 * authorities), 14 days for downstream providers, the configured default otherwise.
 */
export function answerPeriodDays(
  request: { type: RequestType; requesterKind?: RequesterKind | null; statedPeriodDays?: number | null },
  defaults: DeadlineDefaults,
): number {
  if (request.type !== 'inspection') return defaults[request.type];
  if ((request.requesterKind === 'ai_office' || request.requesterKind === 'national_authority') && request.statedPeriodDays) return request.statedPeriodDays;
  if (request.requesterKind === 'downstream_provider') return defaults.downstream_provider;
  return defaults.inspection;
}

export type Pause = { from: string; to: string | null };

export type Deadline = {
  /** When the answer is due, with every pause added; while paused, as if it resumed now. */
  dueAt: string;
  paused: boolean;
  overdue: boolean;
  /** Once answered: whether it was in time. */
  answeredOnTime: boolean | null;
  /** Whole days left (negative when late); null once answered. */
  daysLeft: number | null;
};

/**
 * The deadline of a request at `now`: filing time plus the answer period plus the time spent waiting
 * for the requester (clarification pauses the clock). Overdue when unanswered past the due instant
 * and not paused.
 */
export function computeDeadline(
  request: { filedAt: string; periodDays: number; pauses: readonly Pause[]; answeredAt: string | null },
  now: string,
): Deadline {
  const nowMs = Date.parse(now);
  const pausedMs = request.pauses.reduce((total, pause) => total + (Date.parse(pause.to ?? now) - Date.parse(pause.from)), 0);
  const paused = request.pauses.some((pause) => pause.to === null);
  const dueMs = Date.parse(request.filedAt) + request.periodDays * DAY + pausedMs;
  const dueAt = new Date(dueMs).toISOString();
  if (request.answeredAt) return { dueAt, paused: false, overdue: false, answeredOnTime: Date.parse(request.answeredAt) <= dueMs, daysLeft: null };
  return { dueAt, paused, overdue: !paused && nowMs > dueMs, answeredOnTime: null, daysLeft: Math.floor((dueMs - nowMs) / DAY) };
}

/** Notices the clock sends about a deadline: three days before, and when it passes. */
export const DEADLINE_NOTICES = ['due_soon', 'overdue'] as const;
export type DeadlineNotice = (typeof DEADLINE_NOTICES)[number];

/** The notice due at `now` that was not sent yet (each is sent once). */
export function dueNotice(deadline: Deadline, now: string, sent: readonly DeadlineNotice[]): DeadlineNotice | null {
  if (deadline.answeredOnTime !== null || deadline.paused) return null;
  if (deadline.overdue) return sent.includes('overdue') ? null : 'overdue';
  const soon = Date.parse(deadline.dueAt) - Date.parse(now) <= 3 * DAY;
  return soon && !sent.includes('due_soon') ? 'due_soon' : null;
}
