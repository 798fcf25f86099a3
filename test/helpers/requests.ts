import type { RequestInput } from '../../api/domain/requests/request-schemas.ts';
import type { Actor } from '../../api/services/context.ts';
import { createPeopleHub } from './people-hub.ts';

/** The people of request tests: a requester, one member per handler role, and an outsider. */
export const REQUEST_PEOPLE = [
  { id: 'requester', organization: 'laion', roles: [] as string[] },
  { id: 'secretary', organization: 'charles-university', roles: ['secretariat'] },
  { id: 'steward', organization: 'ai-sweden', roles: ['data_steward'] },
  { id: 'lawyer', organization: 'fraunhofer-iais', roles: ['legal'] },
  { id: 'release-manager', organization: 'university-of-oslo', roles: ['release_manager'] },
  { id: 'outsider', organization: 'csc', roles: ['delegate'] },
];

export const member = (id: string): Actor => ({ kind: 'member', memberId: id, via: 'demo' });

export function createRequestHub(options: { withoutPolicies?: string[] } = {}) {
  return createPeopleHub(REQUEST_PEOPLE, {
    editContent: (content) => {
      for (const kind of options.withoutPolicies ?? [])
        content.edit('governance/policies.yaml', (text) => text.replace(new RegExp(`\\n  - kind: ${kind}\\n[\\s\\S]*?(?=\\n  - kind: |$)`), '\n'));
    },
  });
}

/** A valid request of each type; `mark` goes into every text field so tests can look for it. */
export function sampleRequest(type: RequestInput['type'], mark = 'x'): RequestInput {
  const contact = { name: `Contact ${mark}`, email: `contact-${mark.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`, organization: `Org ${mark}` };
  if (type === 'dataset')
    return {
      type,
      name: `Maltese parliament transcripts ${mark}`,
      url: 'https://example.org/dataset',
      licence: 'CC-BY-4.0',
      languages: ['mlt_Latn'],
      estimated_tokens: 120_000_000,
      description: `Transcripts ${mark}`,
      pii_notes: `Speaker names ${mark}`,
      contamination_notes: `None known ${mark}`,
      contact,
    };
  if (type === 'access')
    return {
      type,
      organization: { name: `Helsinki startup ${mark}`, country: 'FI', third_country_controlled: false, controllers: [] },
      components: { models: ['agora-demo-1b-v0-1'], datasets: [] },
      intended_use: `Customer service in Finnish ${mark}`,
      contact,
    };
  if (type === 'card_correction')
    return {
      type,
      model_id: 'agora-demo-1b-v0-1',
      field: `training_data.summary ${mark}`,
      problem: `The token count is off by a factor of ten ${mark}`,
      suggested_fix: `Say 2 trillion tokens ${mark}`,
      evidence: [`https://example.org/run-report-${encodeURIComponent(mark)}.pdf`],
      contact,
    };
  return {
    type,
    requester_kind: 'downstream_provider',
    legal_basis: `AI Act Art. 53(1)(b) ${mark}`,
    scope: { datasets: ['hplt-3.0'], details: `Check Maltese sources ${mark}` },
    attachments: [`https://example.org/letter-${encodeURIComponent(mark)}.pdf`],
    contact,
  };
}
