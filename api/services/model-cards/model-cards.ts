import { and, isNull } from 'drizzle-orm';
import { tables, type Database } from '../../../db/index.ts';
import type { Audience } from '../../domain/model-cards/ai-act-completeness.ts';
import { computeCardCompliance, type CardCompliance } from '../../domain/model-cards/card-compliance.ts';
import type { ModelCardFrontMatter } from '../../domain/model-cards/card-schema.ts';
import type { OpennessClass } from '../../domain/openness/evaluate-openness.ts';
import type { ModelStatus } from '../../domain/training/vocabulary.ts';
import type { ServiceContext } from '../context.ts';
import { pagedList, type Page } from '../pagination.ts';
import { findCard, findCardIn, requireCard, whyNoCard } from './load-cards.ts';

/** A model card with everything computed from it. */
export type ModelCardView = {
  modelId: string;
  /** Path of the card file relative to CONTENT_DIR. */
  path: string;
  /** sha256 of the card file: what a release vote pins. */
  revision: string;
  isExample: boolean;
  updatedAt: string;
  frontMatter: ModelCardFrontMatter;
  /** The prose sections, Markdown. */
  body: string;
  compliance: CardCompliance;
};

/** A card in the list: identity and the headline of its compliance. */
export type ModelCardSummary = {
  modelId: string;
  name: string;
  family: { id: string; name: string };
  version: string;
  status: ModelStatus;
  path: string;
  revision: string;
  isExample: boolean;
  updatedAt: string;
  completeness: { complete: boolean; systemicRisk: boolean; documented: number; required: number; missing: string[] };
  openness: { class: OpennessClass; label: string };
  exemptionCanApply: boolean;
};

/** One model's card with its compliance; `not_found` (saying why) when the model has no live card. */
export async function getModelCard(ctx: ServiceContext, modelId: string): Promise<ModelCardView> {
  const row = await requireCard(ctx, modelId);
  return {
    modelId: row.modelId,
    path: row.path,
    revision: row.revision,
    isExample: row.isExample,
    updatedAt: row.updatedAt,
    frontMatter: row.frontMatter,
    body: row.body,
    compliance: computeCardCompliance(row.frontMatter),
  };
}

const cardPages = pagedList({ name: 'model-cards', direction: 'asc', columns: [tables.modelCards.modelId] });

/** Live cards ordered by model id, a page at a time, each with its completeness headline. */
export async function listModelCards(ctx: ServiceContext, filter: { cursor?: string | undefined; limit: number }): Promise<Page<ModelCardSummary>> {
  const paging = cardPages.open(filter.cursor);
  const table = tables.modelCards;
  const rows = await ctx.database.db
    .select()
    .from(table)
    .where(and(isNull(table.archivedAt), paging.after))
    .orderBy(...cardPages.orderBy)
    .limit(filter.limit + 1);
  const page = paging.page(rows, filter.limit, (row) => [row.modelId]);
  return { items: page.items.map(toSummary), next: page.next };
}

function toSummary(row: typeof tables.modelCards.$inferSelect): ModelCardSummary {
  const card = row.frontMatter;
  const { aiAct, openness, exemption } = computeCardCompliance(card);
  return {
    modelId: row.modelId,
    name: card.name,
    family: { id: card.family.id, name: card.family.name },
    version: card.version,
    status: card.status,
    path: row.path,
    revision: row.revision,
    isExample: row.isExample,
    updatedAt: row.updatedAt,
    completeness: {
      complete: aiAct.complete,
      systemicRisk: aiAct.systemicRisk,
      documented: aiAct.fields.filter((field) => field.present).length,
      required: aiAct.fields.length,
      missing: aiAct.missing.map((field) => field.key),
    },
    openness: { class: openness.class, label: openness.label },
    exemptionCanApply: exemption.canApply,
  };
}

/** The release policy's `complete_model_card` precondition, as a value. */
export type ModelCardGate = {
  complete: boolean;
  /** The card revision the verdict is about (what a proposal pins); null without a card. */
  revision: string | null;
  missing: { key: string; label: string; articles: string[]; audiences: Audience[] }[];
  reasons: string[];
};

/**
 * Whether a model has a complete model card: a live card documenting every Annex XI §1 / Annex XII
 * field (and Annex XI §2 when compute reaches the systemic-risk threshold). "No" is a value with its
 * reasons — a model without a card, or an unknown model, is simply not complete.
 */
export async function checkModelCardGate(db: Database, modelId: string): Promise<ModelCardGate> {
  const found = await findCardIn(db, modelId);
  if (!found.card) return { complete: false, revision: null, missing: [], reasons: [whyNoCard(modelId, found.reason)] };
  const aiAct = computeCardCompliance(found.card.frontMatter).aiAct;
  const missing = aiAct.missing.map(({ key, label, articles, audiences }) => ({ key, label, articles, audiences }));
  const reasons = aiAct.complete
    ? [`The card (revision ${found.card.revision.slice(0, 12)}) documents all ${aiAct.fields.length} required fields${aiAct.systemicRisk ? ', including Annex XI §2' : ''}.`]
    : missing.map((field) => `Missing: ${field.label} (${field.articles.join(', ')}).`);
  return { complete: aiAct.complete, revision: found.card.revision, missing, reasons };
}

