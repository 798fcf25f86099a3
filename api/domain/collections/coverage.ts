/** A target language and the code_Script variants under which its data appears. */
export type CoverageLanguage = { code: string; name: string; variants: readonly string[] };

/** One part of a cycle's mix, as coverage needs it. */
export type CoveragePart = {
  dataset: string;
  part: string;
  /** The variant the part's path names, or null. */
  language: string | null;
  weight: number;
  sourceTokens: number | null;
  releaseTokens: number | null;
};

/** What a dataset card says about parts whose path names no language. */
export type CoverageCard = { content: 'text' | 'code'; language: string | null };

export type DatasetShare = {
  dataset: string;
  /** `path`: the part paths name the language; `card`: the dataset card does. */
  via: 'path' | 'card';
  variants: string[];
  parts: number;
  weight: number;
  share: number;
  releaseTokens: number;
  sourceTokens: number;
};

type Figures = {
  weight: number;
  /** Sum of the datamix weights of its parts divided by the weight of the whole mix. */
  share: number;
  /** Sums of the figures known; `partsWithoutCounts` says how many parts lacked one. */
  releaseTokens: number;
  sourceTokens: number;
  partsWithoutCounts: number;
  datasets: DatasetShare[];
};

export type Gap = { kind: 'none' | 'low'; message: string };
export type LanguageCoverage = Figures & { code: string; name: string; variants: string[]; gap: Gap | null };
export type OtherLanguageCoverage = Figures & { code: string; name: string | null; variants: string[] };
export type LanguagelessPart = {
  dataset: string;
  part: string;
  content: 'text' | 'code' | 'unknown';
  /** The variant the dataset card gives, and the language it was counted under (null: none). */
  cardLanguage: string | null;
  countedAs: string | null;
  weight: number;
  share: number;
  releaseTokens: number | null;
  sourceTokens: number | null;
};

export type Coverage = {
  totalWeight: number;
  /** Median share of the target languages that have data (null when none has). */
  medianShare: number | null;
  /** Target languages below this share are flagged `low`. */
  lowShareThreshold: number | null;
  languages: LanguageCoverage[];
  /** Data in languages outside the targets (e.g. Georgian). */
  otherLanguages: OtherLanguageCoverage[];
  /** Parts whose path names no language: English by card, code, or unknown. */
  languageless: LanguagelessPart[];
};

/** The gap rule's ratio: a share below half the median target language's share is `low`. */
export const LOW_SHARE_RATIO = 0.5;

/**
 * Language coverage of a mix. Each part counts for the language its path names, mapped to its ISO
 * 639-3 code through the variants lists (`ekk_Latn` and `est_Latn` are both Estonian); a part whose
 * path names none counts for the language its dataset card gives, if any, and is also listed under
 * `languageless`. Rows are the `targets` (default: every language given), in the order given.
 *
 * Gap rule: `none` when no part of the mix is in the language; `low` when its share of the mix is
 * below LOW_SHARE_RATIO × the median share of the target languages that have data.
 */
