import { open, stat } from 'node:fs/promises';

/**
 * The Content-Security-Policy header of a built page: the policy the build wrote into the page's
 * first <meta> (site/src/csp/), plus what only a header can say — no one may frame the site.
 * A header applies before the browser reads a byte of the page, and a page built without a policy
 * gets a strict one that allows no inline code (fail closed).
 */

const HEADER_ONLY = "frame-ancestors 'none'";
/** For a page without its own policy: its inline code will not run, its pages still read. */
const STRICT = "default-src 'none'; img-src 'self'; font-src 'self'; connect-src 'self'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'self'";
/** The build puts the policy right after <meta charset>, at the very start of the file. */
const HEAD_BYTES = 64 * 1024;
const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/i;

const cache = new Map<string, { version: string; header: string }>();

/** The header for the page file at `path`, read once per version of the file. */
export async function pagePolicyHeader(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (!info) return `${STRICT}; ${HEADER_ONLY}`;
  const version = `${info.ino}:${info.size}:${info.mtimeMs}`;
  const cached = cache.get(path);
  if (cached?.version === version) return cached.header;
  const policy = META.exec(await readStart(path))?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&') ?? STRICT;
  const header = `${policy}; ${HEADER_ONLY}`;
  cache.set(path, { version, header });
  return header;
}

async function readStart(path: string): Promise<string> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(HEAD_BYTES), position: 0 });
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}
