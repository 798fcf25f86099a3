// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from './src/csp/content-security-policy.ts';
import { listSidebarItems } from './src/docs/list-sidebar-items.ts';
import { siteEnv } from './src/env.ts';

/** The handbook, outside site/ (see src/content.config.ts). */
const docsDir = fileURLToPath(new URL('../content/docs/', import.meta.url));

export default defineConfig({
  outDir: siteEnv.outDir,
  // Caches inside site/.astro (gitignored) rather than a node_modules folder of its own in site/.
  cacheDir: './.astro/cache',
  vite: { cacheDir: './.astro/vite' },
  integrations: [
    starlight({
      title: 'Agora',
      description:
        'Governance hub of an open European foundation-model consortium: handbook, registry of members, languages, models, training runs and training data, decisions and requests.',
      sidebar: [
        // Generated from content/docs/handbook; see list-sidebar-items.ts for why not `autogenerate`.
        { label: 'Handbook', items: listSidebarItems(docsDir, 'handbook') },
        {
          label: 'Registry',
          items: [
            { label: 'Organisations', link: '/organizations/' },
            { label: 'Languages', link: '/languages/' },
            { label: 'Models', link: '/models/' },
            { label: 'Model cards', link: '/model-cards/' },
            { label: 'Training', link: '/training/' },
            { label: 'Datasets', link: '/datasets/' },
            { label: 'Language coverage', link: '/coverage/' },
          ],
        },
        {
          label: 'Governance',
          items: [
            { label: 'Decisions', link: '/decisions/' },
            { label: 'Requests', link: '/requests/' },
            { label: 'Transparency', link: '/requests/transparency/' },
          ],
        },
        {
          label: 'API',
          items: [
            // Served by the hub, not built by Astro: a plain full-page link, never prefetched.
            {
              label: 'API reference',
              link: '/api/docs',
              attrs: { 'data-astro-reload': true, 'data-astro-prefetch': 'false' },
            },
          ],
        },
      ],
      // The handbook is outside src/content/docs; let Starlight's Markdown features (asides,
      // heading anchors) apply to it too.
      markdown: { processedDirs: ['../content/docs'] },
      components: { Head: './src/components/starlight/Head.astro' },
    }),
    // After Starlight's: hashes the inline code of the finished pages (see the file for why).
    contentSecurityPolicy(),
  ],
});
