import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formFieldsOf, PUBLIC_ISSUE_CHECK } from './build-issue-form.ts';
import { FILING_SCHEMAS, FORM_KINDS, type FormKind } from './form-kinds.ts';
import { MAX_ISSUE_BODY_LENGTH, parseIssueForm } from './parse-issue-form.ts';
import { recognizeIssueForm } from './recognize-issue-form.ts';

const labels = FORM_KINDS.flatMap((kind) => formFieldsOf(kind).map((field) => field.label));
const options = FORM_KINDS.flatMap((kind) => formFieldsOf(kind).flatMap((field) => field.options ?? []));

/** Pieces of text that matter to the parser, mixed with any code point and broken surrogate halves. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\u0000', '#', '###', '### ', '```', '~~~', '- [X] ', '- [ ] ', ', ', ',', '_', '_No response_', 'None', ' ', '\t', '1', '000') },
  { weight: 3, arbitrary: fc.constantFrom(...labels.map((label) => `\n### ${label}\n\n`), `\n### ${PUBLIC_ISSUE_CHECK.label}\n\n- [X] ${PUBLIC_ISSUE_CHECK.option}\n`) },
  { weight: 2, arbitrary: fc.constantFrom(...options, 'Yes', 'No', 'fin', 'https://example.org', `sha256:${'a'.repeat(64)}`) },
);
const body = fc.string({ unit, maxLength: 300 });
/** Bodies shaped like filled forms: every heading of a kind, each with an arbitrary answer. */
const formLike = fc.constantFrom(...FORM_KINDS).chain((kind) =>
  fc.tuple(fc.constant(kind), fc.array(body, { minLength: formFieldsOf(kind).length, maxLength: formFieldsOf(kind).length })).map(([kind, answers]) => ({
    kind,
    text: formFieldsOf(kind).map((field, index) => `### ${field.label}\n\n${answers[index]}`).join('\n\n') + `\n\n### ${PUBLIC_ISSUE_CHECK.label}\n\n- [X] ${PUBLIC_ISSUE_CHECK.option}`,
  })),
);

/** The contract: an answer of the right shape, and an input its schema accepts. */
function checkAnswer(kind: FormKind, text: string): void {
  const parsed = parseIssueForm(kind, text);
  if (parsed.ok) expect(FILING_SCHEMAS[kind].safeParse(parsed.input).success).toBe(true);
  else expect(parsed.problems.length).toBeGreaterThan(0);
  for (const line of [...(parsed.ok ? [] : parsed.problems), ...parsed.warnings]) expect(typeof line).toBe('string');
}

describe('parseIssueForm never throws', () => {
  it('on arbitrary text, for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORM_KINDS), body, (kind, text) => {
        checkAnswer(kind, text);
        recognizeIssueForm({ labels: [], title: text, body: text });
      }),
      { numRuns: 500 },
    );
  });

  it('on bodies shaped like its forms', () => {
    fc.assert(
      fc.property(formLike, ({ kind, text }) => checkAnswer(kind, text)),
      { numRuns: 500 },
    );
  });

  it('on values that are not strings', () => {
    for (const value of [null, undefined, 42, {}, [], Symbol('x')]) checkAnswer('dataset', value as unknown as string);
  });
});

describe('parseIssueForm stays fast on the longest bodies GitHub allows', () => {
  const longest = MAX_ISSUE_BODY_LENGTH;
  const fill = (pattern: string, prefix = '### Dataset name\n\nx') => (prefix + pattern.repeat(Math.ceil(longest / pattern.length))).slice(0, longest);
  it.each([
    ['newlines', fill('\n')],
    ['spaces', fill(' ')],
    ['hashes', fill('#')],
    ['heading markers', fill('### ')],
    ['stray headings', fill('\n### x')],
    ['a heading repeated', fill('\n### Dataset name\n\nx')],
    ['every heading repeated', fill(labels.map((label) => `\n### ${label}\n\nx`).join(''))],
    ['commas in a dropdown', fill(', Yes', '### Controlled from outside the EU\n\nYes')],
    ['checkbox lines', fill('\n- [X] x')],
    ['fences', fill('\n```\n')],
    ['lone surrogates', fill('\uD800')],
    ['NUL', fill('\u0000')],
    ['blank lines between words', fill('a\n\n\n\n')],
    ['lines of blanks', fill('\n \t\n')],
  ])('%s', (_name, text) => {
    const started = performance.now();
    for (const kind of ['dataset', 'access'] as const) checkAnswer(kind, text);
    // Generous for a slow CI machine: the pathological cases of the raw library take seconds to minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a body over the limit at once', () => {
    const started = performance.now();
    expect(parseIssueForm('dataset', '\n'.repeat(10_000_000))).toMatchObject({ ok: false, problems: [expect.stringContaining('longer than GitHub allows')] });
    expect(performance.now() - started).toBeLessThan(100);
  });
});
