import { describe, expect, it } from 'vitest';
import { parseCommands } from './parse-commands.ts';

/** Each entry as `kind name@line`, which is what the Markdown rules decide. */
const found = (body: string) => parseCommands(body).map(({ kind, name, line }) => `${kind} ${name}@${line}`);
const lines = (...parts: string[]) => parts.join('\n');

describe('parseCommands: where a command may stand', () => {
  it.each([
    ['a lone command', '/vote approve', ['command vote@1']],
    ['several, anywhere among prose', lines('Thanks for this.', '/vote approve', 'More prose.', '', '/concern perf slow', '/status'), ['command vote@2', 'command concern@5', 'command status@6']],
    ['up to three leading spaces and a tab', lines('   /status', '\t/status'), ['command status@1', 'command status@2']],
    ['a four-space line continuing a paragraph', lines('text', '    /status'), ['command status@2']],
    ['CRLF line endings', 'one\r\n/vote approve\r\n\r\n/status\r\n', ['command vote@2', 'command status@4']],
    ['lone CR line endings', 'one\r/vote approve\r/status', ['command vote@2', 'command status@3']],
    ['a backtick fence with an info string', lines('```js title="x"', '/vote approve', '```', '/status'), ['command status@4']],
    ['a tilde fence', lines('~~~', '/vote approve', '~~~', '/status'), ['command status@4']],
    ['a long fence around a shorter one', lines('`````md', '```', '/vote approve', '```', '/vote reject', '`````', '/status'), ['command status@7']],
    ['a tilde fence around backticks', lines('~~~~', '```', '/vote approve', '~~~~', '/status'), ['command status@5']],
    ['a fence indented by up to three spaces', lines('   ```', '   /vote approve', '```', '/status'), ['command status@4']],
    ['an unclosed fence, to the end', lines('/status', '```', '/vote approve', '', '/vote reject'), ['command status@1']],
    ['a fence inside a list item', lines('- item', '', '  ```', '  /vote approve', '  ```', '/status'), ['command status@6']],
    ['four spaces after a blank line (indented code)', lines('text', '', '    /vote approve', '/status'), ['command status@4']],
    ['a tab after a blank line (indented code)', lines('text', '', '\t/vote approve'), []],
    ['four spaces continuing a list item (not code)', lines('1.  item', '', '    /vote approve'), ['command vote@3']],
    ['a quoted command', '> /vote approve', []],
    ['a nested quote', lines('> > /vote approve', '> /vote reject', '>> /status'), []],
    ['a quoted reply GitHub inserts', lines('> Could you /vote on this?', '> /vote approve', '', '/vote reject I disagree'), ['command vote@4']],
    ['an email reply', lines('On Mon, 1 Sep 2025, Ana wrote:', '> /vote approve', '>', '> -- ', '/status'), ['command status@5']],
    ['a line folded into a quote without `>` (still a command)', lines('> quoted', '/status'), ['command status@2']],
    ['the bot’s own hidden marker', lines('<!-- agora:status:12', '/vote approve', '-->', '/status'), ['command status@4']],
    ['an HTML comment inside a paragraph', lines('text <!--', '/vote approve', '--> more', '/status'), ['command status@4']],
    ['an unclosed HTML comment, to the end', lines('<!-- hidden', '/vote approve', '', '/status'), []],
    ['an empty HTML comment', lines('<!-->', '/status'), ['command status@2']],
    ['a comment inside <details>', lines('<details>', '<!-- note', '/vote approve', '-->', '/status', '</details>'), ['command status@5']],
    ['a command inside <details>', lines('<details>', '<summary>My vote</summary>', '/vote approve', '</details>'), ['command vote@3']],
    ['a command inside <details>, with blank lines', lines('<details>', '', '/vote approve', '', '</details>'), ['command vote@3']],
    ['inline code', lines('`/vote approve`', 'Type `/status` to see'), []],
    ['inline code running onto the line', lines('see `the', '/vote approve` command', '/status'), ['command status@3']],
    ['an unmatched backtick (not code)', lines('a ` stray', '/status'), ['command status@2']],
    ['a list item', '- /vote approve', []],
    ['unknown commands, answered too', lines('/lgtm', '/LGTM', '/hold cancel'), ['unknown lgtm@1', 'unknown lgtm@2', 'unknown hold@3']],
    ['paths and URLs', lines('/api/v1/proposals', '/tmp/x', 'https://example.org/vote', '//vote approve', '/vote:', '/v2 done', '/ vote approve'), []],
    ['prose that mentions a command', lines('Please /vote approve', 'use the /status command', '\\/vote approve'), []],
    ['text after front-matter-like rules', lines('---', 'a: b', '---', '/status'), ['command status@4']],
  ])('%s', (_rule, body, expected) => {
    expect(found(body)).toEqual(expected);
  });

  it('gives the line as written, trimmed, with its 1-based number', () => {
    expect(parseCommands('intro\r\n  /Vote Reject  too early   \r\n')).toEqual([
      { kind: 'command', name: 'vote', args: { choice: 'reject', reason: 'too early' }, line: 2, text: '/Vote Reject  too early' },
    ]);
  });
});

