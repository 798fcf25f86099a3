import { parseIssue } from '@github/issue-parser';
import { stringify } from 'yaml';
import type { FieldElement, IssueFormTemplate } from './issue-form-template.ts';
import { matchDropdownOptions } from './match-dropdown-options.ts';
import { prepareIssueBody, sanitizeIssueText, unmaskHashes } from './prepare-issue-body.ts';

export type CheckboxAnswer = { selected: string[]; unselected: string[] };
/** Text for inputs and textareas, the chosen options for dropdowns, both lists for checkboxes. */
export type FieldAnswer = string | string[] | CheckboxAnswer | undefined;
export type IssueAnswers = { answers: Record<string, FieldAnswer>; warnings: string[] };

type TemplateField = { key: string; element: FieldElement; label: string };

/**
 * The answers of an issue filed with a form, keyed by field id (or, for a field without one, its
 * label as @github/issue-parser slugs it): the generic layer, which knows the form's elements but
 * not what they mean. @github/issue-parser finds the sections, after the body is made safe for it
 * (prepare-issue-body.ts); a section with no text is absent, an empty answer ("_No response_",
 * "None") is undefined for text and [] for a dropdown. Differences from the library, on purpose:
 * dropdown answers are matched against the options rather than split at every comma; a single
 * choice is never split; `render:` fences are removed; `###` inside an answer stays text.
 */
export function readIssueAnswers(body: unknown, template: IssueFormTemplate): IssueAnswers {
  const fields = templateFields(template);
  const clean = sanitizeIssueText(body);
  const masked = prepareIssueBody(clean.text, fields.map((field) => field.label));
  const parsed = parseIssue(masked.text, parsingTemplate(template, fields));
  const answers: Record<string, FieldAnswer> = {};
  for (const { key, element } of fields) {
    if (!Object.hasOwn(parsed, key)) continue;
    const raw = parsed[key];
    if (element.type === 'checkboxes') {
      const boxes = raw as CheckboxAnswer;
      answers[key] = { selected: boxes.selected.map(unmaskHashes), unselected: boxes.unselected.map(unmaskHashes) };
    } else if (element.type === 'dropdown') {
      answers[key] = typeof raw === 'string' ? matchDropdownOptions(unmaskHashes(raw), element.attributes.options ?? [], element.attributes.multiple ?? false) : [];
    } else if (typeof raw === 'string') {
      const text = unmaskHashes(raw);
      answers[key] = element.type === 'textarea' && element.attributes.render !== undefined ? removeFence(text) : text;
    } else answers[key] = undefined;
  }
  return { answers, warnings: [...clean.warnings, ...masked.warnings] };
}

/** The key @github/issue-parser gives a field: its id, or its label slugged (its formatKey). */
export function fieldKey(element: FieldElement): string {
  if (element.id) return element.id;
  return element.attributes.label.trim().toLowerCase().replace(/[^a-z0-9]/g, '_').replace(/^_+|_+$/g, '').replace(/_+/g, '_');
}

function templateFields(template: IssueFormTemplate): TemplateField[] {
  return (template.body ?? []).flatMap((element) =>
    element.type !== 'markdown' && typeof element.attributes?.label === 'string'
      ? [{ key: fieldKey(element), element, label: element.attributes.label.trim() }]
      : [],
  );
}

const parsingTemplates = new WeakMap<IssueFormTemplate, string>();

/**
 * The template handed to the library: dropdowns as inputs, so that it returns the answer whole
 * and matchDropdownOptions can read it against the options.
 */
function parsingTemplate(template: IssueFormTemplate, fields: TemplateField[]): string {
  const cached = parsingTemplates.get(template);
  if (cached) return cached;
  const body = fields.map(({ key, element, label }) => ({
    type: element.type === 'dropdown' ? 'input' : element.type,
    id: key,
    attributes: { label, ...(element.type === 'checkboxes' ? { options: element.attributes.options ?? [] } : {}) },
  }));
  const text = stringify({ body });
  parsingTemplates.set(template, text);
  return text;
}

/** The answer inside the code fence GitHub puts around a `render:` textarea. */
function removeFence(text: string): string | undefined {
  const lines = text.split('\n');
  const open = /^(`{3,}|~{3,})[^`]*$/.exec(lines[0] ?? '');
  if (!open || lines.length < 2 || lines.at(-1)!.trim() !== open[1]) return text;
  const inner = lines.slice(1, -1).join('\n').trim();
  return inner === '' ? undefined : inner;
}
