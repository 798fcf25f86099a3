import { join, resolve } from 'node:path';

/** Where the site's inputs live, from the repository root (this file is api/site/site-paths.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SITE_DIR = join(REPO_ROOT, 'site');
export const DOCS_DIR = join(REPO_ROOT, 'content', 'docs');

/** Folders of site/ that builds write to; never inputs. */
export const SITE_OUTPUT_DIRS: ReadonlySet<string> = new Set(['dist', '.astro', '.builds', 'node_modules']);

/**
 * Files outside site/ and content/docs that the site imports: the snapshot schema, the view schemas
 * it shares with the API and the vocabularies they use. Listed by hand because the site reaches
 * into api/ only through them.
 */
export const SITE_API_INPUTS = [
  'api/site',
  'api/services/collections/collection-view-schemas.ts',
  'api/services/collections/coverage-view-schema.ts',
  'api/services/model-view-schemas.ts',
  'api/services/model-cards/card-view-schemas.ts',
  'api/services/model-cards/card-export-formats.ts',
  'api/services/training-run-view-schemas.ts',
  'api/services/decisions/view-schemas.ts',
  'api/services/decisions/decision-link-schemas.ts',
  'api/domain/decisions/effects.ts',
  'api/domain/decisions/policy.ts',
  'api/domain/decisions/vocabulary.ts',
  'api/domain/requests/vocabulary.ts',
  'api/domain/requests/machines.ts',
  'api/domain/requests/request-type-names.ts',
  'api/domain/requests/deadlines.ts',
  'api/domain/vocabulary.ts',
  'api/domain/registry/common.ts',
  'api/domain/countries.ts',
  'api/domain/training/vocabulary.ts',
  'api/domain/collections/vocabulary.ts',
  'api/domain/collections/metadata.ts',
  'api/domain/collections/import-warning.ts',
  'api/domain/collections/coverage.ts',
  'api/domain/model-cards/card-schema.ts',
  'api/domain/model-cards/exports/training-summary.ts',
  'api/domain/model-cards/exports/export-languages.ts',
  'api/domain/openness/components.ts',
] as const;

/** Packages whose version changes the built HTML (Sätteri renders the prose of model cards, parse5 finds the code the policy hashes). */
export const SITE_PACKAGES = ['astro', '@astrojs/starlight', 'satteri', 'parse5'] as const;

/** Paths the hub serves itself; a site page there would shadow it (DESIGN.md, Interfaces). */
export const HUB_OWNED_PATHS = ['api', 'webhooks', 'discord'] as const;
