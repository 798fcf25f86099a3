import { toReleaseProposal } from '../../api/domain/decisions/release-filing.ts';
import type { PublicFiling } from '../../api/domain/requests/request-schemas.ts';
import type { OpenProposalInput } from '../../api/services/decisions/proposals.ts';
import { parseIssueForm, recognizeIssueForm, type FormKind, type IssueToRecognize } from './issue-forms/index.ts';

export type FiledIssue =
  | { ok: false; problems: string[] }
  | { ok: true; kind: 'release'; proposal: OpenProposalInput }
  | { ok: true; kind: Exclude<FormKind, 'release'>; filing: PublicFiling };

/** Which of the forms an issue was filed with, if any (by its label, else by the form's marker). */
export function recognizeForm(issue: IssueToRecognize): FormKind | null {
  return recognizeIssueForm(issue);
}

/** An issue body read into what the hub acts on: a request's public filing, or a release vote to open. */
export function parseFiledIssue(kind: string, body: string): FiledIssue {
  const parsed = parseIssueForm(kind as FormKind, body);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  if (kind === 'release') return { ok: true, kind: 'release', proposal: toReleaseProposal(parsed.input as Parameters<typeof toReleaseProposal>[0]) };
  return { ok: true, kind: kind as Exclude<FormKind, 'release'>, filing: parsed.input as PublicFiling };
}
