import { createHash } from 'node:crypto';
import type { InlineCode } from './inline-code.ts';

/**
 * The site's Content-Security-Policy. Nothing loads unless listed: scripts, styles, images and fonts
 * from the site itself (and `data:` images: Starlight's stylesheets draw icons with them; an image
 * cannot run script), requests to its own API (the live scripts fetch /api/v1), and inline code
 * only by the SHA-256 of its exact text — never 'unsafe-inline', so markup that got into a page
 * (stored text written unescaped) cannot run. Style attributes (Starlight sizes its icons with
 * them) are allowed by hash too; 'unsafe-hashes' lets a hash match an attribute and nothing else.
 * No eval of any kind, no <base>, no plugins, forms post only to the site.
 */
const FIXED_DIRECTIVES = [
  "default-src 'none'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
] as const;

export const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const sources = (texts: Iterable<string>) => [...new Set([...texts].map(hashOf))].sort();

/**
 * The policy of a page with this inline code. It holds only directives a <meta> policy may carry
 * (browsers ignore `frame-ancestors` there, with a warning); the hub adds that one to the header.
 */
export function policyFor(code: Pick<InlineCode, 'scripts' | 'styles' | 'styleAttributes'>): string {
  const styleAttributes = sources(code.styleAttributes);
  return [
    ...FIXED_DIRECTIVES,
    ["script-src 'self'", ...sources(code.scripts)].join(' '),
    ["style-src 'self'", ...sources(code.styles)].join(' '),
    styleAttributes.length ? ["style-src-attr 'unsafe-hashes'", ...styleAttributes].join(' ') : "style-src-attr 'none'",
  ].join('; ');
}
