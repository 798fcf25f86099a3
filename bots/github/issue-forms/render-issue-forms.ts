import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'yaml';
import { buildIssueForm } from './build-issue-form.ts';
import { FORM_KINDS, type FormKind } from './form-kinds.ts';

export type RenderIssueFormsOptions = {
  /** The hub's public URL, which the forms link to (the handbook, the API). */
  publicUrl?: string;
};

export const DEFAULT_PUBLIC_URL = 'http://localhost:8787';

const HEADER = '# Generated from the request schemas by `npm run agora -- github forms`: edit the schemas or\n# bots/github/issue-forms/form-specs.ts, not this file.\n';

/** The file a kind's form is written to in `.github/ISSUE_TEMPLATE/`. */
export function formFileName(kind: FormKind): string {
  return `${kind.replace(/_/g, '-')}.yml`;
}

/**
 * Every file of `.github/ISSUE_TEMPLATE/`: one form per kind and `config.yml` (no blank issues,
 * a link to the handbook). Deterministic: the same options give the same bytes, so a check can
 * compare them with the committed files.
 */
export function renderIssueForms(options: RenderIssueFormsOptions = {}): Record<string, string> {
  const publicUrl = (options.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
  const files: Record<string, string> = {};
  for (const kind of FORM_KINDS) files[formFileName(kind)] = HEADER + stringifyFormYaml(buildIssueForm(kind, { publicUrl }));
  files['config.yml'] =
    HEADER +
    stringifyFormYaml({
      blank_issues_enabled: false,
      contact_links: [{ name: 'Handbook', url: `${publicUrl}/handbook/`, about: 'How requests, votes and releases are handled, and what to file where.' }],
    });
  return files;
}

/**
 * YAML that every reader takes for the same strings. GitHub's parser follows YAML 1.1, where a
 * plain `Yes`, `No`, `on` or `off` is a boolean, so the text is written under the 1.1 schema (which
 * quotes every string that either version would read as something else) and read back under both
 * versions before it is returned. Throws if a reader would see anything else: a bug, not input.
 */
export function stringifyFormYaml(value: unknown): string {
  const text = stringify(value, { version: '1.1', lineWidth: 0 });
  for (const version of ['1.1', '1.2'] as const) {
    if (!isDeepStrictEqual(parse(text, { version }), value)) throw new Error(`The issue form YAML reads differently under YAML ${version}:\n${text}`);
  }
  return text;
}
