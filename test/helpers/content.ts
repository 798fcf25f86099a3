import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_DIR } from './app.ts';

/** A private copy of the shipped content folder that a test may edit freely. */
export function copyContent(): { dir: string; edit(file: string, change: (text: string) => string): void; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'agora-content-'));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  return {
    dir,
    edit(file, change) {
      const path = join(dir, file);
      const before = readFileSync(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing: the test's pattern no longer matches`);
      writeFileSync(path, after);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
