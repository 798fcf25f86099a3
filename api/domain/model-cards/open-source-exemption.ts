import type { ModelCardFrontMatter } from './card-schema.ts';
import { classifyCompute } from './compute-thresholds.ts';

export type ExemptionVerdict = { canApply: boolean; reasons: { code: string; ok: boolean; message: string }[] };

/**
 * Licences that allow access, use, modification and distribution of a model (and of its weights).
 * A short, reviewable list: anything else is not assumed to qualify.
 */
export const FREE_AND_OPEN_SOURCE_LICENCES = new Set(['Apache-2.0', 'MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'CC-BY-4.0', 'CC0-1.0', 'ODC-By-1.0', 'MPL-2.0', 'EUPL-1.2']);

/** The components that must be public for Art. 53(2): weights, architecture, usage information. */
const PUBLIC_PARAMETERS = ['Model parameters (Final)', 'Model architecture'];

/**
 * Whether the Art. 53(2) exemption from the Art. 53(1)(a) and (b) documentation duties can apply:
 * a free and open-source licence that allows access, use, modification and distribution, with the
 * weights, architecture and usage information public, and never for a model with systemic risk.
 * A licence reserved to eligible actors restricts distribution, so it cannot claim it. The copyright
 * policy and the training-content summary (Art. 53(1)(c), (d)) are due regardless.
 */
export function checkOpenSourceExemption(card: ModelCardFrontMatter): ExemptionVerdict {
  const reasons: ExemptionVerdict['reasons'] = [];
  const licence = card.licence;
  if (!licence) reasons.push({ code: 'licence_missing', ok: false, message: 'No licence is stated.' });
  else if (licence.restricted_to_eligible_actors)
    reasons.push({
      code: 'licence_restricted',
      ok: false,
      message: `${licence.id} is reserved to eligible actors, so it does not allow free distribution: not a free and open-source licence.`,
    });
  else if (!FREE_AND_OPEN_SOURCE_LICENCES.has(licence.id))
    reasons.push({ code: 'licence_not_recognised', ok: false, message: `${licence.id} is not on the list of free and open-source licences recognised for Art. 53(2).` });
  else reasons.push({ code: 'licence_open', ok: true, message: `${licence.id} allows access, use, modification and distribution.` });

  const released = new Map((card.openness ?? []).map((component) => [component.name, component]));
  const unpublished = PUBLIC_PARAMETERS.filter((name) => {
    const component = released.get(name);
    return !component || !component.included || !component.location;
  });
  if (unpublished.length)
    reasons.push({ code: 'parameters_not_public', ok: false, message: `Not published with a location: ${unpublished.join(', ')}.` });
  else reasons.push({ code: 'parameters_public', ok: true, message: 'Weights and architecture are published.' });
  if (!card.integration?.technical_means && !card.intended_uses)
    reasons.push({ code: 'usage_not_public', ok: false, message: 'No information on model usage is published.' });

  if (classifyCompute(card.compute?.flop).systemicRiskPresumed)
    reasons.push({ code: 'systemic_risk', ok: false, message: 'Models with systemic risk cannot claim the exemption (Art. 53(2)).' });
  return { canApply: reasons.every((reason) => reason.ok), reasons };
}
