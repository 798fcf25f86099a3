import type { FormKind } from './form-kinds.ts';

/** Addresses the forms point to; the hub's public URL in production. */
export type FormLinks = { publicUrl: string };

/**
 * How one schema field reads on the form. Everything is optional: labels, element types, options
 * and required-ness come from the schema; these words only make them read well. A description
 * given here stands in until the schema has its own `.meta({ description })`, except where noted.
 */
export type FieldPresentation = {
  label?: string;
  description?: string;
  placeholder?: string;
  /** Arrays of strings: `lines` (default) asks in a textarea, one per line; `comma` in one line. */
  list?: 'lines' | 'comma';
  /** The words the dropdown shows for each enum value (default: the value, humanised). */
  options?: Record<string, string>;
  /** Use the description here even when the schema has one (say why at the field). */
  overridesSchema?: boolean;
};

export type FormSpec = {
  name: string;
  about: string;
  titlePrefix: string;
  /** Markdown shown under the public notice, above the fields. */
  intro?: (links: FormLinks) => string;
  /** Keyed by the field's dotted path in the schema, e.g. `organization.country`. */
  fields: Record<string, FieldPresentation>;
};

const apiPointer = ({ publicUrl }: FormLinks) =>
  `through the API: \`POST ${publicUrl}/api/v1/requests\` (reference: ${publicUrl}/api/docs)`;

const MODEL_ID = 'The model version\'s id in the registry (e.g. "oellm-7b-v1").';

/**
 * The five forms. The first field of each has a label no other form uses: recognizeIssueForm reads
 * it as the form's marker when GitHub dropped the form's label (build-issue-form.test.ts checks).
 */
export const FORM_SPECS: Record<FormKind, FormSpec> = {
  dataset: {
    name: 'Nominate a dataset',
    about: "Propose a dataset for the catalogue or for a training cycle's data mix.",
    titlePrefix: '[Dataset] ',
    intro: (links) => `Notes on personal data in the dataset and your contact details are confidential, so this form does not ask for them: send them ${apiPointer(links)}.`,
    fields: {
      // The schema's descriptions say these become public once put to a vote; on an issue they are public at once.
      name: { label: 'Dataset name', description: "The dataset's name, as its publisher gives it.", overridesSchema: true },
      url: { label: 'Dataset URL', description: 'Where the dataset is described or downloaded (an http or https link).', placeholder: 'https://', overridesSchema: true },
      licence: { description: 'An SPDX identifier (e.g. CC-BY-4.0) or the name of the licence.' },
      languages: { list: 'comma', description: 'ISO 639-3 codes, optionally with the script (e.g. mlt, mlt_Latn).', placeholder: 'fin, swe, mlt_Latn' },
      estimated_tokens: { description: 'Roughly how many tokens the dataset holds.', placeholder: '1,200,000,000' },
      description: { description: 'What the dataset holds, how it was made and why it is worth training on.' },
      contamination_notes: { label: 'Benchmark contamination', description: 'Benchmarks whose test data the dataset may contain, and how you checked.' },
      cycle: { label: 'Training cycle', description: 'The training cycle it is nominated for, if any (its collection id).' },
    },
  },
  access: {
    name: 'Request access',
    about: 'Ask to licence models or datasets of the consortium.',
    titlePrefix: '[Access] ',
    intro: (links) => `The intended use and your contact details are confidential, so this form does not ask for them: send them ${apiPointer(links)}.`,
    fields: {
      'organization.name': { label: 'Organisation requesting access', description: "The organisation's legal name." },
      'organization.registry_id': { label: "Organisation's registry id", description: "Its id in the consortium's registry, if it is listed there (e.g. charles-university)." },
      'organization.country': { label: "Organisation's country", description: 'Where it is established: an ISO 3166-1 alpha-2 code (e.g. FI, DE).', placeholder: 'FI' },
      'organization.third_country_controlled': { label: 'Controlled from outside the EU', description: 'Whether an entity established outside the EU controls the organisation.' },
      'organization.controllers': { label: 'Controlling entities', description: 'Who controls the organisation, if anyone, each with its country code.', placeholder: 'Example Holdings Ltd, US' },
      'components.models': { label: 'Models', description: 'The ids of the models to licence (e.g. oellm-7b-v1).' },
      'components.datasets': { label: 'Datasets', description: 'The ids of the datasets to licence.' },
    },
  },
  inspection: {
    name: 'Request a data inspection',
    about: 'Ask to inspect the training data (AI Act Art. 53, national authorities, rightsholders, researchers).',
    titlePrefix: '[Inspection] ',
    intro: (links) =>
      [
        '**This form asks only for what may be public.** What is to be inspected (the scope), the legal basis, your letters and annexes, and how to reach you are confidential:',
        `send them with the full request ${apiPointer(links)}. Do not write them here.`,
      ].join('\n'),
    fields: {
      requester_kind: {
        label: 'Who is asking for the inspection',
        options: { ai_office: 'The AI Office', national_authority: 'A national authority', downstream_provider: 'A downstream provider', rightsholder: 'A rightsholder', researcher: 'A researcher' },
      },
      stated_period_days: { label: 'Period stated (days)', description: 'The AI Office and national authorities: the period your request gives us, in days.', placeholder: '30' },
      preferred_date: { description: 'When you would like the inspection to take place, as YYYY-MM-DD.', placeholder: 'YYYY-MM-DD' },
    },
  },
  card_correction: {
    name: 'Correct a model card',
    about: 'Report something wrong in a model card, with the evidence.',
    titlePrefix: '[Card correction] ',
    intro: () => 'Your contact details are not asked for: we answer on this issue.',
    fields: {
      model_id: { label: 'Model whose card is wrong', description: MODEL_ID },
      field: { label: 'Field or section', description: 'The field or section of the card that is wrong.' },
      problem: { label: 'What is wrong' },
      suggested_fix: { label: 'Suggested correction' },
      evidence: { description: 'Links (http or https) that support the correction.' },
    },
  },
  release: {
    name: 'Propose a release',
    about: 'Propose putting the release of a model checkpoint to a vote.',
    titlePrefix: '[Release] ',
    intro: () => 'A release vote opens only when the model card is complete and the checkpoint comes from a completed training run.',
    fields: {
      model_id: { label: 'Model version to release', description: MODEL_ID },
      checkpoint_digest: { description: 'The checkpoint to release, as the registry lists it: sha256: and 64 hex digits.', placeholder: 'sha256:' },
      title: { label: 'Vote title', description: 'The title of the vote. Left empty, it names the model and the checkpoint.' },
      rationale: { label: 'Why release it', description: "Evaluations, the card's state, anything the voters should weigh." },
    },
  },
};
