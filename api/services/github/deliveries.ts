import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { tables, type Database } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';

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

/** Records that a delivery was applied, with what its handler said. */
export async function markDeliveryApplied(services: ServiceContext, delivery: StoredDelivery, outcome: string): Promise<void> {
  const { githubDeliveries: deliveries } = tables;
  await services.database.write((tx) =>
    tx
      .update(deliveries)
      .set({ state: 'applied', appliedAt: services.clock().toISOString(), attempts: delivery.attempts + 1, outcome: outcome.slice(0, 500), lastError: null })
      .where(eq(deliveries.id, delivery.id)),
  );
}

/** Records a failed attempt: queued again for `retryAt`, or set aside as failed when `failed`. */
export async function markDeliveryFailed(
  services: ServiceContext,
  delivery: StoredDelivery,
  failure: { attempts: number; failed: boolean; reason: string; retryAt: Date },
): Promise<void> {
  const { githubDeliveries: deliveries } = tables;
  await services.database.write((tx) =>
    tx
      .update(deliveries)
      .set({ state: failure.failed ? 'failed' : 'queued', attempts: failure.attempts, lastError: failure.reason, nextAttemptAt: failure.retryAt.toISOString() })
      .where(eq(deliveries.id, delivery.id)),
  );
}

/** Which of these delivery GUIDs the hub has stored. */
export async function listStoredDeliveryIds(services: ServiceContext, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set<string>();
  const rows = await services.database.db.select({ id: tables.githubDeliveries.id }).from(tables.githubDeliveries).where(inArray(tables.githubDeliveries.id, [...ids]));
  return new Set(rows.map((row) => row.id));
}
