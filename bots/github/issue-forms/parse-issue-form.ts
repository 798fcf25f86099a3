import type { z } from 'zod';
import { buildIssueForm, formFieldsOf, PUBLIC_ISSUE_CHECK } from './build-issue-form.ts';
import { decodeAnswer } from './decode-answer.ts';
import { FILING_SCHEMAS, isFormKind, type FilingOf, type FormKind } from './form-kinds.ts';
import type { FormField } from './form-fields.ts';
import type { IssueFormTemplate } from './issue-form-template.ts';
import { readIssueAnswers, type CheckboxAnswer } from './read-issue-answers.ts';
import { DEFAULT_PUBLIC_URL } from './render-issue-forms.ts';

export type ParsedIssueForm<K extends FormKind = FormKind> =
  | { ok: true; input: FilingOf<K>; warnings: string[] }
  /** `answers`: what was understood, by the field's dotted path, for the bot to quote back. */
  | { ok: false; problems: string[]; answers: Record<string, unknown>; warnings: string[] };

/**
 * GitHub refuses issue bodies over 65,536 characters; in UTF-16 units (what `length` counts) that
 * is at most twice as many. A longer body did not come from an issue, and is not read.
 */
export const MAX_ISSUE_BODY_LENGTH = 2 * 65_536;

const templates = new Map<FormKind, IssueFormTemplate>();

/**
 * Reads an issue filed with the form of `kind` back into the input of the kind's schema. Every
 * problem is listed at once, each naming the form's field by its label ("Estimated tokens:
 * expected a whole number ..."), in the form's order; headings the form does not have and text the
 * parser changed are warnings, not failures. Never throws, whatever the body holds.
 */
export function parseIssueForm<K extends FormKind>(kind: K, body: string): ParsedIssueForm<K> {
  if (!isFormKind(kind)) return { ok: false, problems: [`There is no issue form "${String(kind)}".`], answers: {}, warnings: [] };
  if (typeof body === 'string' && body.length > MAX_ISSUE_BODY_LENGTH)
    return { ok: false, problems: [`The issue body is longer than GitHub allows (65,536 characters), so it was not read.`], answers: {}, warnings: [] };

  const fields = formFieldsOf(kind);
  const { answers: raw, warnings } = readIssueAnswers(body, templateOf(kind));
  const input: Record<string, unknown> = { type: kind };
  const answers: Record<string, unknown> = {};
  const problems: { at: number; text: string }[] = [];
  const unreadable = new Set<FormField>();
  fields.forEach((field, at) => {
    const key = field.path.join('.');
    if (field.parentRequired) ensureParents(input, field.path);
    const decoded = decodeAnswer(field, raw[field.id]);
    if ('problem' in decoded) {
      problems.push({ at, text: `${field.label}: ${decoded.problem}` });
      unreadable.add(field);
      answers[key] = raw[field.id];
    } else if ('value' in decoded) {
      answers[key] = decoded.value;
      setPath(input, field.path, decoded.value);
    }
  });
  const check = raw[PUBLIC_ISSUE_CHECK.id] as CheckboxAnswer | undefined;
  if (!check?.selected.some((option) => option.trim() === PUBLIC_ISSUE_CHECK.option))
    problems.push({ at: fields.length, text: `${PUBLIC_ISSUE_CHECK.label}: expected the box "${PUBLIC_ISSUE_CHECK.option}" to be ticked` });

  const result = (FILING_SCHEMAS[kind] as z.ZodType).safeParse(input);
  if (result.success && problems.length === 0) return { ok: true, input: result.data as FilingOf<K>, warnings };
  for (const issue of result.success ? [] : result.error.issues) {
    const at = fields.findIndex((field) => field.path.every((segment, index) => issue.path[index] === segment));
    const field = fields[at];
    if (field && unreadable.has(field)) continue;
    problems.push({ at: field ? at : fields.length, text: describeIssue(issue, field, input) });
  }
  problems.sort((a, b) => a.at - b.at);
  return { ok: false, problems: problems.map((problem) => problem.text), answers, warnings };
}

/** The form of a kind as the parser reads it; the labels do not depend on the public URL. */
export function templateOf(kind: FormKind): IssueFormTemplate {
  let template = templates.get(kind);
  if (!template) templates.set(kind, (template = buildIssueForm(kind, { publicUrl: DEFAULT_PUBLIC_URL })));
  return template;
}

function describeIssue(issue: z.core.$ZodIssue, field: FormField | undefined, input: Record<string, unknown>): string {
  if (!field) return `${issue.path.map(String).join('.') || 'The form'}: ${issue.message}`;
  const rest = issue.path.slice(field.path.length);
  let where = '';
  if (typeof rest[0] === 'number') {
    const item = valueAt(input, [...field.path, rest[0]]);
    where = ` (entry ${rest[0] + 1}${typeof item === 'string' ? `, "${item.slice(0, 60)}"` : ''}${rest[1] === undefined ? '' : `, ${String(rest[1]).replace(/_/g, ' ')}`})`;
  }
  return `${field.label}${where}: ${messageFor(issue, field, valueAt(input, issue.path) === undefined)}`;
}

/**
 * The schema's message, except for a question left unanswered: a dropdown names its options as
 * the form shows them (the schema lists raw values), and zod's default wording ("Invalid input:
 * expected string, received undefined") speaks of types, not of the form.
 */
function messageFor(issue: z.core.$ZodIssue, field: FormField, unanswered: boolean): string {
  if (!unanswered) return issue.message;
  if (field.element === 'dropdown') return `expected one of ${(field.options ?? []).map((option) => `"${option}"`).join(', ')}`;
  return issue.code === 'invalid_type' && issue.message.startsWith('Invalid input') ? 'an answer is required' : issue.message;
}

function ensureParents(target: Record<string, unknown>, path: string[]): void {
  let node = target;
  for (const segment of path.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  ensureParents(target, path);
  let node = target;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  node[path.at(-1)!] = value;
}

function valueAt(target: unknown, path: readonly PropertyKey[]): unknown {
  let node = target;
  for (const segment of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
  return node;
}
