import {
  CARD_EXPORT_FILES,
  CARD_EXPORT_FORMATS,
  COLLECTION_EXPORT_FORMATS,
  cardExportPath,
  type CardExportFormat,
} from '../../../api/services/model-cards/card-export-formats.ts';
import type { SiteCardCompliance, SiteDocumentationField, SiteModelCard } from '../../../api/site/site-snapshot.ts';
import { findCycle } from './lookups.ts';
import { snapshot } from './snapshot.ts';

/** Model cards of this build, and the words the card pages use for what the hub computes from them. */

const cardsByModel = new Map(snapshot.modelCards.map((card) => [card.modelId, card]));

export function findModelCard(modelId: string): SiteModelCard | null {
  return cardsByModel.get(modelId) ?? null;
}

export function cardPagePath(modelId: string): string {
  return `/models/${modelId}/card/`;
}

type Audience = SiteDocumentationField['audiences'][number];

/** Who reads a documentation field, in words: as a column value, and as "for whom" before a list. */
export const AUDIENCE_LABELS: Record<Audience, { name: string; forWhom: string }> = {
  ai_office: { name: 'AI Office', forWhom: 'For the AI Office' },
  downstream_providers: { name: 'Downstream providers', forWhom: 'For downstream providers' },
};

/** Annex XI §2 fields: required of models with systemic risk only. */
export function isSystemicRiskField(field: Pick<SiteDocumentationField, 'articles'>): boolean {
  return field.articles.every((article) => article.startsWith('Annex XI §2'));
}

/** "12 of 14": how much of the required documentation a card has. */
export function documentationCount(aiAct: SiteCardCompliance['aiAct']): { documented: number; required: number } {
  return { documented: aiAct.fields.filter((field) => field.present).length, required: aiAct.fields.length };
}

/** The missing fields grouped by who lacks them, readers in AUDIENCE_LABELS order; empty groups left out. */
export function missingByAudience(aiAct: SiteCardCompliance['aiAct']): { audience: Audience; fields: SiteDocumentationField[] }[] {
  return (Object.keys(AUDIENCE_LABELS) as Audience[])
    .map((audience) => ({ audience, fields: aiAct.missing.filter((field) => field.audiences.includes(audience)) }))
    .filter((group) => group.fields.length > 0);
}

/**
 * The Model Openness Framework's classes as the Model Openness Tool labels them
 * (`ModelEvaluator::getClassLabel`): III is the first step, I the most open.
 */
export const OPENNESS_CLASSES = [
  { class: 3, key: '3', label: 'Class III - Open Model' },
  { class: 2, key: '2', label: 'Class II - Open Tooling Model' },
  { class: 1, key: '1', label: 'Class I - Open Science Model' },
] as const;

export function opennessClassLabel(mofClass: 1 | 2 | 3): string {
  return OPENNESS_CLASSES.find((entry) => entry.class === mofClass)!.label;
}

export const CLASS_NUMERALS = { 1: 'I', 2: 'II', 3: 'III' } as const;

/**
 * The class a release reaches next and what keeps it from it: class III from unclassified, then II,
 * then I; null at class I, the most open.
 */
export function nextOpennessClass(openness: SiteCardCompliance['openness']): { class: 1 | 2 | 3; missing: string[] } | null {
  if (openness.class === 1) return null;
  const next = openness.class === 0 ? 3 : ((openness.class - 1) as 1 | 2);
  return { class: next, missing: openness.missing[String(next) as '1' | '2' | '3'] };
}

/** A per-class progress, unrounded in the data, as the page prints it: "90%", "16.7%". */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(1))}%`;
}

/** 3.12e19 → { mantissa: "3.12", exponent: 19 }, for "3.12 × 10^19" with a real superscript. */
export function scientificParts(value: number): { mantissa: string; exponent: number } {
  const [mantissa, exponent] = value.toExponential(2).split('e') as [string, string];
  return { mantissa: String(Number(mantissa)), exponent: Number(exponent) };
}

/** Names of the exports on the download list. */
export const EXPORT_LABELS: Record<CardExportFormat, string> = {
  'huggingface-readme': 'Hugging Face README',
  mot: 'Model Openness Tool YAML',
  'training-summary': 'Training-content summary (Markdown)',
  'training-summary.json': 'Training-content summary (JSON)',
  'annex-xi-xii': 'Annex XI/XII documentation',
};

export type CardDownload = {
  format: CardExportFormat;
  label: string;
  description: string;
  filename: string;
  contentType: string;
  /** The hub's API URL of the export (same origin as the site). */
  href: string;
  /** Why the hub would answer 409 instead of the file; null when it serves it. */
  unavailable: string | null;
};

/**
 * Every export of a card with its API URL. The training-content summary is generated from the card's
 * linked collection cycle, so it is unavailable (the API answers 409) while the card names none or
 * the cycle is not imported; the page says so instead of offering a link that fails.
 */
export function cardDownloads(card: SiteModelCard): CardDownload[] {
  const cycle = card.frontMatter.data?.collection ?? null;
  const whyNoSummary = !cycle
    ? 'The card names no training-data collection (data.collection).'
    : findCycle(cycle)
      ? null
      : `Collection cycle ${cycle} has not been imported into the hub.`;
  return CARD_EXPORT_FORMATS.map((format) => ({
    format,
    label: EXPORT_LABELS[format],
    description: CARD_EXPORT_FILES[format].description,
    filename: CARD_EXPORT_FILES[format].filename(card.modelId),
    contentType: CARD_EXPORT_FILES[format].contentType.split(';')[0]!,
    href: cardExportPath(card.modelId, format),
    unavailable: COLLECTION_EXPORT_FORMATS.includes(format) ? whyNoSummary : null,
  }));
}
