import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { notFound } from '../github-error.ts';
import { repoOf, type FakeEnv, type World } from '../world.ts';

/** The branch a request without `ref` reads, as `renderRepo` reports it. */
export const DEFAULT_BRANCH = 'main';

/** `GET /repos/:o/:r/contents/:path?ref=`: one file, base64 in 60-character lines as GitHub sends it. */
export function contentRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();

  app.get('/repos/:owner/:repo/contents/:path{.+}', (c) => {
    const repo = repoOf(world, c);
    const path = c.req.param('path');
    const ref = c.req.query('ref') ?? DEFAULT_BRANCH;
    const text = repo.files.get(`${ref.toLowerCase()}:${path}`);
    if (text === undefined) throw notFound();
    const bytes = Buffer.from(text, 'utf8');
    // Git's blob id, so the sha is what GitHub would show for the same text.
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    const url = `${world.api}/repos/${repo.full_name}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    const html = `https://github.com/${repo.full_name}/blob/${ref}/${path}`;
    return c.json({
      type: 'file',
      encoding: 'base64',
      size: bytes.length,
      name: path.split('/').at(-1),
      path,
      content: `${bytes.toString('base64').replace(/.{60}/g, '$&\n')}\n`,
      sha,
      url,
      git_url: `${world.api}/repos/${repo.full_name}/git/blobs/${sha}`,
      html_url: html,
      download_url: `https://raw.githubusercontent.com/${repo.full_name}/${ref}/${path}`,
      _links: { self: url, git: `${world.api}/repos/${repo.full_name}/git/blobs/${sha}`, html },
    });
  });

  return app;
}
