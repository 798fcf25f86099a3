import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import type { RequestRow } from '../requests/views.ts';

/** The request an issue tracks, or null when it is not there (no refusal: the bot describes what is). */
export async function findRequest(services: ServiceContext, id: string): Promise<RequestRow | null> {
  const [row] = await services.database.db.select().from(tables.requests).where(eq(tables.requests.id, id));
  return row ?? null;
}

/** The proposal a request was put to the vote as (a nomination), or null. */
export async function linkedProposalOf(services: ServiceContext, requestId: string | null): Promise<string | null> {
  if (!requestId) return null;
  const [row] = await services.database.db.select({ id: tables.requests.linkedProposalId }).from(tables.requests).where(eq(tables.requests.id, requestId));
  return row?.id ?? null;
}
