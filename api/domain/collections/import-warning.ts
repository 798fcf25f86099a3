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
  /** The cycle has no metadata.yaml: its name comes from its folder, date and tokenizer are unknown. */
  'cycle_metadata_missing',
  /** A dataset folder the datamix names has no metadata.yaml: named after its folder, source unknown. */
  'metadata_missing',
  /** A name is missing or empty: the folder's name stands in. */
  'name_missing',
  /** A dataset gives neither `huggingface` nor `url`: where it comes from is unknown. */
  'source_unknown',
  /** A descriptive field has a value of the wrong shape; it was ignored. */
  'invalid_field',
  /** Text that cannot be stored (a NUL, an unpaired surrogate, a control character, bytes that are not UTF-8) was replaced with U+FFFD. */
  'text_replaced',
  /** Text that looks like HTML: kept as plain text, which every surface escapes. */
  'markup_in_text',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

/** What the import skipped on purpose: nothing is wrong, but a reader may wonder where it went. */
export const IMPORT_NOTE_CODES = [
  /** A folder of the cycle without metadata.yaml, counts/ or datamix line (etc/, sample/, ...). */
  'not_a_dataset',
  /** A file of the cycle folder the hub does not read (languages.txt, README.md, ...). */
  'not_read',
] as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

/** Something a person should know about an imported tree. `path` is relative to the cycle folder. */
export type ImportWarning = { code: ImportWarningCode; path: string; message: string };

/** Something the import skipped on purpose. `path` is relative to the cycle folder. */
export type ImportNote = { code: ImportNoteCode; path: string; message: string };

/**
 * What a stored collection says about its tree: warnings and notes in one list (one column), told
 * apart by their code.
 */
export type ImportFinding = ImportWarning | ImportNote;

export function isImportNote(finding: ImportFinding): finding is ImportNote {
  return (IMPORT_NOTE_CODES as readonly string[]).includes(finding.code);
}

/** The findings about one dataset: those whose path lies in its folder. */
export function findingsOfDataset<F extends ImportFinding>(findings: readonly F[], datasetId: string): F[] {
  return findings.filter((finding) => finding.path === datasetId || finding.path.startsWith(`${datasetId}/`));
}

/**
 * What makes a file or line unusable. `file` is relative to the cycle folder; `dataset` names the
 * dataset the problem belongs to (null: the cycle itself), which is what --skip-invalid skips.
 */
export type ImportProblem = { file: string; line?: number; field?: string; message: string; dataset: string | null };
