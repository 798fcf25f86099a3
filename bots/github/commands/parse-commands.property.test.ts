import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COMMANDS_PER_COMMENT, MAX_QUOTED_LENGTH, parseCommands, type ParsedCommand } from './parse-commands.ts';

/** Pieces that change how Markdown reads the lines around them, mixed with commands. */
const markdownPiece = fc.constantFrom(
  '/vote approve', '/status', '/concern x', '/lgtm', '/vote', '/api/v1', '```', '~~~', '````', '> ', '    ', '\t', '- ', '1. ',
  '<!--', '-->', '<!-->', '<details>', '`', '``', '\n', '\r\n', '\r', '\n\n', ' ', 'text', '@alice', '\0', '\uD800', '😀', '|', '[x]:',
);
const markdownBody = fc.array(markdownPiece, { maxLength: 80 }).map((pieces) => pieces.join(''));
const anyBody = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), markdownBody);

const strings = (result: ParsedCommand) => [result.name, result.text, ...(result.kind === 'invalid' ? [result.reason] : []), ...(result.kind === 'command' ? Object.values(result.args).filter((value) => typeof value === 'string') : [])];

describe('parseCommands, for any comment', () => {
  it('never throws, and keeps its limits and its order', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const results = parseCommands(body);
        const lineCount = body.split(/\r\n|\r|\n/).length;
        expect(results.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT + 1);
        results.forEach((result, index) => {
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.line).toBeLessThanOrEqual(lineCount);
          if (index > 0) expect(result.line).toBeGreaterThan(results[index - 1]!.line);
          expect(result.text.length).toBeLessThanOrEqual(MAX_QUOTED_LENGTH);
          expect(result.text.startsWith('/')).toBe(true);
          for (const value of strings(result)) {
            expect(value.isWellFormed()).toBe(true);
            expect(value).not.toContain('\0');
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('reads a command the same wherever it stands: its line alone decides', () => {
    fc.assert(
      fc.property(markdownBody, (body) => {
        for (const result of parseCommands(body).filter(({ kind }) => kind !== 'invalid')) {
          expect(parseCommands(result.text)).toEqual([{ ...result, line: 1 }]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers every command line among plain prose, dropping none and inventing none', () => {
    const command = fc.constantFrom('/vote approve', '/VOTE no because', '/status', '/lgtm', '/assign', '/vote maybe', '  /withdraw now');
    const prose = fc.stringMatching(/^[A-Za-z][A-Za-z ,.!?]{0,40}$/);
    const line = fc.oneof(command.map((text) => ({ text, isCommand: true })), prose.map((text) => ({ text, isCommand: false })), fc.constant({ text: '', isCommand: false }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (body, ending) => {
        const expected = body.flatMap(({ isCommand }, index) => (isCommand ? [index + 1] : []));
        const lines = parseCommands(body.map(({ text }) => text).join(ending)).map((result) => result.line);
        expect(lines).toEqual(expected.slice(0, MAX_COMMANDS_PER_COMMENT + 1));
      }),
    );
  });

  it('reads nothing inside a fence or an HTML comment, whatever it holds', () => {
    const withoutBackticks = markdownBody.map((body) => body.replaceAll('`', ''));
    const withoutTildes = markdownBody.map((body) => body.replaceAll('~', ''));
    const withoutCommentEnd = markdownBody.map((body) => {
      let text = body;
      // Removing one `-->` can join the pieces of another.
      while (text.includes('-->')) text = text.replaceAll('-->', '');
      return text;
    });
    fc.assert(fc.property(withoutBackticks, (body) => {
      expect(parseCommands(`\`\`\`\n${body}\n\`\`\``)).toEqual([]);
    }));
    fc.assert(fc.property(withoutTildes, (body) => {
      expect(parseCommands(`~~~ info\n${body}`)).toEqual([]);
    }));
    fc.assert(fc.property(withoutCommentEnd, (body) => {
      expect(parseCommands(`<!-- agora:status\n${body}\n-->`)).toEqual([]);
    }));
  });

  it('never throws on a huge comment', () => {
    const huge = `/status\n${'\uDC00\0 `~> <!-- \n'.repeat(200_000)}\n/vote approve`;
    expect(parseCommands(huge)).toMatchObject([{ kind: 'command', name: 'status' }, { kind: 'invalid', name: 'vote' }]);
  });
});
