import { formFieldsOf, formMarkerOf } from './build-issue-form.ts';
import { FORM_KINDS, kindOfLabel, type FormKind } from './form-kinds.ts';
import { FORM_SPECS } from './form-specs.ts';
import { sanitizeIssueText } from './prepare-issue-body.ts';

export type IssueToRecognize = { labels: readonly string[]; title: string; body: string };

/**
 * Which form an issue was filed with, or null when it was not filed with one. In order:
 * 1. its `agora:type/<kind>` label (if it has labels of several kinds, only those are considered);
 * 2. the marker: the body's first `###` heading is the label of a form's first field, which no two
 *    forms share ("Dataset name", "Organisation requesting access", "Who is asking for the
 *    inspection", "Model whose card is wrong", "Model version to release"). GitHub drops the labels
 *    a form asks for when they do not exist in the repository, but always writes the headings;
 * 3. the body has a heading for every field but the first of exactly one form (the marker was
 *    edited away);
 * 4. the title keeps the form's prefix ("[Release]") and the body has at least one of its headings.
 */
export function recognizeIssueForm({ labels, title, body }: IssueToRecognize): FormKind | null {
  const labelled = [...new Set((Array.isArray(labels) ? labels : []).map((label) => (typeof label === 'string' ? kindOfLabel(label) : null)))].filter(
    (kind): kind is FormKind => kind !== null,
  );
  if (labelled.length === 1) return labelled[0]!;
  const candidates = labelled.length > 1 ? labelled : FORM_KINDS;
  const headings = headingsOf(body);
  const present = new Set(headings);
  const rules: ((kind: FormKind) => boolean)[] = [
    (kind) => headings[0] === formMarkerOf(kind),
    (kind) => formFieldsOf(kind).slice(1).every((field) => present.has(field.label)),
    (kind) =>
      typeof title === 'string' &&
      title.trim().toLowerCase().startsWith(FORM_SPECS[kind].titlePrefix.trim().toLowerCase()) &&
      formFieldsOf(kind).some((field) => present.has(field.label)),
  ];
  for (const rule of rules) {
    const matching = candidates.filter(rule);
    if (matching.length === 1) return matching[0]!;
  }
  return null;
}

/** The texts of the body's `###` headings, in order. */
function headingsOf(body: unknown): string[] {
  const headings: string[] = [];
  for (const line of sanitizeIssueText(body).text.split('\n')) {
    const prefix = /^ {0,3}###(?!#)/.exec(line);
    if (prefix) headings.push(line.slice(prefix[0].length).trim());
  }
  return headings;
}
