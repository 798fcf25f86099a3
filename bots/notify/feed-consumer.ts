import type { Logger } from '../../api/logger.ts';
import { moveBotCursorInWrite, readBotCursor } from '../../api/services/bot-cursors.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { getLedgerHead, listEvents, type LedgerEventView } from '../../api/services/ledger.ts';
import { enqueueOutbox } from '../../api/services/outbox.ts';
import { serialPasses } from './serial-passes.ts';

/** A message a channel wants sent because of ledger entries; `force` re-sends an unchanged payload. */
export type QueuedMessage = { key: string; payload: unknown; force?: boolean };

/** Turns durable ledger entries into a channel's messages (reads only; no network). */
export type FeedMapper = (entries: readonly LedgerEventView[]) => Promise<QueuedMessage[]>;

export type FeedConsumer = { consume(): Promise<number>; kick(): void; stop(): Promise<void> };

const cursorName = (channel: string) => `feed:${channel}`;

/** The last ledger seq a channel has turned into messages. */
export async function feedCursor(services: ServiceContext, channel: string): Promise<number> {
  const value = await readBotCursor(services, cursorName(channel));
  return value !== null ? Number(value) : 0;
}

/**
 * A channel connected to a hub with a history starts at the ledger's head rather than replaying
 * it (a Discord server does not want a year of announcements), with the messages `initial` gives
 * (the decisions open now). Does nothing once the channel has a cursor. Returns whether it began.
 */
export async function beginFeedAtHead(services: ServiceContext, channel: string, initial: () => Promise<QueuedMessage[]>): Promise<boolean> {
  if ((await readBotCursor(services, cursorName(channel))) !== null) return false;
  const head = (await getLedgerHead(services))?.seq ?? 0;
  const messages = await initial();
  await services.database.write(async (tx) => {
    for (const message of messages) await enqueueOutbox(tx, { channel, ...message, now: services.clock() });
    await moveBotCursorInWrite(tx, cursorName(channel), String(head), services.clock().toISOString());
  });
  return true;
}

/**
 * Feeds a channel's outbox from the ledger: the durable entries after the channel's cursor are
 * mapped to messages, and the messages and the moved cursor are written in one transaction, so a
 * crash or restart resumes exactly where the last commit left off — no event skipped, none
 * mapped twice into a second message (messages are keyed: mapping again replaces, never adds).
 */
export function createFeedConsumer(options: {
  services: ServiceContext;
  channel: string;
  map: FeedMapper;
  logger: Logger;
  /** After messages were queued (the deliverer's kick). */
  onQueued?: () => void;
  pollMs?: number;
  batch?: number;
  /** Called before each pass; a throw fails the pass (beginFeedAtHead on a first start). */
  beforePass?: () => Promise<unknown>;
}): FeedConsumer {
  const { services, channel, map, logger, pollMs = 1000, batch = 200 } = options;

  async function pass(): Promise<number> {
    await options.beforePass?.();
    let mapped = 0;
    for (;;) {
      const after = await feedCursor(services, channel);
      const { items } = await listEvents(services, { after, limit: batch });
      if (items.length === 0 || passes.isStopped()) return mapped;
      const messages = await map(items);
      const head = items.at(-1)!.seq;
      await services.database.write(async (tx) => {
        for (const message of messages) await enqueueOutbox(tx, { channel, ...message, now: services.clock() });
        await moveBotCursorInWrite(tx, cursorName(channel), String(head), services.clock().toISOString());
      });
      mapped += items.length;
      if (messages.length > 0) options.onQueued?.();
    }
  }

  const passes = serialPasses({
    pass,
    pollMs,
    onError: (error: unknown) => {
      logger.error('feed consumer failed', { channel, error: error instanceof Error ? error.message : String(error) });
      return 0;
    },
  });
  return { consume: passes.run, kick: passes.kick, stop: passes.stop };
}
