import fc from 'fast-check';
import { markdownToMdast, type MdastNode } from 'satteri';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText } from './escape-markdown-text.ts';

/** Every node of the Markdown GitHub would read, in document order. */
function readNodes(markdown: string): MdastNode[] {
  const nodes: MdastNode[] = [];
  const visit = (node: MdastNode) => {
    nodes.push(node);
    if ('children' in node) for (const child of node.children as MdastNode[]) visit(child);
  };
  visit(markdownToMdast(markdown, { position: false, features: { frontmatter: false } }));
  return nodes;
}
/** What a reader sees: the text of every text node. */
const readText = (nodes: MdastNode[]) => nodes.flatMap((node) => (node.type === 'text' ? [node.value] : [])).join('');
/** A bare URL GFM shows as a link to itself (autolink literal); no other link may form. */
const isLinkToItself = (node: Extract<MdastNode, { type: 'link' }>) => {
  const shown = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  return [shown, `http://${shown}`, `mailto:${shown}`].includes(node.url);
};

describe('escapeMarkdownText', () => {
  it.each([
    ['a mention', 'thanks @octocat and @org/team', 'thanks @\u200Boctocat and @\u200Borg/team'],
    ['an issue reference', 'see #12', 'see #\u200B12'],
    ['HTML', '<script>alert(1)</script><img src=x onerror=y>', '<script>alert(1)</script><img src=x onerror=y>'],
    ['a link and an image', '[click](javascript:x) ![](/p.png) <b:c>', '[click](javascript:x) ![](/p.png) <b:c>'],
    ['emphasis and code', '**bold** _it_ ~~del~~ `code`', '**bold** _it_ ~~del~~ `code`'],
    ['a heading', '# Title', '#\u200B Title'],
    ['a list and a quote', '- a\n1. b\n> c', '- a 1. b > c'],
    ['a table', '| a | b |\n|---|---|', '| a | b | |---|---|'],
    ['entities and backslashes', '&amp; \\* \\', '&amp; \\* \\'],
    ['line breaks and spaces', '  two\n\nparagraphs\t here  ', 'two paragraphs here'],
    ['lone surrogates and NUL', 'a\uD800b\0c', 'a\uFFFDb\uFFFDc'],
  ])('shows %s as the text it is', (_case, text, shown) => {
    const nodes = readNodes(escapeMarkdownText(text));
    expect(nodes.map(({ type }) => type)).toEqual(['root', 'paragraph', 'text']);
    expect(readText(nodes)).toBe(shown);
  });

  it('lets a bare URL show as a link to itself, as GitHub shows any', () => {
    const nodes = readNodes(escapeMarkdownText('see https://t.example/p.png'));
    expect(readText(nodes)).toBe('see https://t.example/p.png');
    expect(nodes.filter((node) => node.type === 'link').map((node) => node.type === 'link' && node.url)).toEqual(['https://t.example/p.png']);
  });

  it('shows any text exactly, with mentions and references broken, and forms nothing', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(fc.constantFrom('@a', '#1', '<b>', '*', '_', '`', '[', ']', '(', ')', '!', '\\', '&', ';', ' ', '\n', '-', '>', '|', 'x', ':', '/', '.', 'www'), { maxLength: 40 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(text, (input) => {
        const nodes = readNodes(escapeMarkdownText(input));
        const expected = input.toWellFormed().replaceAll('\0', '\uFFFD').replace(/\s+/g, ' ').trim().replace(/[@#]/g, '$&\u200B');
        expect(readText(nodes)).toBe(expected);
        for (const node of nodes) {
          expect(['root', 'paragraph', 'text', 'link']).toContain(node.type);
          if (node.type === 'link') expect(isLinkToItself(node)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
