import type { DatabaseHandle, Transaction } from '../../db/index.ts';
import type { TokenScope } from '../domain/vocabulary.ts';

/** The world a service runs in: where the data is and what time it is. Injected, never global. */
export type ServiceContext = {
  database: DatabaseHandle;
  /** Now. Tests pass a fixed or steppable clock. An answer that reads it holds only at this instant. */
  clock: () => Date;
  /**
   * Today's date (UTC), for answers that depend on the day only (eligibility re-checks): such an
   * answer holds until midnight UTC. The API's read cache learns it this way (api/http/time-dependence.ts).
   */
  today?: () => string;
  /**
   * Work a caller adds to each write made with this context, in the same transaction, after the
   * service's own work and with its result: a bot records that it applied an effect, so that the
   * effect and the record of it commit together or not at all (api/services/github/effects.ts, bots/github/apply-once.ts).
   */
  inWrite?: (tx: Transaction, result: unknown) => Promise<void>;
};

/** Who is asking. Services authorise on this, whichever surface the request came through. */
export type Actor =
  | { kind: 'anonymous' }
  /** The hub itself or an operator at the console (`agora` CLI, start-up sync). */
  | { kind: 'system'; name: string }
  | { kind: 'token'; tokenId: string; scopes: readonly TokenScope[]; memberId: string | null }
  /** A registry member recognised by a bot from their Discord id or GitHub login (signature-checked). */
  | { kind: 'member'; memberId: string; via: 'discord' | 'github' | 'demo' }
  /**
   * Someone who is not a member and filed a request through a bot (a GitHub issue's author): they
   * act only as the requester of what they filed. Known by an id; the handle stays in the mutable
   * `external_requesters` table, never in the ledger.
   */
  | { kind: 'requester'; requesterId: string; via: 'github' };

export const anonymous: Actor = { kind: 'anonymous' };

export function systemActor(name: string): Actor {
  return { kind: 'system', name };
}

/** How the ledger names an actor: ids only, never personal data. */
export function ledgerActor(actor: Actor): string {
  switch (actor.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'system':
      return `system:${actor.name}`;
    case 'token':
      return actor.memberId ? `member:${actor.memberId}` : `token:${actor.tokenId}`;
    case 'member':
      return `member:${actor.memberId}`;
    case 'requester':
      return `requester:${actor.requesterId}`;
  }
}

/** Today's calendar date (UTC), read so that an answer built on it is known to hold for the day. */
export function todayOf(ctx: ServiceContext): string {
  return ctx.today ? ctx.today() : utcDate(ctx.clock());
}

/** The calendar date (UTC) of an instant, as the domain's date rules expect it. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The member an actor acts as, if any. */
export function actingMemberId(actor: Actor): string | null {
  if (actor.kind === 'member') return actor.memberId;
  if (actor.kind === 'token') return actor.memberId;
  return null;
}
