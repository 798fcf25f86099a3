/** GitHub issue forms for requests and release proposals: generated from the schemas, parsed back into them. */
export { FORM_KINDS, FILING_SCHEMAS, kindOfLabel, labelOfKind, type FilingOf, type FormKind } from './form-kinds.ts';
export { buildIssueForm, formMarkerOf, PUBLIC_ISSUE_CHECK } from './build-issue-form.ts';
export { DEFAULT_PUBLIC_URL, formFileName, renderIssueForms, type RenderIssueFormsOptions } from './render-issue-forms.ts';
export { MAX_ISSUE_BODY_LENGTH, parseIssueForm, type ParsedIssueForm } from './parse-issue-form.ts';
export { recognizeIssueForm, type IssueToRecognize } from './recognize-issue-form.ts';
export { readIssueAnswers, type CheckboxAnswer, type FieldAnswer, type IssueAnswers } from './read-issue-answers.ts';
