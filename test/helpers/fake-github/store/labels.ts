import { notFound, validationFailed } from '../github-error.ts';
import type { Store } from './store.ts';
import type { Issue, Label, Repo } from './types.ts';

/** GitHub's colour for a label an issue brought into being. */
export const DEFAULT_LABEL_COLOR = 'ededed';
const COLOR = /^[0-9a-fA-F]{6}$/;

export type LabelInput = { name: string; color?: string; description?: string | null };

/** The repository label with this name (case-insensitive, as on GitHub), if any. */
export function findLabel(repo: Repo, name: string): Label | undefined {
  const wanted = name.toLowerCase();
  return repo.labels.find((label) => label.name.toLowerCase() === wanted);
}

/** The repository label, or GitHub's 404. */
export function requireLabel(repo: Repo, name: string): Label {
  const label = findLabel(repo, name);
  if (!label) throw notFound();
  return label;
}

/** Creates a repository label; a taken name is a 422 `already_exists`, as on GitHub. */
export function createLabel(store: Store, repo: Repo, input: LabelInput): Label {
  if (findLabel(repo, input.name)) throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
  checkColor(input.color);
  const label: Label = {
    id: store.nextId('label'),
    name: input.name,
    color: (input.color ?? DEFAULT_LABEL_COLOR).toLowerCase(),
    description: input.description ?? null,
    default: false,
  };
  repo.labels.push(label);
  return label;
}

/** Renames or recolours a label; issues carrying it follow, since they hold its id. */
export function updateLabel(repo: Repo, name: string, patch: { new_name?: string; color?: string; description?: string | null }): Label {
  const label = requireLabel(repo, name);
  if (patch.new_name !== undefined && patch.new_name.toLowerCase() !== label.name.toLowerCase() && findLabel(repo, patch.new_name))
    throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
  checkColor(patch.color);
  if (patch.new_name !== undefined) label.name = patch.new_name;
  if (patch.color !== undefined) label.color = patch.color.toLowerCase();
  if (patch.description !== undefined) label.description = patch.description;
  return label;
}

/** Deletes a repository label and takes it off every issue. */
export function deleteLabel(repo: Repo, name: string): void {
  const label = requireLabel(repo, name);
  repo.labels.splice(repo.labels.indexOf(label), 1);
  for (const issue of repo.issues.values()) issue.label_ids = issue.label_ids.filter((id) => id !== label.id);
}

/** Label ids for names, creating the labels that do not exist yet, as adding them to an issue does. */
export function resolveLabels(store: Store, repo: Repo, names: readonly string[]): number[] {
  const ids = names.map((name) => (findLabel(repo, name) ?? createLabel(store, repo, { name })).id);
  return [...new Set(ids)];
}

/** An issue's labels as objects, in the order they were added. */
export function labelsOf(repo: Repo, issue: Issue): Label[] {
  return issue.label_ids.flatMap((id) => repo.labels.find((label) => label.id === id) ?? []);
}

/** Adds labels to an issue (keeping those it has) and bumps its `updated_at`. */
export function addIssueLabels(store: Store, repo: Repo, issue: Issue, names: readonly string[]): void {
  issue.label_ids = [...new Set([...issue.label_ids, ...resolveLabels(store, repo, names)])];
  issue.updated_at = store.timestamp();
}

/** Replaces an issue's labels. */
export function setIssueLabels(store: Store, repo: Repo, issue: Issue, names: readonly string[]): void {
  issue.label_ids = resolveLabels(store, repo, names);
  issue.updated_at = store.timestamp();
}

/** Takes one label off an issue; GitHub answers 404 `Label does not exist` when it is not there. */
export function removeIssueLabel(store: Store, repo: Repo, issue: Issue, name: string): void {
  const label = findLabel(repo, name);
  if (!label || !issue.label_ids.includes(label.id)) throw notFound('Label does not exist');
  issue.label_ids = issue.label_ids.filter((id) => id !== label.id);
  issue.updated_at = store.timestamp();
}

function checkColor(color: string | undefined): void {
  if (color !== undefined && !COLOR.test(color)) throw validationFailed({ resource: 'Label', code: 'invalid', field: 'color' });
}
