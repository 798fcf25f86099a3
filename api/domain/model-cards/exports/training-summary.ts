import type { Coverage } from '../../collections/coverage.ts';
import type { DatasetContent } from '../../collections/vocabulary.ts';
import type { ModelCardFrontMatter } from '../card-schema.ts';
import type { LanguageDirectory } from './export-languages.ts';

/**
 * The public summary of training content (AI Act Art. 53(1)(d)) in the structure of the
 * Commission's "Template for the Public Summary of Training Content for general-purpose AI models"
 * (AI Office, July 2025): 1 general information, 2 list of data sources, 3 data processing aspects.
 */
export const TRAINING_SUMMARY_TEMPLATE = {
  title: 'Public Summary of Training Content for General-Purpose AI models',
  publisher: 'European Commission, AI Office',
  version: 'July 2025',
  legalBasis: 'Article 53(1)(d) of Regulation (EU) 2024/1689 (AI Act)',
} as const;

const ENGLISH_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** The English name of a language outside the consortium's list (Georgian data in a mix, ...), or its code. */
function englishName(code: string): string {
  try {
    return ENGLISH_NAMES.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag
  }
}

/** The template's size bands for text (section 1.3); the boundaries are inclusive in the middle band. */
export const TEXT_SIZE_BANDS = ['Less than 1 billion tokens', '1 billion to 10 trillion tokens', 'More than 10 trillion tokens'] as const;
export type TextSizeBand = (typeof TEXT_SIZE_BANDS)[number];

/** The template's band for a number of text tokens. */
export function textSizeBand(tokens: number): TextSizeBand {
  if (tokens < 1e9) return TEXT_SIZE_BANDS[0];
  return tokens <= 1e13 ? TEXT_SIZE_BANDS[1] : TEXT_SIZE_BANDS[2];
}

/** A dataset of the linked collection as the summary needs it; tokens are those of its parts in the mix. */
export type SummaryDatasetInput = {
  id: string;
  name: string;
  url: string | null;
  huggingface: string | null;
  licence: string | null;
  licenceSource: string | null;
  redistributable: boolean | null;
  content: DatasetContent | null;
  note: string | null;
  /** Share of the mix (0–1) and the release/source tokens of its parts in the mix. */
  share: number;
  releaseTokens: number;
  sourceTokens: number;
};

export type TrainingSummaryInput = {
  card: ModelCardFrontMatter;
  revision: string;
  collection: {
    cycle: string;
    name: string;
    date: string | null;
    tokenizer: string | null;
    updatedAt: string;
    /** The cycle's release settings (`filter: contamination`, `mask: pii`, ...), as written. */
    release: Record<string, unknown> | null;
    datasets: readonly SummaryDatasetInput[];
  };
  /** Coverage of the collection's mix for the consortium's languages (the same figures the coverage API gives). */
  coverage: Coverage;
  languages: LanguageDirectory;
};

/** Whether a kind of source was used: null when the card does not say. */
export type SourceKindStatement = { used: boolean | null; description: string | null };

export type SummaryLanguage = {
  code: string;
  iso6391: string | null;
  name: string;
  /** One of the model's target languages (from the card). */
  isModelTarget: boolean;
  releaseTokens: number;
  sourceTokens: number;
  share: number;
};

export type SummaryDataset = Omit<SummaryDatasetInput, 'url' | 'huggingface'> & { link: string | null };

export type TrainingSummary = {
  template: typeof TRAINING_SUMMARY_TEMPLATE;
  model: { id: string; name: string; version: string; cardRevision: string; isExample: boolean };
  collection: { cycle: string; name: string; date: string | null; tokenizer: string | null; updatedAt: string };
  generalInformation: {
    provider: { name: string | null; contact: string | null; organizations: string[] };
    modelIdentification: { versionedModelName: string; dependencies: string[]; placedOnMarket: string | null; distribution: string[] };
    modalities: { modality: 'text'; sizeBand: TextSizeBand; tokens: number; typesOfContent: string[] }[];
    collectionPeriod: { start: string; end: string } | null;
    /** Languages with data in the mix: the target languages in priority order, then the others. */
    languages: SummaryLanguage[];
    /** Tokens counted for no natural language: source code, and parts of unknown content. */
    otherCharacteristics: { codeTokens: number; unassignedTokens: number; statedScope: string | null; statedDataPoints: string | null };
  };
  dataSources: {
    publicDatasets: { used: boolean; datasets: SummaryDataset[] };
    commerciallyLicensed: SourceKindStatement;
    privateThirdParty: SourceKindStatement & { datasets: SummaryDataset[] };
    crawled: SourceKindStatement;
    userData: SourceKindStatement;
    synthetic: SourceKindStatement;
    other: SourceKindStatement;
  };
  dataProcessing: { tdmOptOut: string | null; illegalContent: string | null; other: string[] };
};

