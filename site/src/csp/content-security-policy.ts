import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { findInlineCode } from './inline-code.ts';
import { policyFor } from './page-policy.ts';

/**
 * Gives every built page its Content-Security-Policy, hashing the inline code found in the finished
 * HTML. Astro's own `security.csp` (Astro 7) hashes only the scripts and styles it bundles: not
 * Starlight's `is:inline` scripts (theme, sidebar, search dialog) nor the `style` attributes of its
 * icons, and it writes its <meta> after the <title> and those scripts, where an injection before it
 * would not be covered. So, after the build, each page gets its own policy as the first element
 * after <meta charset>: it covers every byte a page's data could reach and works wherever the static
 * site is hosted. The hub sends the same policy as a header (api/http/site-page-policy.ts).
 */
export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'agora-content-security-policy',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        for (const page of pages) {
          const path = join(root, page);
          const html = await readFile(path, 'utf8');
          const code = findInlineCode(html);
          const meta = `<meta http-equiv="content-security-policy" content="${escapeAttribute(policyFor(code))}">`;
          await writeFile(path, html.slice(0, code.policyOffset) + meta + html.slice(code.policyOffset));
        }
        logger.info(`Content-Security-Policy written into ${pages.length} pages`);
      },
    },
  };
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
