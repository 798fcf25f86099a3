import { formatCompact } from './format.ts';

/**
 * The colour scale of the coverage matrix: one colour per power of ten of release tokens (a log
 * scale: language data spans from thousands to trillions of tokens). The colours are ColorBrewer's
 * sequential YlGnBu, light to dark; each carries a text colour that stays readable on it. Cells
 * also print their figure, so the colour only repeats what the text says.
 */

const PALETTE: { background: string; text: string }[] = [
  { background: '#ffffd9', text: '#1b1b1b' },
  { background: '#edf8b1', text: '#1b1b1b' },
  { background: '#c7e9b4', text: '#1b1b1b' },
  { background: '#7fcdbb', text: '#1b1b1b' },
  { background: '#41b6c4', text: '#1b1b1b' },
  { background: '#1d91c0', text: '#ffffff' },
  { background: '#225ea8', text: '#ffffff' },
  { background: '#253494', text: '#ffffff' },
  { background: '#081d58', text: '#ffffff' },
];

export type ColourBin = { from: number; to: number; label: string; background: string; text: string };
export type TokenScale = { bins: ColourBin[]; binOf(tokens: number): ColourBin | null };

/** The scale for a set of token counts; zero and negative counts get no colour. */
export function tokenScale(values: readonly number[]): TokenScale {
  const positive = values.filter((value) => value > 0);
  if (positive.length === 0) return { bins: [], binOf: () => null };
  const low = Math.floor(Math.log10(Math.min(...positive)));
  const high = Math.floor(Math.log10(Math.max(...positive)));
  const count = high - low + 1;
  const bins = Array.from({ length: count }, (_, i) => {
    const colour = PALETTE[count === 1 ? PALETTE.length - 1 : Math.round((i * (PALETTE.length - 1)) / (count - 1))]!;
    const from = 10 ** (low + i);
    const to = 10 ** (low + i + 1);
    return { from, to, label: `${formatCompact(from)} – ${formatCompact(to)}`, ...colour };
  });
  return {
    bins,
    binOf(tokens) {
      if (!(tokens > 0)) return null;
      const index = Math.min(count - 1, Math.max(0, Math.floor(Math.log10(tokens)) - low));
      return bins[index]!;
    },
  };
}
