import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CONTENT_DIR } from './app.ts';

/** The shipped sample cycle. */
export const BABY_DIR = join(CONTENT_DIR, 'collections', 'baby');

/** A synthetic cycle in the shape of the collection's next one (its README says what each folder exercises). */
export const NEXT_SHAPE_DIR = join(import.meta.dirname, '..', 'fixtures', 'collections', 'flag-synthetic');

/** A private copy of a shipped cycle folder (keeping its name, the cycle id) that a test may edit. */
export function copyCollection(cycle = 'baby') {
  const parent = mkdtempSync(join(tmpdir(), 'agora-collection-'));
  const dir = join(parent, cycle);
  cpSync(join(CONTENT_DIR, 'collections', cycle), dir, { recursive: true });
  return {
    dir,
    read: (file: string) => readFileSync(join(dir, file), 'utf8'),
    write(file: string, text: string) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    writeBytes(file: string, bytes: Uint8Array) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), bytes);
    },
    edit(file: string, change: (text: string) => string) {
      const before = readFileSync(join(dir, file), 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing: the test's pattern no longer matches`);
      writeFileSync(join(dir, file), after);
    },
    remove: (file: string) => rmSync(join(dir, file), { recursive: true }),
    cleanup: () => rmSync(parent, { recursive: true, force: true }),
  };
}
