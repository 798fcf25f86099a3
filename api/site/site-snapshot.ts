import { z } from 'zod';
import {
  DECLARATION_BASES,
  LANGUAGE_GROUPS,
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_TYPES,
} from '../domain/vocabulary.ts';
import { isoDate } from '../domain/registry/common.ts';
import { DEFAULT_DEADLINES } from '../domain/requests/deadlines.ts';
import { collectionsSnapshotSchema } from './snapshot-collections.ts';
import { decisionsSnapshotSchema } from './snapshot-decisions.ts';
import { modelCardsSnapshotSchema } from './snapshot-model-cards.ts';
import { requestsSnapshotSchema } from './snapshot-requests.ts';
import { trainingSnapshotSchema } from './snapshot-training.ts';

/**
 * The JSON file the hub writes before each site build: everything the registry pages show, read
 * from the database in one go. The hub writes it and the site (site/src/registry/snapshot.ts)
 * parses it with this schema, so both sides share one definition of the file.
 */

const countryRef = z.object({
  /** ISO 3166-1 alpha-2. */
  country: z.string(),
  /** English name of `country`, resolved by the hub so the site needs no ICU data. */
  countryName: z.string(),
});

const controllerSchema = countryRef.extend({ name: z.string().min(1) });

const ownershipControlSchema = z.object({
  thirdCountryControlled: z.boolean(),
  controllers: z.array(controllerSchema),
  /** When the declaration was made or the public record read. */
  declared: isoDate,
  /** After this date the eligibility verdict fails closed. */
  recheck: isoDate,
  basis: z.enum(DECLARATION_BASES),
  note: z.string().nullable(),
});

const eligibilityReasonSchema = z.object({
  /** Stable code of the rule (e.g. `third_country_control`). */
  code: z.string().min(1),
  /** True when the organisation satisfies this rule. */
  ok: z.boolean(),
  /** One sentence a reader understands without knowing the code. */
  message: z.string(),
});

const organizationSchema = countryRef.extend({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a URL-safe identifier'),
  name: z.string().min(1),
  legalName: z.string().nullable(),
  category: z.enum(ORGANIZATION_CATEGORIES),
  type: z.enum(ORGANIZATION_TYPES),
  role: z.string().nullable(),
  website: z.string().nullable(),
  joined: isoDate.nullable(),
  left: isoDate.nullable(),
  ownershipControl: ownershipControlSchema.nullable(),
  /** The licensing verdict computed by the domain rule, with every reason it considered. */
  eligibility: z.object({ eligible: z.boolean(), reasons: z.array(eligibilityReasonSchema) }),
});

const languageSchema = z.object({
  /** ISO 639-3. */
  code: z.string().regex(/^[a-z]{3}$/, 'expected an ISO 639-3 code'),
  name: z.string().min(1),
  iso6391: z.string().nullable(),
  group: z.enum(LANGUAGE_GROUPS),
  /** code_Script variants; the first is the preferred one. */
  variants: z.array(z.string()),
  /** Position in the consortium's priority list (1 = first). */
  priority: z.number().int().positive(),
});

export const siteSnapshotSchema = z.object({
  /** When the hub read the database; not part of the site fingerprint. */
  generatedAt: z.iso.datetime(),
  /** Last ledger entry at that moment, so readers can match the pages to the audit trail. */
  ledgerHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).nullable(),
  organizations: z.array(organizationSchema),
  languages: z.array(languageSchema),
  /** Model versions with their checkpoints and per-model language coverage. */
  models: trainingSnapshotSchema.models,
  /** Training runs with their events and a metrics series thinned for charts. */
  trainingRuns: trainingSnapshotSchema.trainingRuns,
  /** Imported training-data cycles and datasets. */
  collections: collectionsSnapshotSchema,
  /** Live model cards with their computed compliance, ordered by model id. */
  modelCards: modelCardsSnapshotSchema,
  /** Decisions with their tallies, ballots, concerns and ledger history, and the delegations. */
  decisions: decisionsSnapshotSchema,
  /** Requests as anyone may see them (type, state, dates), the inspection figures and the deadlines. */
  requests: requestsSnapshotSchema,
});

export type SiteSnapshot = z.infer<typeof siteSnapshotSchema>;
export type SiteOrganization = SiteSnapshot['organizations'][number];
export type SiteLanguage = SiteSnapshot['languages'][number];
export type { SiteCheckpoint, SiteMetricPoint, SiteModel, SiteRun } from './snapshot-training.ts';
export type { SiteCardCompliance, SiteDocumentationField, SiteModelCard, SiteOpennessComponent } from './snapshot-model-cards.ts';
export type { SiteCollections, SiteCoverage, SiteCycle, SiteDataset, SiteStageCounts } from './snapshot-collections.ts';
export type { SiteBallot, SiteConcern, SiteDecision, SiteDecisions, SiteDelegation, SiteTally, SiteTimelineEntry } from './snapshot-decisions.ts';
export type { SiteRequest, SiteRequesterKind, SiteRequests, SiteTransparency } from './snapshot-requests.ts';

/** What the site shows when no snapshot is given (`astro dev` without the hub). */
export const EMPTY_SNAPSHOT: SiteSnapshot = {
  generatedAt: new Date(0).toISOString(),
  ledgerHead: null,
  organizations: [],
  languages: [],
  models: [],
  trainingRuns: [],
  collections: { cycles: [], datasets: [] },
  modelCards: [],
  decisions: { proposals: [], delegations: [], policies: [] },
  requests: {
    items: [],
    transparency: { demoExcluded: 0, received: 0, answered: 0, answeredOnTime: 0, open: 0, overdue: 0, medianResponseDays: null, byRequesterKind: [] },
    deadlines: { ...DEFAULT_DEADLINES },
  },
};

/** Parses snapshot JSON, naming the source and every offending field when it does not fit. */
export function parseSiteSnapshot(json: string, source: string): SiteSnapshot {
  const result = siteSnapshotSchema.safeParse(JSON.parse(json));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`Invalid site snapshot ${source}:\n${problems.join('\n')}`);
}
