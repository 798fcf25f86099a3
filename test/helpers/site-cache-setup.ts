import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this test run where the suites share the sites they build (fixture-site.ts). */
    siteCacheDir: string;
  }
}

/**
 * vitest globalSetup: one folder per test run for the built fixture site, so that the page suites
 * build it once between them rather than once each. Nothing is built here: a run that opens no
 * page pays nothing. The folder goes when the run ends, so every run builds from its own sources.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'agora-site-cache-'));
  project.provide('siteCacheDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
