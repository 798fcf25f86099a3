/** A stored row as far as reconciling is concerned. */
export type StoredRow<V> = { key: string; digest: string; archived: boolean; values: V };
/** What the content file says a row should be. */
export type WantedRow<V> = { key: string; digest: string; values: V };

export type Reconciliation<V> = {
  create: WantedRow<V>[];
  /** Changed or restored rows, with the names of the fields whose values differ. */
  update: (WantedRow<V> & { changed: string[]; restored: boolean })[];
  archive: string[];
  unchanged: number;
};

/**
 * Compares stored rows with wanted ones by digest: new keys are created, rows whose digest differs
 * (or that were archived) are updated, live rows missing from the content are archived.
 */
export function reconcile<V extends Record<string, unknown>>(
  stored: readonly StoredRow<V>[],
  wanted: readonly WantedRow<V>[],
): Reconciliation<V> {
  const byKey = new Map(stored.map((row) => [row.key, row]));
  const result: Reconciliation<V> = { create: [], update: [], archive: [], unchanged: 0 };
  const wantedKeys = new Set<string>();
  for (const row of wanted) {
    wantedKeys.add(row.key);
    const current = byKey.get(row.key);
    if (!current) result.create.push(row);
    else if (current.digest !== row.digest || current.archived)
      result.update.push({ ...row, changed: changedFields(current.values, row.values), restored: current.archived });
    else result.unchanged += 1;
  }
  for (const row of stored) if (!row.archived && !wantedKeys.has(row.key)) result.archive.push(row.key);
  return result;
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).sort();
}
