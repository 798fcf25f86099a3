import { and, eq, isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';

/** The concerns still open on a proposal, by id and title (a command names one by its title). */
export async function listOpenConcerns(services: ServiceContext, proposalId: string): Promise<{ id: string; title: string }[]> {
  const { concerns } = tables;
  return services.database.db.select({ id: concerns.id, title: concerns.title }).from(concerns).where(and(eq(concerns.proposalId, proposalId), isNull(concerns.resolvedAt)));
}
