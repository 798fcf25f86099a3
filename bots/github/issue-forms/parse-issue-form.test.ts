import { describe, expect, it } from 'vitest';
import { PUBLIC_ISSUE_CHECK } from './build-issue-form.ts';
import { FILING_SCHEMAS, FORM_KINDS, type FormKind } from './form-kinds.ts';
import { MAX_ISSUE_BODY_LENGTH, parseIssueForm, templateOf } from './parse-issue-form.ts';
import { renderIssueBody, type FilledForm } from './render-issue-body.ts';

const TICKED = { [PUBLIC_ISSUE_CHECK.id]: [PUBLIC_ISSUE_CHECK.option] };
const DIGEST = 'ab'.repeat(32);

/** One complete filing per form, as a filer types it, and what the schema gets from it. */
const SAMPLES: Record<FormKind, { filled: FilledForm; input: Record<string, unknown> }> = {
  dataset: {
    filled: {
      name: 'FinePDFs',
      url: 'https://huggingface.co/datasets/HuggingFaceFW/finepdfs',
      licence: 'ODC-By-1.0',
      languages: 'fin, swe mlt_Latn',
      estimated_tokens: '3_000_000_000_000',
      description: 'Text extracted from PDFs.\n\nDeduplicated per language.',
      cycle: 'baby',
    },
    input: {
      type: 'dataset',
      name: 'FinePDFs',
      url: 'https://huggingface.co/datasets/HuggingFaceFW/finepdfs',
      licence: 'ODC-By-1.0',
      languages: ['fin', 'swe', 'mlt_Latn'],
      estimated_tokens: 3_000_000_000_000,
      description: 'Text extracted from PDFs.\n\nDeduplicated per language.',
      cycle: 'baby',
    },
  },
  access: {
    filled: {
      'organization-name': 'Example Research Oy',
      'organization-country': 'FI',
      'organization-third_country_controlled': ['Yes'],
      'organization-controllers': 'Example Holdings, Inc., US\nOther Parent Ltd, GB',
      'components-models': 'agora-demo-1b-v0-1',
      'components-datasets': '- hplt-3.0\n- finepdfs-1.0.0',
    },
    input: {
      type: 'access',
      organization: {
        name: 'Example Research Oy',
        country: 'FI',
        third_country_controlled: true,
        controllers: [
          { name: 'Example Holdings, Inc.', country: 'US' },
          { name: 'Other Parent Ltd', country: 'GB' },
        ],
      },
      components: { models: ['agora-demo-1b-v0-1'], datasets: ['hplt-3.0', 'finepdfs-1.0.0'] },
    },
  },
  inspection: {
    filled: { requester_kind: ['The AI Office'], stated_period_days: '30', preferred_date: '2026-03-31' },
    input: { type: 'inspection', requester_kind: 'ai_office', stated_period_days: 30, preferred_date: '2026-03-31' },
  },
  card_correction: {
    filled: { model_id: 'agora-demo-1b-v0-1', field: 'training_data.languages', problem: 'Maltese is missing.', evidence: 'https://example.org/a\nhttps://example.org/b' },
    input: { type: 'card_correction', model_id: 'agora-demo-1b-v0-1', field: 'training_data.languages', problem: 'Maltese is missing.', evidence: ['https://example.org/a', 'https://example.org/b'] },
  },
  release: {
    filled: { model_id: 'agora-demo-1b-v0-1', checkpoint_digest: DIGEST.toUpperCase(), rationale: 'The evaluations passed.' },
    input: { type: 'release', model_id: 'agora-demo-1b-v0-1', checkpoint_digest: `sha256:${DIGEST}`, rationale: 'The evaluations passed.' },
  },
};

const bodyOf = (kind: FormKind, filled: FilledForm, newline?: string) => renderIssueBody(templateOf(kind), { ...TICKED, ...filled }, { newline });
const datasetBody = (changes: FilledForm) => bodyOf('dataset', { ...SAMPLES.dataset.filled, ...changes });