describe('parseCommands: limits', () => {
  it('reads 20 commands and says which was the first left unread', () => {
    const body = Array.from({ length: 25 }, (_, index) => `/vote approve ${index + 1}`).join('\n');
    const results = parseCommands(body);
    expect(results).toHaveLength(21);
    expect(results.slice(0, 20).every(({ kind }) => kind === 'command')).toBe(true);
    expect(results[20]).toMatchObject({ kind: 'invalid', name: 'vote', line: 21, text: '/vote approve 21' });
    expect(results[20]!.kind === 'invalid' && results[20]!.reason).toContain('this one and the 4 after it were not run');
  });

  it('counts commands only, not the prose and code around them', () => {
    const body = [...Array.from({ length: 20 }, () => '/status'), '```', '/status', '```', 'prose'].join('\n');
    expect(parseCommands(body)).toHaveLength(20);
  });

  it('reads a line over 1,000 characters as text, and says so', () => {
    const long = `/vote approve ${'x'.repeat(1000)}`;
    const [result] = parseCommands(lines('/status', long));
    expect(parseCommands(lines('/status', long))).toHaveLength(2);
    expect(parseCommands(lines(long))[0]).toMatchObject({ kind: 'invalid', name: 'vote', line: 1 });
    expect(result).toMatchObject({ kind: 'command', name: 'status' });
    const entry = parseCommands(long)[0]!;
    expect(entry.kind === 'invalid' && entry.reason).toContain('longer than 1,000 characters');
    expect(entry.text).toHaveLength(200);
    expect(entry.text.endsWith('x…')).toBe(true);
    expect(parseCommands(lines('```', long, '```'))).toEqual([]);
  });

  it('accepts a line of exactly 1,000 characters', () => {
    const line = `/vote approve ${'r'.repeat(1000 - 14)}`;
    expect(line).toHaveLength(1000);
    expect(parseCommands(line)).toMatchObject([{ kind: 'command', args: { reason: 'r'.repeat(986) } }]);
  });

  it('quotes at most 200 characters, never half of an emoji', () => {
    const [result] = parseCommands(`/vote approve ${'a'.repeat(184)}${'😀'.repeat(10)}`);
    expect(result!.text).toHaveLength(199);
    expect(result!.text.isWellFormed()).toBe(true);
    expect(result!.kind === 'command' && result!.args).toMatchObject({ reason: `${'a'.repeat(184)}${'😀'.repeat(10)}` });
  });

  it('reads the first 64 KiB, cut at a line ending, and says a command after it was not read', () => {
    const filler = `${'é'.repeat(99)}\n`; // 199 bytes of UTF-8
    const head = `/status\n${filler.repeat(329)}`; // 65,479 bytes, lines 1 to 330
    const straddling = `/vote approve ${'z'.repeat(100)}`; // bytes 65,480 to 65,594: across the cut
    const results = parseCommands(`${head}${straddling}\nprose\r\n/vote reject`);
    expect(results).toEqual([
      { kind: 'command', name: 'status', args: {}, line: 1, text: '/status' },
      expect.objectContaining({ kind: 'invalid', name: 'vote', line: 331, text: straddling }),
    ]);
    expect(results[1]!.kind === 'invalid' && results[1]!.reason).toContain('longer than 64 KiB');
    expect(parseCommands(`${head}${'prose '.repeat(100)}`)).toHaveLength(1);
    expect(parseCommands(`${head}${'prose\r\n'.repeat(101)}  /status`)).toMatchObject([{ line: 1 }, { kind: 'invalid', line: 432, text: '/status' }]);
    // The 65,536th byte is the CR of a CRLF: the pair counts as one line ending.
    expect(parseCommands(`${head}${'x'.repeat(56)}\r\n/status`)).toMatchObject([{ line: 1 }, { kind: 'invalid', line: 332 }]);
  });

  it('handles a body with no line ending in its first 64 KiB', () => {
    expect(parseCommands(`${'x'.repeat(70_000)}\n\n/status`)).toMatchObject([{ kind: 'invalid', name: 'status', line: 3 }]);
  });

  it('reads deeply nested Markdown without running out of stack or time', () => {
    const started = performance.now();
    expect(parseCommands(`${'>'.repeat(65_000)} x\n/status`)).toMatchObject([{ kind: 'command', name: 'status', line: 2 }]);
    expect(parseCommands(`${'- '.repeat(32_000)}x\n/status`)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