/**
 * Builds the summary from the card and its linked collection. Per-language token figures are the
 * coverage figures, unchanged; the size band is that of all release tokens of the mix. Publicly
 * available datasets are the collection's datasets with a public address; the others are private
 * datasets obtained from third parties. Kinds the collection cannot tell come from the card's
 * `data.source_kinds` and stay "not stated" (null) when it is silent.
 */
export function buildTrainingSummary(input: TrainingSummaryInput): TrainingSummary {
  const { card, collection, coverage } = input;
  const kinds = card.data?.source_kinds;
  const datasets = collection.datasets.map(toSummaryDataset);
  const publicDatasets = datasets.filter((dataset) => dataset.link !== null);
  const privateDatasets = datasets.filter((dataset) => dataset.link === null);
  const totalTokens = collection.datasets.reduce((sum, dataset) => sum + dataset.releaseTokens, 0);
  const targets = new Set(card.languages);
  const languages: SummaryLanguage[] = [...coverage.languages, ...coverage.otherLanguages]
    .filter((language) => language.weight > 0 || language.releaseTokens > 0)
    .map((language) => ({
      code: language.code,
      iso6391: input.languages.get(language.code)?.iso6391 ?? null,
      name: language.name ?? input.languages.get(language.code)?.name ?? englishName(language.code),
      isModelTarget: targets.has(language.code),
      releaseTokens: language.releaseTokens,
      sourceTokens: language.sourceTokens,
      share: language.share,
    }));
  const unassigned = coverage.languageless.filter((part) => part.countedAs === null);
  const tokensOf = (parts: typeof unassigned) => parts.reduce((sum, part) => sum + (part.releaseTokens ?? 0), 0);
  const release = Object.entries(collection.release ?? {}).map(([step, value]) => `${step}: ${String(value)}`);
  return {
    template: TRAINING_SUMMARY_TEMPLATE,
    model: { id: card.model, name: card.name, version: card.version, cardRevision: input.revision, isExample: card.example },
    collection: { cycle: collection.cycle, name: collection.name, date: collection.date, tokenizer: collection.tokenizer, updatedAt: collection.updatedAt },
    generalInformation: {
      provider: { name: card.provider?.name ?? null, contact: card.provider?.contact ?? null, organizations: card.provider?.organizations ?? [] },
      modelIdentification: {
        versionedModelName: card.name,
        dependencies: card.base_model ? [card.base_model] : [],
        placedOnMarket: card.release?.date ?? null,
        distribution: card.release?.channels ?? [],
      },
      modalities: [{ modality: 'text', sizeBand: textSizeBand(totalTokens), tokens: totalTokens, typesOfContent: card.data?.types ?? [] }],
      collectionPeriod: card.data?.collection_period ?? null,
      languages,
      otherCharacteristics: {
        codeTokens: tokensOf(unassigned.filter((part) => part.content === 'code')),
        unassignedTokens: tokensOf(unassigned.filter((part) => part.content !== 'code')),
        statedScope: card.data?.scope ?? null,
        statedDataPoints: card.data?.data_points ?? null,
      },
    },
    dataSources: {
      publicDatasets: { used: publicDatasets.length > 0, datasets: publicDatasets },
      commerciallyLicensed: statement(kinds?.commercially_licensed),
      privateThirdParty: { ...statement(kinds?.private_third_party, privateDatasets.length > 0), datasets: privateDatasets },
      crawled: statement(kinds?.crawled),
      userData: statement(kinds?.user_data),
      synthetic: statement(kinds?.synthetic),
      other: statement(kinds?.other),
    },
    dataProcessing: {
      tdmOptOut: card.data?.tdm_opt_out ?? null,
      illegalContent: card.data?.illegal_content_measures ?? null,
      other: [
        ...(release.length > 0 ? [`Release processing of the collection cycle "${collection.cycle}": ${release.join('; ')}.`] : []),
        ...(card.data?.curation ? [card.data.curation] : []),
        ...(card.data?.unsuitability_measures ? [card.data.unsuitability_measures] : []),
      ],
    },
  };
}

function toSummaryDataset({ url, huggingface, ...dataset }: SummaryDatasetInput): SummaryDataset {
  return { ...dataset, link: url ?? (huggingface ? `https://huggingface.co/datasets/${huggingface}` : null) };
}

/** The card's statement; datasets found in the collection make a kind used whatever the card says. */
function statement(kind: { used: boolean; description?: string | undefined } | undefined, foundInCollection = false): SourceKindStatement {
  return { used: foundInCollection || (kind?.used ?? null), description: kind?.description ?? null };
}
