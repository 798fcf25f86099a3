import { describe, expect, it } from 'vitest';
import { isSafeHref, renderCardProse } from '../site/src/registry/render-card-prose.ts';

// The card page inserts this HTML unescaped: whatever a card's prose says, it must not become markup.
describe('renderCardProse', () => {
  it.each([
    ['a block of raw HTML', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['inline raw HTML', 'A <img src=x onerror="alert(1)"> here', '<p>A &lt;img src=x onerror="alert(1)"&gt; here</p>'],
    ['an HTML comment', '<!-- hidden -->', '<p>&lt;!-- hidden --&gt;</p>'],
    ['a javascript: link', '[click](javascript:alert(1))', '<p>click</p>'],
    ['a javascript: link by reference', '[click][x]\n\n[x]: JavaScript:alert(1)', '<p>click</p>'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)', '<p>x</p>'],
    ['an image, which would load from elsewhere', '![a chart](https://example.org/chart.png)', '<p><a href="https://example.org/chart.png">a chart</a></p>'],
  ])('shows %s as text', (_case, markdown, html) => {
    expect(renderCardProse(markdown).html.trim()).toBe(html);
  });

  it('keeps Markdown formatting, safe links and code', () => {
    const { html } = renderCardProse('**bold** [site](https://example.org) [mail](mailto:a@example.org) [page](/models/)\n\n```\n<b>x</b>\n```');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.org">site</a>');
    expect(html).toContain('<a href="mailto:a@example.org">mail</a>');
    expect(html).toContain('<a href="/models/">page</a>');
    expect(html).toContain('<code>&lt;b&gt;x&lt;/b&gt;\n</code>');
  });

  it('puts headings below the page sections, with ids that do not take the page its own', () => {
    const { html, headings } = renderCardProse('# Card\n\n## Facts\n\n### Détails fins\n\n## Facts', ['facts']);
    expect(headings).toEqual([
      { depth: 3, slug: 'card', text: 'Card' },
      { depth: 3, slug: 'facts-2', text: 'Facts' },
      { depth: 4, slug: 'details-fins', text: 'Détails fins' },
      { depth: 3, slug: 'facts-3', text: 'Facts' },
    ]);
    expect(html).toContain('<h3 id="facts-2">Facts</h3>');
    expect(html).not.toContain('<h1');
  });
});

describe('isSafeHref', () => {
  it.each([
    ['https://example.org', true],
    ['http://example.org', true],
    ['mailto:a@example.org', true],
    ['/models/', true],
    ['#facts', true],
    ['../x', true],
    ['javascript:alert(1)', false],
    [' java\tscript:alert(1)', false],
    ['vbscript:x', false],
    ['data:text/html,x', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeHref(href)).toBe(safe);
  });
});
