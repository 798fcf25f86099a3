import { describe, expect, it } from 'vitest';
import { formMarkerOf } from './build-issue-form.ts';
import { FORM_KINDS } from './form-kinds.ts';
import { templateOf } from './parse-issue-form.ts';
import { recognizeIssueForm } from './recognize-issue-form.ts';
import { renderIssueBody } from './render-issue-body.ts';

const bodyOf = (kind: (typeof FORM_KINDS)[number]) => renderIssueBody(templateOf(kind), {});

describe('recognizeIssueForm', () => {
  it.each(FORM_KINDS)('knows a %s issue by its label, whatever the body', (kind) => {
    expect(recognizeIssueForm({ labels: ['bug', `agora:type/${kind}`], title: 'Anything', body: 'free text' })).toBe(kind);
  });

  it.each(FORM_KINDS)('knows a %s issue without its label by the first heading of the body', (kind) => {
    expect(recognizeIssueForm({ labels: ['agora:type/unknown'], title: 'Anything', body: bodyOf(kind) })).toBe(kind);
    expect(recognizeIssueForm({ labels: [], title: '', body: `### ${formMarkerOf(kind)}\r\n\r\nonly this` })).toBe(kind);
  });

  it('decides between two kind labels by the body', () => {
    expect(recognizeIssueForm({ labels: ['agora:type/dataset', 'agora:type/release'], title: '', body: bodyOf('release') })).toBe('release');
    expect(recognizeIssueForm({ labels: ['agora:type/dataset', 'agora:type/release'], title: '', body: bodyOf('access') })).toBeNull();
  });

  it('knows a form whose first heading was edited away by the rest of its headings', () => {
    const body = bodyOf('card_correction').replace(`### ${formMarkerOf('card_correction')}`, '### Model');
    expect(recognizeIssueForm({ labels: [], title: 'Card is wrong', body })).toBe('card_correction');
  });

  it('takes the title prefix only when the body holds a heading of that form', () => {
    expect(recognizeIssueForm({ labels: [], title: '[Release] v2', body: 'Preamble\n\n### Checkpoint digest\n\nsha256:...' })).toBe('release');
    expect(recognizeIssueForm({ labels: [], title: '[Release] v2 broke my setup', body: 'It crashes.' })).toBeNull();
  });

  it('answers null for an ordinary issue, and for input that is not even text', () => {
    expect(recognizeIssueForm({ labels: ['bug'], title: 'Crash', body: '### Steps\n\n1. Run it' })).toBeNull();
    expect(recognizeIssueForm({ labels: null, title: null, body: null } as never)).toBeNull();
  });
});
