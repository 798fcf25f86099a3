import type { Logger } from '../../api/logger.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { serialPasses } from './serial-passes.ts';
import { claimMessage, listDueMessages, recordDead, recordDelivered, recordFailed, type OutboxMessage } from '../../api/services/outbox.ts';

/**
 * Thrown by a channel when a message can never be delivered (the remote object is gone, the
 * remote side refuses it for good): it becomes a dead letter instead of holding its channel up.
 */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

/**
 * Sends one message to its channel: creates the remote object, or edits it when the message has a
 * `remoteId` from an earlier delivery. Returns the remote object's id. A throw is a failed attempt.
 */
export type DeliverMessage = (message: OutboxMessage) => Promise<{ remoteId?: string | null }>;

export type OutboxDeliverer = {
  /** Delivers what is due now; resolves when this pass is done (tests and shutdown). */
  deliverDue(): Promise<void>;
  /** Asks for a pass soon (after a commit that queued messages). */
  kick(): void;
  stop(): Promise<void>;
};

/** Waits between attempts: 1 s, 2 s, 4 s … up to an hour, each with up to a fifth more at random. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.min(attempts, 22));
  return Math.round(base * (1 + random() / 5));
}

/**
 * Delivers the outbox after commit, channel by channel, one message at a time in the order queued:
 * the network call happens outside any write, and its outcome is recorded in a write of its own.
 * A channel that is down keeps its messages (with backoff) and loses none; a channel without a
 * deliverer (its credentials are not set) keeps them queued. A message is marked delivered only
 * after its call succeeded, so a crash between the two delivers it again: channels make that
 * harmless with the message's key and remote id (edit, not duplicate).
 */
export function createOutboxDeliverer(options: {
  services: ServiceContext;
  channels: Record<string, DeliverMessage>;
  logger: Logger;
  pollMs?: number;
  batch?: number;
}): OutboxDeliverer {
  const { services, channels, logger, pollMs = 1000, batch = 50 } = options;

  async function pass(): Promise<void> {
    for (const [channel, deliver] of Object.entries(channels)) {
      const due = await listDueMessages(services.database.db, channel, services.clock(), batch);
      for (const message of due) {
        if (passes.isStopped()) return;
        // Another process (`github sync` beside the hub) has it, or it changed since it was listed:
        // leave it, and the rest after it, to keep the channel's order.
        if (!(await claimMessage(services, message))) break;
        try {
          const { remoteId = null } = await deliver(message);
          await services.database.write((tx) => recordDelivered(tx, message, remoteId, services.clock()));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (error instanceof UndeliverableError) {
            logger.error('delivery given up: dead letter', { channel, key: message.key, error: reason });
            await services.database.write((tx) => recordDead(tx, message, reason, services.clock()));
            continue;
          }
          const retryAt = new Date(services.clock().getTime() + retryDelayMs(message.attempts));
          logger.warn('delivery failed', { channel, key: message.key, attempts: message.attempts + 1, retryAt: retryAt.toISOString(), error: reason });
          await services.database.write((tx) => recordFailed(tx, message, reason, retryAt));
          // Keep the channel's order: the next message waits for this one.
          break;
        }
      }
    }
  }

  const passes = serialPasses({
    pass,
    pollMs,
    onError: (error: unknown) => logger.error('outbox pass failed', { error: error instanceof Error ? error.message : String(error) }),
  });
  return { deliverDue: passes.run, kick: passes.kick, stop: passes.stop };
}
