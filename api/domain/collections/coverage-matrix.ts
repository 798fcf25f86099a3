import type { Coverage } from './coverage.ts';

export type MatrixCell = { weight: number; share: number; releaseTokens: number; via: 'path' | 'card' };

/** Languages × datasets, as the coverage page draws it: one row per language, cells in column order. */
export type CoverageMatrix = {
  datasets: string[];
  rows: { code: string; name: string; target: boolean; share: number; cells: (MatrixCell | null)[] }[];
};

/**
 * Lays coverage out as a matrix: target languages first (in their order), then other languages.
 * Columns are the datasets that contribute to any row, by descending weight in the mix. A dataset
 * counted both by path and by card for one language (none does today) gets the two summed.
 */
export function coverageMatrix(coverage: Coverage): CoverageMatrix {
  const rows = [
    ...coverage.languages.map((row) => ({ ...row, target: true })),
    ...coverage.otherLanguages.map((row) => ({ ...row, name: row.name ?? row.code, target: false })),
  ];
  const columnWeight = new Map<string, number>();
  for (const row of rows) for (const cell of row.datasets) columnWeight.set(cell.dataset, (columnWeight.get(cell.dataset) ?? 0) + cell.weight);
  const datasets = [...columnWeight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([dataset]) => dataset);
  return {
    datasets,
    rows: rows.map((row) => ({
      code: row.code,
      name: row.name,
      target: row.target,
      share: row.share,
      cells: datasets.map((dataset) => {
        const matches = row.datasets.filter((cell) => cell.dataset === dataset);
        if (matches.length === 0) return null;
        return {
          weight: matches.reduce((sum, cell) => sum + cell.weight, 0),
          share: matches.reduce((sum, cell) => sum + cell.share, 0),
          releaseTokens: matches.reduce((sum, cell) => sum + cell.releaseTokens, 0),
          via: matches[0]!.via,
        };
      }),
    })),
  };
}
