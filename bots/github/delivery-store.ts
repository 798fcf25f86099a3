import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { tables, type Database } from '../../db/index.ts';
import type { ServiceContext } from '../../api/services/context.ts';

export type StoredDelivery = typeof tables.githubDeliveries.$inferSelect;

/**
 * Stores a verified delivery before it is answered; the GUID makes a redelivery the same row
 * (counted, not queued again). Returns whether it was new.
 */
export async function storeDelivery(
  services: ServiceContext,
  delivery: { id: string; event: string; payload: Record<string, unknown> },
): Promise<'stored' | 'duplicate'> {
  const now = services.clock().toISOString();
  const { githubDeliveries: deliveries } = tables;
  const action = typeof delivery.payload.action === 'string' ? delivery.payload.action.slice(0, 100) : null;
  return services.database.write(async (tx) => {
    const inserted = await tx
      .insert(deliveries)
      .values({
        id: delivery.id,
        seq: sql`(SELECT coalesce(max(seq), 0) + 1 FROM github_deliveries)`,
        event: delivery.event,
        action,
        payload: delivery.payload,
        receivedAt: now,
        nextAttemptAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: deliveries.id });
    if (inserted.length > 0) return 'stored';
    await tx
      .update(deliveries)
      .set({ duplicates: sql`${deliveries.duplicates} + 1` })
      .where(eq(deliveries.id, delivery.id));
    return 'duplicate';
  });
}

/** Deliveries waiting to be applied now, oldest first. */
export async function listQueuedDeliveries(db: Database, now: Date, limit: number): Promise<StoredDelivery[]> {
  const { githubDeliveries: deliveries } = tables;
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.state, 'queued'), lte(deliveries.nextAttemptAt, now.toISOString())))
    .orderBy(asc(deliveries.seq))
    .limit(limit);
}
