import fc from 'fast-check';
import { markdownToMdast, type MdastNode } from 'satteri';
import { describe, expect, it } from 'vitest';
import { formatCommandReply, type CommandReplyLine } from './format-command-reply.ts';
import { formatInlineCode } from './format-inline-code.ts';

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
const ofType = <T extends MdastNode['type']>(nodes: MdastNode[], type: T) => nodes.filter((node): node is Extract<MdastNode, { type: T }> => node.type === type);
const done = (text: string, message = 'Done.'): CommandReplyLine => ({ command: { text }, outcome: 'done', message });

describe('formatCommandReply', () => {
  it('answers each command on its own line, marker first', () => {
    const reply = formatCommandReply(
      [done('/vote approve', 'Ballot recorded: approve.'), { command: { text: '/vote maybe' }, outcome: 'refused', message: 'the choice must be approve, abstain or reject' }, { command: { text: '/status' }, outcome: 'failed', message: 'The hub is unreachable; try again later.' }],
      { markerId: 'comment-1234' },
    );
    expect(reply).toBe(
      [
        '<!-- agora:reply:comment-1234 -->',
        '- ✅ `/vote approve` — Ballot recorded: approve.',
        '- ❌ `/vote maybe` — the choice must be approve, abstain or reject',
        '- ❌ `/status` — The hub is unreachable; try again later.',
      ].join('\n'),
    );
    expect(ofType(readNodes(reply), 'html').map(({ value }) => value)).toEqual(['<!-- agora:reply:comment-1234 -->']);
  });

  it('has no marker unless asked, and keeps a message of several lines inside its item', () => {
    const reply = formatCommandReply([done('/status', 'State: under review.\nConcerns: none.'), done('/withdraw', '')]);
    expect(reply).toBe('- ✅ `/status` — State: under review.\n  Concerns: none.\n- ✅ `/withdraw`');
    expect(ofType(readNodes(reply), 'listItem')).toHaveLength(2);
  });

  it('quotes a mention as code, so quoting never pings', () => {
    const reply = formatCommandReply([done('/assign @octocat @org/team')]);
    const nodes = readNodes(reply);
    expect(ofType(nodes, 'inlineCode').map(({ value }) => value)).toEqual(['/assign @octocat @org/team']);
    expect(ofType(nodes, 'text').map(({ value }) => value).join('')).not.toContain('@');
  });

  it.each([
    ['a backtick', '/vote reject `rm -rf` is scary'],
    ['runs of backticks', '/vote reject ``` and ``'],
    ['a backtick at the end', '/concern x`'],
    ['a space and a backtick at the start', ' `/status'],
  ])('quotes %s inside the code span, whole', (_case, text) => {
    const nodes = readNodes(formatCommandReply([done(text)]));
    expect(ofType(nodes, 'inlineCode').map(({ value }) => value)).toEqual([text]);
  });

  it('keeps HTML, links, images and emphasis in the quote inert', () => {
    const text = '/vote <script>alert(1)</script> [click](javascript:x) ![](http://t.example/p.png) **b** <!-- x --> &amp;';
    const nodes = readNodes(formatCommandReply([done(text)]));
    expect(ofType(nodes, 'inlineCode').map(({ value }) => value)).toEqual([text]);
    expect(nodes.map(({ type }) => type)).toEqual(['root', 'list', 'listItem', 'paragraph', 'text', 'inlineCode', 'text']);
  });

  it('refuses a marker id that could end the comment early', () => {
    for (const markerId of ['x -->', 'a\nb', '', 'x>', 'a b']) expect(() => formatCommandReply([], { markerId })).toThrow(TypeError);
    expect(formatCommandReply([], { markerId: 'issue:12.reply_3-a' })).toBe('<!-- agora:reply:issue:12.reply_3-a -->');
  });

  it('shows any quoted text exactly as written, as one code span, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 60 }), { minLength: 1, maxLength: 5 }), (texts) => {
        const nodes = readNodes(formatCommandReply(texts.map((text) => done(text)), { markerId: 'r1' }));
        const expected = texts.map((text) => text.toWellFormed().replaceAll('\0', '\uFFFD').replace(/\r\n|\r|\n/g, ' ') || ' ');
        expect(ofType(nodes, 'inlineCode').map(({ value }) => value)).toEqual(expected);
        expect(ofType(nodes, 'listItem')).toHaveLength(texts.length);
        expect(new Set(nodes.map(({ type }) => type))).toEqual(new Set(['root', 'html', 'list', 'listItem', 'paragraph', 'text', 'inlineCode']));
        expect(ofType(nodes, 'text').map(({ value }) => value)).toEqual(texts.flatMap(() => ['✅ ', ' — Done.']));
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatInlineCode', () => {
  it.each([
    ['plain', '/status', '`/status`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a backtick at the start', '`a', '`` `a ``'],
    ['a space at the end', 'a ', '` a  `'],
    ['only spaces', '  ', '`  `'],
    ['nothing', '', '` `'],
    ['a line break', 'a\r\n\nb', '`a  b`'],
  ])('%s', (_case, text, expected) => {
    expect(formatInlineCode(text)).toBe(expected);
  });
});
