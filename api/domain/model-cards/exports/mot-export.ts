import { buildMotModelFile, type MotComponentInput } from '../../openness/build-mot-model-file.ts';
import { findComponentByName, type MofComponentName } from '../../openness/components.ts';
import type { MotArchitecture, MotModelFile, MotModelType } from '../../openness/mot-model-file.ts';
import type { ModelCardFrontMatter } from '../card-schema.ts';

export type CardMotExport = {
  file: MotModelFile;
  /** Card components whose name is not one of the framework's 17, left out of the file. */
  ignoredComponents: string[];
};

/**
 * The card as a Model Openness Tool model file: identity from the card, the model's licence as the
 * release's distribution licence (what a component without a licence of its own inherits, as in the
 * tool), and every component the card marks as included. A component named other than the framework
 * names it is left out and reported, since the tool would misread it. The file is meant to pass
 * `validateMotModelFile` and `readMotModel`; the export tests hold it to `mof_schema.json`.
 */
export function buildCardMotFile(card: ModelCardFrontMatter): CardMotExport {
  const ignoredComponents: string[] = [];
  const components: MotComponentInput[] = [];
  for (const component of card.openness ?? []) {
    if (component.included === false) continue;
    const known = findComponentByName(component.name);
    if (!known) {
      ignoredComponents.push(component.name);
      continue;
    }
    components.push({ name: known.name as MofComponentName, licence: component.licence, location: component.location });
  }
  const licence = card.licence;
  const contact = card.provider?.contact;
  const file = buildMotModelFile({
    name: card.name,
    version: card.version,
    date: card.release?.date,
    type: motTypeOf(card),
    architecture: motArchitectureOf(card.architecture?.type),
    treatment: card.base_model ? undefined : 'pre-trained',
    origin: card.base_model,
    producer: card.provider?.name ?? card.family.name,
    // The tool asks for an e-mail address; a contact page is not one.
    contact: contact && /^[^@\s]+@[^@\s]+$/.test(contact) ? contact : undefined,
    licences: licence ? { distribution: { name: licence.id, ...(licence.url ? { path: licence.url } : {}) } } : undefined,
    components,
  });
  return { file, ignoredComponents };
}

/** The tool's model type from the card's modalities: text only is a language model. */
function motTypeOf(card: ModelCardFrontMatter): MotModelType | undefined {
  const modalities = new Set([...(card.modalities?.input ?? []), ...(card.modalities?.output ?? [])].map((m) => m.toLowerCase()));
  if (modalities.size === 0) return undefined;
  if ([...modalities].every((modality) => modality === 'text')) return 'language';
  if (modalities.size > 1) return 'multimodal';
  const [only] = modalities;
  return (['vision', 'image', 'audio', 'video', 'code'] as const).find((type) => type === only) ?? 'other';
}

/** The closest of the tool's architecture names to the card's free-text architecture. */
function motArchitectureOf(type: string | undefined): MotArchitecture | undefined {
  if (!type) return undefined;
  const text = type.toLowerCase();
  if (text.includes('transformer')) {
    if (text.includes('encoder-decoder') || text.includes('encoder–decoder')) return 'transformer encoder-decoder';
    if (text.includes('decoder')) return 'transformer decoder';
    return 'transformer';
  }
  if (text.includes('diffusion')) return 'diffusion';
  if (text.includes('lstm')) return 'LSTM';
  if (text.includes('rnn') || text.includes('recurrent')) return 'RNN';
  if (text.includes('cnn') || text.includes('convolutional')) return 'CNN';
  return 'other';
}
