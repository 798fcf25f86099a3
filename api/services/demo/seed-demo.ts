import { tables } from '../../../db/index.ts';
import type { Logger } from '../../logger.ts';
import { importShippedCollections } from '../collections/import-shipped.ts';
import { systemActor, type ServiceContext } from '../context.ts';
import { seedDemoDecisions } from './seed-demo-decisions.ts';
import { seedDemoRequests } from './seed-demo-requests.ts';
import { seedDemoTraining } from './seed-demo-training.ts';

/**
 * Everything `agora demo` creates, all marked as demo: a model family with a simulated training run,
 * demo delegates and decisions in every state, demo handlers and requests of each type.
 */
export async function seedDemo(ctx: ServiceContext): Promise<{ models: string[]; runs: string[]; decisions: string[]; requests: number }> {
  const training = await seedDemoTraining(ctx, systemActor('demo'));
  const decisions = await seedDemoDecisions(ctx);
  const requests = await seedDemoRequests(ctx);
  return { ...training, decisions, requests };
}

/**
 * On a new hub (no collection, no training run), import the shipped sample collection and the demo
 * so a newcomer sees every page populated. Does nothing on a hub that has data. (Models alone do not
 * count: the shipped example card registers one at the first sync.)
 */
export async function seedNewHub(ctx: ServiceContext, logger: Logger, contentDir: string): Promise<boolean> {
  const [collection] = await ctx.database.db.select({ id: tables.collections.id }).from(tables.collections).limit(1);
  const [run] = await ctx.database.db.select({ id: tables.trainingRuns.id }).from(tables.trainingRuns).limit(1);
  if (collection || run) return false;
  await importShippedCollections(ctx, logger, contentDir);
  const demo = await seedDemo(ctx);
  logger.info('new hub: sample collection imported and demo data created', demo);
  return true;
}
