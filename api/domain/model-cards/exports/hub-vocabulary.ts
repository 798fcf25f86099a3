/**
 * What the Hugging Face Hub accepts in a model card's YAML metadata, copied from its own
 * documentation so that the export cannot invent a key:
 *
 * - the metadata spec, https://github.com/huggingface/hub-docs/blob/main/modelcard.md (language,
 *   license, license_name, license_link, library_name, tags, datasets, metrics, base_model,
 *   model-index and the keys inside model-index);
 * - https://huggingface.co/docs/hub/model-cards ("Model card metadata": thumbnail, base_model,
 *   pipeline_tag, license `other` with license_name/license_link, model-index results with `source`);
 * - `huggingface_hub.ModelCardData` (src/huggingface_hub/repocard_data.py: base_model, datasets,
 *   language, library_name, license, license_name, license_link, metrics, pipeline_tag, tags, and
 *   eval_results/model_name written as model-index);
 * - https://huggingface.co/docs/hub/model-cards-co2 (co2_eq_emissions and its five keys);
 * - https://huggingface.co/docs/hub/repositories-licenses (docs/hub/repositories-licenses.md in
 *   hub-docs) for the licence identifiers.
 */

/** Top-level metadata keys of a model card. */
export const HUB_MODEL_CARD_KEYS = [
  'language',
  'license',
  'license_name',
  'license_link',
  'library_name',
  'pipeline_tag',
  'tags',
  'datasets',
  'metrics',
  'base_model',
  'thumbnail',
  'model-index',
  'co2_eq_emissions',
] as const;
export type HubModelCardKey = (typeof HUB_MODEL_CARD_KEYS)[number];

/** Keys inside `model-index` (modelcard.md; `source` from the model-cards page). */
export const HUB_MODEL_INDEX_KEYS = {
  entry: ['name', 'results'],
  result: ['task', 'dataset', 'metrics', 'source'],
  task: ['type', 'name'],
  dataset: ['type', 'name', 'config', 'split', 'revision', 'args'],
  metric: ['type', 'value', 'name', 'config', 'args', 'verified'],
  source: ['name', 'url'],
} as const;

/** Keys inside `co2_eq_emissions` (model-cards-co2); `emissions` is in grams of CO2 equivalent. */
export const HUB_CO2_KEYS = ['emissions', 'source', 'training_type', 'geographical_location', 'hardware_used'] as const;

/** The Hub's licence identifiers, as its licence table lists them. */
export const HUB_LICENCE_IDS = [
  'apache-2.0', 'mit', 'openrail', 'bigscience-openrail-m', 'creativeml-openrail-m', 'bigscience-bloom-rail-1.0',
  'bigcode-openrail-m', 'afl-3.0', 'artistic-2.0', 'bsl-1.0', 'bsd', 'bsd-2-clause', 'bsd-3-clause',
  'bsd-3-clause-clear', 'c-uda', 'cc', 'cc0-1.0', 'cc-by-2.0', 'cc-by-2.5', 'cc-by-3.0', 'cc-by-4.0', 'cc-by-sa-3.0',
  'cc-by-sa-4.0', 'cc-by-nc-2.0', 'cc-by-nc-3.0', 'cc-by-nc-4.0', 'cc-by-nd-4.0', 'cc-by-nc-nd-3.0', 'cc-by-nc-nd-4.0',
  'cc-by-nc-sa-2.0', 'cc-by-nc-sa-3.0', 'cc-by-nc-sa-4.0', 'cdla-sharing-1.0', 'cdla-permissive-1.0',
  'cdla-permissive-2.0', 'wtfpl', 'ecl-2.0', 'epl-1.0', 'epl-2.0', 'etalab-2.0', 'eupl-1.1', 'agpl-3.0', 'gfdl', 'gpl',
  'gpl-2.0', 'gpl-3.0', 'lgpl', 'lgpl-2.1', 'lgpl-3.0', 'isc', 'lppl-1.3c', 'ms-pl', 'mpl-2.0', 'odc-by', 'odbl',
  'openrail++', 'osl-3.0', 'postgresql', 'ofl-1.1', 'ncsa', 'unlicense', 'zlib', 'pddl', 'lgpl-lr',
  'deepfloyd-if-license', 'llama2', 'gemma', 'unknown', 'other',
] as const;

/**
 * SPDX identifiers whose Hub identifier is not simply the lower-cased SPDX id. Anything neither
 * here nor in the table goes out as `other` with a name and a link, which the Hub always accepts.
 */
export const SPDX_TO_HUB_LICENCE: Readonly<Record<string, string>> = {
  'ODC-By-1.0': 'odc-by',
  'ODbL-1.0': 'odbl',
  'PDDL-1.0': 'pddl',
  'AGPL-3.0-only': 'agpl-3.0',
  'AGPL-3.0-or-later': 'agpl-3.0',
  'GPL-2.0-only': 'gpl-2.0',
  'GPL-2.0-or-later': 'gpl-2.0',
  'GPL-3.0-only': 'gpl-3.0',
  'GPL-3.0-or-later': 'gpl-3.0',
  'LGPL-2.1-only': 'lgpl-2.1',
  'LGPL-2.1-or-later': 'lgpl-2.1',
  'LGPL-3.0-only': 'lgpl-3.0',
  'LGPL-3.0-or-later': 'lgpl-3.0',
  'Unlicense': 'unlicense',
};

/** Families and placeholders of the table: a card's exact licence is never exported as one of them. */
const NOT_A_LICENCE = new Set(['bsd', 'cc', 'gfdl', 'gpl', 'lgpl', 'openrail', 'unknown', 'other']);

export type HubLicence = { license: string; license_name?: string; license_link?: string };

/**
 * The Hub's licence fields for a card licence: its Hub identifier when the Hub lists it, otherwise
 * `other` with `license_name` (a slug of the id) and `license_link` (its URL, or the repository's
 * LICENSE file, as the Hub suggests).
 */
export function toHubLicence(licence: { id: string; url?: string | undefined }): HubLicence {
  const mapped = SPDX_TO_HUB_LICENCE[licence.id] ?? licence.id.toLowerCase();
  if ((HUB_LICENCE_IDS as readonly string[]).includes(mapped) && !NOT_A_LICENCE.has(mapped)) return { license: mapped };
  const name = licence.id
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return { license: 'other', license_name: name || 'custom', license_link: licence.url ?? 'LICENSE' };
}

/** Libraries a card's software list may name that the Hub knows by the same id (huggingface.js model-libraries.ts). */
export const HUB_LIBRARIES = ['transformers', 'sentence-transformers', 'diffusers', 'peft', 'timm'] as const;

/** The Hub task (`pipeline_tag`) for a pair of input and output modalities, where one fits. */
export function hubPipelineTag(input: readonly string[], output: readonly string[]): string | undefined {
  const key = `${[...new Set(input.map((m) => m.toLowerCase()))].sort().join('+')}->${[...new Set(output.map((m) => m.toLowerCase()))].sort().join('+')}`;
  const tags: Record<string, string> = {
    'text->text': 'text-generation',
    'image+text->text': 'image-text-to-text',
    'text->image': 'text-to-image',
    'audio->text': 'automatic-speech-recognition',
    'text->audio': 'text-to-speech',
  };
  return tags[key];
}