export function computeCoverage(input: {
  languages: readonly CoverageLanguage[];
  targets?: readonly string[];
  parts: readonly CoveragePart[];
  cards: ReadonlyMap<string, CoverageCard>;
}): Coverage {
  const codeOf = variantResolver(input.languages);
  const targets = input.targets ?? input.languages.map((language) => language.code);
  const totalWeight = input.parts.reduce((sum, part) => sum + part.weight, 0);
  const shareOf = (weight: number) => (totalWeight > 0 ? weight / totalWeight : 0);
  const buckets = new Map<string, { part: CoveragePart; variant: string; via: 'path' | 'card' }[]>();
  const languageless: LanguagelessPart[] = [];

  for (const part of input.parts) {
    const card = input.cards.get(part.dataset);
    const variant = part.language ?? (card?.content === 'text' ? card.language : null);
    if (!part.language)
      languageless.push({
        dataset: part.dataset,
        part: part.part,
        content: card?.content ?? 'unknown',
        cardLanguage: card?.language ?? null,
        countedAs: variant ? codeOf(variant) : null,
        weight: part.weight,
        share: shareOf(part.weight),
        releaseTokens: part.releaseTokens,
        sourceTokens: part.sourceTokens,
      });
    if (!variant) continue;
    const code = codeOf(variant);
    buckets.set(code, [...(buckets.get(code) ?? []), { part, variant, via: part.language ? 'path' : 'card' }]);
  }

  const figuresOf = (code: string) => summarise(buckets.get(code) ?? [], shareOf);
  const targetFigures = targets.map((code) => ({ code, figures: figuresOf(code) }));
  const medianShare = median(targetFigures.map(({ figures }) => figures.share).filter((share) => share > 0));
  const lowShareThreshold = medianShare === null ? null : medianShare * LOW_SHARE_RATIO;
  const names = new Map(input.languages.map((language) => [language.code, language]));

  return {
    totalWeight,
    medianShare,
    lowShareThreshold,
    languages: targetFigures.map(({ code, figures }) => ({
      code,
      name: names.get(code)?.name ?? code,
      variants: [...new Set(figures.datasets.flatMap((dataset) => dataset.variants))].sort(),
      ...figures,
      gap: gapOf(figures.share, lowShareThreshold),
    })),
    otherLanguages: [...buckets.keys()]
      .filter((code) => !targets.includes(code))
      .sort()
      .map((code) => {
        const figures = figuresOf(code);
        return { code, name: names.get(code)?.name ?? null, variants: [...new Set(figures.datasets.flatMap((d) => d.variants))].sort(), ...figures };
      }),
    languageless,
  };
}

function gapOf(share: number, threshold: number | null): Gap | null {
  if (share === 0) return { kind: 'none', message: 'no data in the mix' };
  if (threshold !== null && share < threshold)
    return { kind: 'low', message: `${(share * 100).toFixed(3)}% of the mix, below ${(threshold * 100).toFixed(3)}% (half the median target language)` };
  return null;
}

function summarise(entries: { part: CoveragePart; variant: string; via: 'path' | 'card' }[], shareOf: (weight: number) => number): Figures {
  const byDataset = new Map<string, DatasetShare>();
  let partsWithoutCounts = 0;
  for (const { part, variant, via } of entries) {
    if (part.releaseTokens === null || part.sourceTokens === null) partsWithoutCounts += 1;
    const key = `${part.dataset}\0${via}`;
    const current = byDataset.get(key) ?? { dataset: part.dataset, via, variants: [], parts: 0, weight: 0, share: 0, releaseTokens: 0, sourceTokens: 0 };
    if (!current.variants.includes(variant)) current.variants.push(variant);
    current.parts += 1;
    current.weight += part.weight;
    current.share = shareOf(current.weight);
    current.releaseTokens += part.releaseTokens ?? 0;
    current.sourceTokens += part.sourceTokens ?? 0;
    byDataset.set(key, current);
  }
  const datasets = [...byDataset.values()].sort((a, b) => b.weight - a.weight || a.dataset.localeCompare(b.dataset));
  const weight = datasets.reduce((sum, dataset) => sum + dataset.weight, 0);
  return {
    weight,
    share: shareOf(weight),
    releaseTokens: datasets.reduce((sum, dataset) => sum + dataset.releaseTokens, 0),
    sourceTokens: datasets.reduce((sum, dataset) => sum + dataset.sourceTokens, 0),
    partsWithoutCounts,
    datasets,
  };
}

/** Maps a variant to its language's ISO 639-3 code; a variant no language lists keeps its own prefix. */
export function variantResolver(languages: readonly CoverageLanguage[]): (variant: string) => string {
  const owner = new Map<string, string>();
  for (const language of languages) for (const variant of language.variants) owner.set(variant, language.code);
  return (variant) => owner.get(variant) ?? variant.slice(0, 3);
}

/** The middle value (the mean of the two middle ones for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
