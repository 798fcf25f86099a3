/**
 * The only place the site reads its environment. The hub (api/site/build-site.ts) sets these when
 * it builds; with nothing set, `astro dev` / `astro build` still work on an empty registry.
 * Read by astro.config.mjs (output folder) and by the registry pages (snapshot), so it must not
 * depend on its own file location: once bundled, a module no longer sits where its source did.
 */
export const siteEnv = {
  /** Absolute path of the JSON snapshot of the hub's database; null → empty registry. */
  snapshotPath: process.env.AGORA_SITE_SNAPSHOT || null,
  /** Where the built site goes; relative paths are resolved against site/. */
  outDir: process.env.AGORA_SITE_OUT_DIR || './dist',
} as const;