function problemsOf(kind: FormKind, body: string): string[] {
  const parsed = parseIssueForm(kind, body);
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed.input)}`);
  return parsed.problems;
}

describe('parseIssueForm: a form filled in as GitHub renders it reads back into its schema', () => {
  it.each(FORM_KINDS)('%s', (kind) => {
    const parsed = parseIssueForm(kind, bodyOf(kind, SAMPLES[kind].filled));
    expect(parsed).toEqual({ ok: true, input: SAMPLES[kind].input, warnings: [] });
    if (parsed.ok) expect(FILING_SCHEMAS[kind].safeParse(parsed.input).success).toBe(true);
  });

  it('reads CRLF line ends as LF', () => {
    for (const kind of FORM_KINDS) expect(parseIssueForm(kind, bodyOf(kind, SAMPLES[kind].filled, '\r\n'))).toMatchObject({ ok: true, input: SAMPLES[kind].input });
  });

  it('leaves unanswered optional fields out ("_No response_"), so defaults apply', () => {
    const parsed = parseIssueForm('card_correction', bodyOf('card_correction', { model_id: 'm1', field: 'f', problem: 'p' }));
    expect(parsed).toEqual({ ok: true, input: { type: 'card_correction', model_id: 'm1', field: 'f', problem: 'p', evidence: [] }, warnings: [] });
  });

  it('ignores blanks around headings and answers', () => {
    const body = datasetBody({}).replace('### Dataset name\n\nFinePDFs', '###   Dataset name  \n\n   FinePDFs   \n\n\n');
    expect(parseIssueForm('dataset', `\n\n${body}\n\n  `)).toMatchObject({ ok: true, input: SAMPLES.dataset.input });
  });
});

describe('parseIssueForm: what GitHub and filers write', () => {
  it('takes the public-issue box ticked with [X] or [x], and refuses it unticked or missing', () => {
    const body = datasetBody({});
    expect(parseIssueForm('dataset', body.replace('- [X]', '- [x]')).ok).toBe(true);
    const unticked = `${PUBLIC_ISSUE_CHECK.label}: expected the box "${PUBLIC_ISSUE_CHECK.option}" to be ticked`;
    expect(problemsOf('dataset', body.replace('- [X]', '- [ ]'))).toEqual([unticked]);
    expect(problemsOf('dataset', body.slice(0, body.indexOf(`### ${PUBLIC_ISSUE_CHECK.label}`)))).toEqual([unticked]);
  });

  it('reads "None" in a required dropdown as unanswered, naming the options', () => {
    expect(problemsOf('inspection', bodyOf('inspection', {}))).toEqual([
      'Who is asking for the inspection: expected one of "The AI Office", "A national authority", "A downstream provider", "A rightsholder", "A researcher"',
    ]);
  });

  it('reads "Yes" and "No" as booleans, and names the choices when an edited body holds anything else', () => {
    const access = (answer: string) => bodyOf('access', { ...SAMPLES.access.filled, 'organization-third_country_controlled': [answer] });
    const no = parseIssueForm('access', access('No'));
    expect(no.ok && no.input.organization.third_country_controlled).toBe(false);
    expect(problemsOf('access', access('Maybe'))).toEqual(['Controlled from outside the EU: expected "Yes" or "No", got "Maybe"']);
  });

  it.each([
    ['1200000', 1_200_000],
    ['1,200,000', 1_200_000],
    ['1_200_000', 1_200_000],
    [' 12 ', 12],
  ])('reads the token count %j as %d', (written, tokens) => {
    const parsed = parseIssueForm('dataset', datasetBody({ estimated_tokens: written }));
    expect(parsed.ok && parsed.input.estimated_tokens).toBe(tokens);
  });

  it.each(['1,5', '1.200.000', '12 000', '1,2000', '1,200_000', 'about a billion', '3e12'])('refuses the token count %j, saying what it accepts', (written) => {
    expect(problemsOf('dataset', datasetBody({ estimated_tokens: written }))).toEqual([
      `Estimated tokens: expected a whole number in digits, with "," or "_" between groups of three if you like (e.g. 1,200,000), got "${written}"`,
    ]);
  });

  it('keeps a stray "###" line inside an answer as text, and warns about a heading the form does not have', () => {
    const description = 'Intro.\n###\nMiddle ### part.\n\n### Provenance\n\nCrawled in 2024.';
    const parsed = parseIssueForm('dataset', datasetBody({ description }));
    expect(parsed).toMatchObject({ ok: true, input: { description } });
    expect(parsed.warnings).toEqual([
      '"###" is not a heading of this form; it is kept as text in the answer to "Description".',
      '"### Provenance" is not a heading of this form; it is kept as text in the answer to "Description".',
    ]);
  });

  it('keeps a later answer that quotes an earlier heading as text', () => {
    const description = 'See below.\n\n### Dataset name\n\nNot the name.';
    expect(parseIssueForm('dataset', datasetBody({ description }))).toMatchObject({ ok: true, input: { name: 'FinePDFs', description } });
  });

  it('removes NUL and replaces unpaired surrogates, with a warning for each', () => {
    const parsed = parseIssueForm('dataset', datasetBody({ name: 'Fine\u0000PDFs', description: 'Broken \uD800 text \uDC00.' }));
    expect(parsed).toMatchObject({ ok: true, input: { name: 'FinePDFs', description: 'Broken \uFFFD text \uFFFD.' } });
    expect(parsed.warnings).toHaveLength(2);
  });

  it('lists every problem at once, in the order of the form, each named by its label', () => {
    const body = datasetBody({ url: 'ftp://example.org', licence: '', languages: 'fin, Finnish', estimated_tokens: 'lots' }).replace('- [X]', '- [ ]');
    expect(problemsOf('dataset', body)).toEqual([
      'Dataset URL: expected an http(s) URL',
      'Licence: expected the licence (SPDX identifier or name)',
      'Languages (entry 2, "Finnish"): expected an ISO 639-3 code, optionally with its script (e.g. "mlt" or "mlt_Latn")',
      'Estimated tokens: expected a whole number in digits, with "," or "_" between groups of three if you like (e.g. 1,200,000), got "lots"',
      `${PUBLIC_ISSUE_CHECK.label}: expected the box "${PUBLIC_ISSUE_CHECK.option}" to be ticked`,
    ]);
  });

  it('names the entry and column of a list of rows, and returns what it understood', () => {
    const parsed = parseIssueForm('access', bodyOf('access', { ...SAMPLES.access.filled, 'organization-controllers': 'Example Holdings\nOther, XX', 'organization-country': '' }));
    expect(parsed).toMatchObject({
      ok: false,
      problems: [
        "Organisation's country: expected an ISO 3166-1 alpha-2 country code",
        'Controlling entities (entry 1, country): expected an ISO 3166-1 alpha-2 country code',
        'Controlling entities (entry 2, country): expected an ISO 3166-1 alpha-2 country code (e.g. "FI", "DE"), got "XX"',
      ],
      answers: { 'organization.name': 'Example Research Oy', 'organization.controllers': [{ name: 'Example Holdings' }, { name: 'Other', country: 'XX' }] },
    });
  });

  it("applies the schema's own cross-field rule: an authority states its period", () => {
    expect(problemsOf('inspection', bodyOf('inspection', { requester_kind: ['A national authority'] }))).toEqual([
      'Period stated (days): expected the period the authority stated, in days',
    ]);
    expect(parseIssueForm('inspection', bodyOf('inspection', { requester_kind: ['A researcher'] })).ok).toBe(true);
  });

  it('refuses what is not a form of its kind, without throwing', () => {
    expect(problemsOf('release', '')).toHaveLength(4);
    expect(problemsOf('release', null as unknown as string)).toHaveLength(4);
    expect(problemsOf('nonsense' as FormKind, 'x')).toEqual(['There is no issue form "nonsense".']);
    expect(problemsOf('dataset', 'x'.repeat(MAX_ISSUE_BODY_LENGTH + 1))).toEqual(['The issue body is longer than GitHub allows (65,536 characters), so it was not read.']);
  });
});
