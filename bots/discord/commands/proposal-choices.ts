import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { ServiceContext } from '../../../api/services/context.ts';
import { listProposals } from '../../../api/services/decisions/proposals.ts';
import { fit } from '../reply.ts';

/** Open decisions whose title or id contains what the caller typed, for autocomplete (Discord shows 25). */
export async function openProposalChoices(services: ServiceContext, typed: string): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const needle = typed.trim().toLowerCase();
  const { items } = await listProposals(services, { state: 'open', limit: 100 });
  return items
    .filter((proposal) => needle === '' || proposal.title.toLowerCase().includes(needle) || proposal.id.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((proposal) => ({ name: fit(`${proposal.title} (${proposal.id})`, 100), value: proposal.id }));
}
