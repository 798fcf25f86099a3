import { FILING_SCHEMAS, labelOfKind, type FormKind } from './form-kinds.ts';
import { deriveFormFields, type FormField } from './form-fields.ts';
import { FORM_SPECS, type FormLinks } from './form-specs.ts';
import type { CheckboxesElement, FieldElement, IssueFormTemplate, MarkdownElement } from './issue-form-template.ts';

/** The checkbox that ends every form: a filer states that the issue holds nothing confidential. */
export const PUBLIC_ISSUE_CHECK = {
  id: 'public_issue',
  label: 'Public issue',
  option: 'I understand that this issue is public, and I have written nothing confidential and no personal data in it.',
} as const;

const fieldsByKind = new Map<FormKind, FormField[]>();

/** The fields of a kind's form, derived from its schema once per process. */
export function formFieldsOf(kind: FormKind): FormField[] {
  let fields = fieldsByKind.get(kind);
  if (!fields) fieldsByKind.set(kind, (fields = deriveFormFields(FILING_SCHEMAS[kind], FORM_SPECS[kind].fields)));
  return fields;
}

/**
 * The heading that marks an issue as filed with this form: its first field's label, which no other
 * form uses. GitHub drops a form's labels when the repository lacks them, but it always writes
 * `### <label>` for the first field at the top of the body.
 */
export function formMarkerOf(kind: FormKind): string {
  return formFieldsOf(kind)[0]!.label;
}

/**
 * The issue form of a kind: a public notice, the form's own note, one element per schema field,
 * and the public-issue checkbox; the label `agora:type/<kind>` and a title prefix.
 */
export function buildIssueForm(kind: FormKind, links: FormLinks): IssueFormTemplate {
  const spec = FORM_SPECS[kind];
  const notice: MarkdownElement = { type: 'markdown', attributes: { value: publicNotice(links) } };
  const intro: MarkdownElement[] = spec.intro ? [{ type: 'markdown', attributes: { value: `${spec.intro(links)}\n` } }] : [];
  const check: CheckboxesElement = {
    type: 'checkboxes',
    id: PUBLIC_ISSUE_CHECK.id,
    attributes: { label: PUBLIC_ISSUE_CHECK.label, options: [{ label: PUBLIC_ISSUE_CHECK.option, required: true }] },
  };
  return {
    name: spec.name,
    description: spec.about,
    title: spec.titlePrefix,
    labels: [labelOfKind(kind)],
    body: [notice, ...intro, ...formFieldsOf(kind).map(toElement), check],
  };
}

function publicNotice({ publicUrl }: FormLinks): string {
  return [
    '**This issue is public.** Anyone can read what you write here, and earlier versions stay visible in its history after an edit.',
    `Write nothing confidential and no personal data beyond your GitHub account. The [handbook](${publicUrl}/handbook/) explains how requests and votes are handled.`,
    '',
  ].join('\n');
}

function toElement(field: FormField): FieldElement {
  const description = [field.description, syntaxOf(field)].filter(Boolean).join(' ');
  const attributes = {
    label: field.label,
    ...(description ? { description } : {}),
    ...(field.placeholder === undefined || field.element === 'dropdown' ? {} : { placeholder: field.placeholder }),
  };
  const validations = { required: field.required };
  if (field.element === 'dropdown') return { type: 'dropdown', id: field.id, attributes: { ...attributes, multiple: false, options: field.options ?? [] }, validations };
  return { type: field.element, id: field.id, attributes, validations };
}

/** How to write answers the form cannot check itself; decode-answer.ts reads exactly these. */
function syntaxOf(field: FormField): string | undefined {
  switch (field.value.kind) {
    case 'list':
      return field.value.style === 'lines' ? 'One per line.' : 'Separate them with commas or spaces.';
    case 'rows':
      return `One per line: ${field.value.columns.map((column) => column.replace(/_/g, ' ')).join(', ')} (separated by commas).`;
    case 'number':
      return field.value.integer ? 'A whole number in digits; "," or "_" may separate thousands.' : 'A number in digits.';
    default:
      return undefined;
  }
}
