import { z } from 'zod';
import { DECISION_EFFECTS, subjectRefOf } from '../../domain/decisions/effects.ts';
import { OUTCOMES, PROPOSAL_STATES } from '../../domain/decisions/vocabulary.ts';

// Schemas and pure helpers only: the site imports this file (api/site/site-paths.ts), so no database here.

/** A decision as the pages and views of its subject list it: open and closed, with outcome and effect. */
export const decisionLinkSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.enum(PROPOSAL_STATES),
  outcome: z.enum(OUTCOMES).nullable(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  effect: z.enum(DECISION_EFFECTS).nullable().meta({ description: 'What the decision did to its subject once closed; null while open.' }),
  isDemo: z.boolean(),
});
export type DecisionLink = z.infer<typeof decisionLinkSchema>;

/** Where a decision's subject is shown: the site page of a model, dataset or nomination (only nominations are voted on) — null for the rest. */
export const subjectLinkSchema = z.object({
  ref: z.string().meta({ example: 'model:oellm-8b-v1-0' }),
  path: z.string().nullable().meta({ description: 'The subject’s page on the site, when it has one.', example: '/models/oellm-8b-v1-0/' }),
});
export type SubjectLink = z.infer<typeof subjectLinkSchema>;

export function subjectLinkOf(subject: Parameters<typeof subjectRefOf>[0]): SubjectLink {
  const ref = subjectRefOf(subject);
  const [type, id] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  const path = !id ? null : type === 'model' ? `/models/${id}/` : type === 'dataset' ? `/datasets/${id}/` : type === 'request' ? `/requests/dataset/${id}/` : null;
  return { ref, path };
}
