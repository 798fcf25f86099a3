import { buildCollectionsSnapshot, type CycleSnapshot } from './collections/collections-snapshot.ts';
import type { DatasetView } from './collections/dataset-views.ts';
import type { ServiceContext } from './context.ts';
import { buildDecisionsSnapshot } from './decisions/decisions-snapshot.ts';
import { listLanguages, type LanguageView } from './languages.ts';
import { buildModelCardsSnapshot, type SnapshotModelCard } from './model-cards/model-cards-snapshot.ts';
import { getLedgerHead } from './ledger.ts';
import { listOrganizations, type OrganizationView } from './organizations.ts';
import { readAllPages } from './pagination.ts';
import { buildModelsSnapshot, type SnapshotModel, type SnapshotRun } from './registry-models-snapshot.ts';
import { buildRequestsSnapshot, type RequestsSnapshot } from './requests/requests-snapshot.ts';

export type RegistrySnapshot = {
  generatedAt: string;
  ledgerHead: { seq: number; hash: string } | null;
  organizations: OrganizationView[];
  languages: LanguageView[];
  models: SnapshotModel[];
  trainingRuns: SnapshotRun[];
  /** Training data: buildCollectionsSnapshot without its own generatedAt and languages (both are above). */
  collections: { cycles: CycleSnapshot[]; datasets: DatasetView[] };
  /** Live model cards with their compliance, without bookkeeping timestamps. */
  modelCards: SnapshotModelCard[];
  /** Every decision with its tally (without the clock reading of an open one), ballots, concerns and history. */
  decisions: Awaited<ReturnType<typeof buildDecisionsSnapshot>>;
  /** Requests as an anonymous reader sees them, the data-inspection figures and the deadline settings. */
  requests: RequestsSnapshot;
};

/**
 * Everything the static site shows of the registry, read in one go (the site never writes).
 * `generatedAt` is the only clock reading in it: the site fingerprint ignores it, so an unchanged
 * database gives an unchanged fingerprint and no rebuild.
 */
export async function buildRegistrySnapshot(ctx: ServiceContext): Promise<RegistrySnapshot> {
  const [organizations, languages, ledgerHead, training, collections, modelCards, decisions, requests] = await Promise.all([
    readAllPages((cursor) => listOrganizations(ctx, { cursor, limit: 500 })),
    readAllPages((cursor) => listLanguages(ctx, { cursor, limit: 500 })),
    getLedgerHead(ctx),
    buildModelsSnapshot(ctx),
    buildCollectionsSnapshot(ctx),
    buildModelCardsSnapshot(ctx),
    buildDecisionsSnapshot(ctx),
    buildRequestsSnapshot(ctx),
  ]);
  return {
    generatedAt: ctx.clock().toISOString(),
    ledgerHead,
    organizations,
    languages,
    ...training,
    collections: { cycles: collections.cycles, datasets: collections.datasets },
    modelCards,
    decisions,
    requests,
  };
}
