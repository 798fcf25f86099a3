import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * Reads the text of files of a cycle folder. A file that cannot be read (permissions, a folder
 * where a file should be) is a problem of its dataset, not a crash; bytes that are not UTF-8 are
 * replaced with U+FFFD and a warning says so (Node's own decoding would replace them silently).
 * A byte-order mark is dropped, as JSON.parse would choke on it.
 */
export function createTreeFileReader(root: string, problems: ImportProblem[], warnings: ImportWarning[]) {
  return async function readTreeText(file: string, dataset: string | null): Promise<string | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(root, file));
    } catch (caught) {
      const error = caught as NodeJS.ErrnoException;
      problems.push({ file, message: `cannot be read (${error.code ?? error.message})`, dataset });
      return null;
    }
    try {
      return strict.decode(bytes);
    } catch {
      warnings.push({ code: 'text_replaced', path: file, message: `${file}: not valid UTF-8; the bytes that are not were replaced with U+FFFD` });
      return lenient.decode(bytes);
    }
  };
}
export type TreeTextReader = ReturnType<typeof createTreeFileReader>;
