import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { IssueFormTemplate } from './issue-form-template.ts';
import { readIssueAnswers, type FieldAnswer } from './read-issue-answers.ts';
import { renderIssueBody } from './render-issue-body.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/github/issue-forms');
const GITHUB = join(FIXTURES, 'github-issue-parser/__fixtures__');
const STEFANBUCK = join(FIXTURES, 'stefanbuck-github-issue-parser/fixtures');
const read = (...path: string[]) => readFileSync(join(...path), 'utf8');
const json = (...path: string[]) => JSON.parse(read(...path)) as Record<string, unknown>;

describe('readIssueAnswers against @github/issue-parser fixtures (template.yml + issue.md → parsed-issue.json)', () => {
  const cases = readdirSync(GITHUB).filter((name) => existsSync(join(GITHUB, name, 'template.yml')));

  it('has every fixture but one with a template', () => {
    // "no-template" parses a body with no template, keyed by heading: Agora always reads an issue with its form.
    expect(readdirSync(GITHUB).filter((name) => !cases.includes(name))).toEqual(['no-template']);
  });

  it.each(cases)('%s', (name) => {
    // "extra" has two expectations; with a template the unknown heading joins the answer above it.
    const expected = existsSync(join(GITHUB, name, 'parsed-issue.json')) ? json(GITHUB, name, 'parsed-issue.json') : json(GITHUB, name, 'parsed-issue-template.json');
    const template = parse(read(GITHUB, name, 'template.yml')) as IssueFormTemplate;
    expect(readIssueAnswers(read(GITHUB, name, 'issue.md'), template).answers).toEqual(expected);
  });
});

describe('readIssueAnswers against stefanbuck/github-issue-parser fixtures (form.yml + issue-body.md → expected.json)', () => {
  /** Where Agora answers differently on purpose, and why. */
  const DIFFERENT: Record<string, { answers: Record<string, unknown>; why: string }> = {
    'mismatched-parsing': {
      answers: {},
      why: 'none of the headings is a field of the form: stefanbuck keys them by their slugged text; Agora has no field to put them in and warns instead',
    },
  };
  /** stefanbuck lists a checkbox field's ticked options; Agora keeps both lists (as @github/issue-parser does). */
  const asStefanbuck = (answers: Record<string, FieldAnswer>) =>
    Object.fromEntries(Object.entries(answers).map(([key, value]) => [key, value && typeof value === 'object' && 'selected' in value ? value.selected : value]));

  it.each(readdirSync(STEFANBUCK))('%s', (name) => {
    const body = existsSync(join(STEFANBUCK, name, 'issue-body.md')) ? read(STEFANBUCK, name, 'issue-body.md') : '';
    const read_ = readIssueAnswers(body, parse(read(STEFANBUCK, name, 'form.yml')) as IssueFormTemplate);
    const difference = DIFFERENT[name];
    if (difference) {
      expect(json(STEFANBUCK, name, 'expected.json')).not.toEqual(difference.answers);
      expect(read_.answers, difference.why).toEqual(difference.answers);
      expect(read_.warnings).toEqual(['No field of this form was found in the issue body.']);
    } else expect(asStefanbuck(read_.answers)).toEqual(json(STEFANBUCK, name, 'expected.json'));
  });
});

describe('readIssueAnswers: where Agora differs from @github/issue-parser on purpose', () => {
  const template: IssueFormTemplate = {
    name: 'Test',
    description: 'Test',
    body: [
      { type: 'dropdown', id: 'many', attributes: { label: 'Many', multiple: true, options: ['Yes, with conditions', 'No', 'Later, maybe, perhaps', 'Later'] } },
      { type: 'dropdown', id: 'one', attributes: { label: 'One', options: ['Yes, with conditions', 'No'] } },
      { type: 'textarea', id: 'code', attributes: { label: 'Code', render: 'text' } },
      { type: 'textarea', id: 'plain', attributes: { label: 'Plain' } },
    ],
  };
  const answersOf = (filled: Record<string, string | string[]>) => readIssueAnswers(renderIssueBody(template, filled), template).answers;

  it('matches dropdown answers against the options, which may hold commas (the library splits at every comma)', () => {
    expect(answersOf({ many: ['Yes, with conditions', 'Later, maybe, perhaps', 'Later'], one: 'Yes, with conditions' })).toMatchObject({
      many: ['Yes, with conditions', 'Later, maybe, perhaps', 'Later'],
      one: ['Yes, with conditions'],
    });
  });

  it('splits at commas only what no cut into options explains, and never a single choice', () => {
    expect(answersOf({ many: 'Foo, No', one: 'Foo, Bar' })).toMatchObject({ many: ['Foo', 'No'], one: ['Foo, Bar'] });
    expect(answersOf({})).toMatchObject({ many: [], one: [] });
  });

  it('removes the fence GitHub adds for render:, keeping "###" inside it as text', () => {
    const code = 'line ### 1\n\n### Not a heading\n```inner```';
    expect(answersOf({ code, plain: '```\nfenced by the filer\n```' })).toMatchObject({ code, plain: '```\nfenced by the filer\n```' });
    expect(answersOf({})).toMatchObject({ code: undefined, plain: undefined });
  });

  it('warns about text before the first field, and about headings outside fences only', () => {
    const body = `Hello.\n\n${renderIssueBody(template, { plain: 'a\n```\n### In a fence\n```\n### Outside' })}`;
    expect(readIssueAnswers(body, template).warnings).toEqual([
      'The text before the first field ("Many") was ignored.',
      '"### Outside" is not a heading of this form; it is kept as text in the answer to "Plain".',
    ]);
  });
});
