import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { generateDocId } from './docs/generate-doc-id.ts';

/**
 * Handbook pages live in the repository's top-level content/docs (reviewed with the rest of
 * content/), not in site/src/content/docs. The base is relative to the Astro root, site/.
 * Files starting with `_` are partials, as with Starlight's own docsLoader.
 */
export const collections = {
  docs: defineCollection({
    loader: glob({ base: '../content/docs', pattern: '**/[^_]*.{md,mdx}', generateId: generateDocId }),
    schema: docsSchema(),
  }),
};
