import type { SiteDecision } from '../../../api/site/site-snapshot.ts';
import { decisions } from './decisions.ts';

/** The votes about a subject (`model:…`, `dataset:…`, `request:…`), newest first: the same list the API's view of the subject carries. */
export function decisionsAbout(ref: string): SiteDecision[] {
  return decisions.filter((decision) => decision.subjectLink.ref === ref).sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id));
}

const EFFECT_WORDS: Record<NonNullable<SiteDecision['effect']>['effect'], string> = {
  released: 'the model version was released',
  accepted: 'the dataset was accepted',
  deprecated: 'the dataset was deprecated',
  recorded: 'the outcome is recorded; the registry change is reviewed as a pull request',
  unchanged: 'left as it was',
};

/** What a closed decision did to its subject, in words; null while it is open. */
export function effectText(decision: SiteDecision): string | null {
  if (!decision.effect) return null;
  const words = EFFECT_WORDS[decision.effect.effect];
  const cycle = decision.effect.details.cycle;
  return decision.effect.effect === 'accepted' && typeof cycle === 'string' ? `${words} for ${cycle}` : words;
}
