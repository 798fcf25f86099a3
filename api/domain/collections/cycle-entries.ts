import type { ImportNote } from './import-warning.ts';

/** The files of a cycle folder the hub reads; any other file there gets a note. */
export const CYCLE_FILES = ['metadata.yaml', 'datamix.txt'] as const;

/** What the reader found in one folder of the cycle. */
export type FolderFacts = { name: string; hasMetadata: boolean; hasCounts: boolean; isInDatamix: boolean };

/**
 * A folder is a dataset when it has a `metadata.yaml` or the datamix names it (then its metadata
 * may be missing, but its figures are in the mix). Anything else is a helper folder of the
 * collection (`etc/`, `sample/`, `evaluation/`): skipped with a note, never an error.
 */
export function isDatasetFolder(folder: FolderFacts): boolean {
  return folder.hasMetadata || folder.isInDatamix;
}

/** The note for a folder that is not a dataset. */
export function skippedFolderNote(folder: FolderFacts): ImportNote {
  return {
    code: 'not_a_dataset',
    path: folder.name,
    message: folder.hasCounts
      ? `${folder.name}: holds counts/ but has no metadata.yaml and no datamix.txt line: not a dataset, skipped; its counts are not imported`
      : `${folder.name}: no metadata.yaml, no counts/ and no datamix.txt line: not a dataset, skipped`,
  };
}

/** The note for a file of the cycle folder the hub does not read (languages.txt, a README, ...). */
export function unreadFileNote(name: string): ImportNote {
  return { code: 'not_read', path: name, message: `${name}: not read by the hub (it reads metadata.yaml, datamix.txt and the dataset folders)` };
}
