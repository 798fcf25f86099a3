import { MACHINES } from '../../../api/domain/requests/machines.ts';
import { REQUEST_TYPE_NAMES } from '../../../api/domain/requests/request-type-names.ts';
import { REQUEST_TYPES } from '../../../api/domain/requests/vocabulary.ts';
import { OUTCOMES } from '../../../api/domain/decisions/vocabulary.ts';

/** The namespace the bot owns: labels in it are set by the bot only, and put back when a person changes them. */
export const LABEL_PREFIX = 'agora:';
export const NEEDS_INFO_LABEL = 'agora:needs-info';

export type LabelDefinition = { name: string; color: string; description: string };

const typeLabel = (kind: string) => `agora:type/${kind}`;
const stateLabel = (state: string) => `agora:state/${state}`;

/** Every label the bot may set, with its colour and description: it creates and maintains them itself. */
export function botLabels(): LabelDefinition[] {
  const labels: LabelDefinition[] = [];
  for (const type of REQUEST_TYPES) labels.push({ name: typeLabel(type), color: '1d76db', description: `Agora: ${REQUEST_TYPE_NAMES[type].one}` });
  labels.push({ name: typeLabel('release'), color: '5319e7', description: 'Agora: a release proposal, put to the vote' });
  const states = new Set<string>(REQUEST_TYPES.flatMap((type) => MACHINES[type].states));
  for (const state of states) labels.push({ name: stateLabel(state), color: 'c5def5', description: `Agora: the request is ${state.replaceAll('_', ' ')} (set by the bot)` });
  labels.push({ name: stateLabel('voting'), color: 'fbca04', description: 'Agora: the vote is open (set by the bot)' });
  for (const outcome of OUTCOMES) labels.push({ name: stateLabel(outcome), color: 'bfdadc', description: `Agora: the vote ended ${outcome.replaceAll('_', ' ')} (set by the bot)` });
  labels.push({ name: NEEDS_INFO_LABEL, color: 'd93f0b', description: 'Agora: the form could not be read; the status comment says what to fix' });
  return labels;
}

/** The labels an issue should carry for what it tracks. */
export function labelsFor(tracked: { kind: string; state: string | null; problems: readonly string[] }): string[] {
  const labels = [typeLabel(tracked.kind)];
  if (tracked.state) labels.push(stateLabel(tracked.state));
  if (tracked.problems.length > 0) labels.push(NEEDS_INFO_LABEL);
  return labels;
}

export const isBotLabel = (name: string) => name.toLowerCase().startsWith(LABEL_PREFIX);
