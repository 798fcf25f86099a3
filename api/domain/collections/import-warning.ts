/** Why the import said something without refusing: each code has one cause. */
export const IMPORT_WARNING_CODES = [
  /** An aggregate `<stage>.json` differs from the sum of the counts files below it. */
  'aggregate_mismatch',
  /** A folder's counts were summed from only some of its subfolders; the others have none. */
  'partial_sum',
  /** A part or dataset has no counts for a stage; it stays null. */
  'missing_stage',
  /** A counts folder that no datamix line names (and that lies in no named part). */
  'unmixed_counts',
  /** A dataset folder that no datamix line names: it is recorded without parts. */
  'not_in_mix',
  /** A counts file names another tokenizer than the cycle's. */
  'tokenizer_mismatch',
  /** A YAML file repeats a key; the last value was used. */
  'duplicate_keys',
  /** A dataset was left out by --skip-invalid; its stored rows were left as they were. */
  'skipped_dataset',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

/** Something a person should know about an imported tree. `path` is relative to the cycle folder. */
export type ImportWarning = { code: ImportWarningCode; path: string; message: string };

/**
 * What makes a file or line unusable. `file` is relative to the cycle folder; `dataset` names the
 * dataset the problem belongs to (null: the cycle itself), which is what --skip-invalid skips.
 */
export type ImportProblem = { file: string; line?: number; field?: string; message: string; dataset: string | null };
