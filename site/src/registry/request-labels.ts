import type { RequesterKind, RequestType } from '../../../api/domain/requests/vocabulary.ts';

/**
 * Words for the request vocabularies (api/domain/requests/). `Record<Union, …>` makes the build fail
 * when a type or requester kind is added there without words here; the machines' states are plain
 * strings, so a test checks that every state of every machine has a label (site-request-pages.test.ts).
 * Key order is display order: the order of each machine's states.
 */

export const REQUEST_TYPE: Record<RequestType, { label: string; plural: string; path: string }> = {
  dataset: { label: 'Dataset nomination', plural: 'Dataset nominations', path: '/requests/dataset/' },
  access: { label: 'Access request', plural: 'Access requests', path: '/requests/access/' },
  inspection: { label: 'Data-inspection request', plural: 'Data-inspection requests', path: '/requests/inspection/' },
  card_correction: { label: 'Model-card correction', plural: 'Model-card corrections', path: '/requests/card_correction/' },
};

/** Each state in words, and what it means for the requester. */
export const REQUEST_STATE: Record<RequestType, Record<string, { label: string; meaning: string }>> = {
  dataset: {
    submitted: { label: 'Submitted', meaning: 'Filed; nobody has looked at it yet.' },
    triaged: { label: 'Triaged', meaning: 'A data steward checked that it is complete and in scope.' },
    needs_info: { label: 'Needs information', meaning: 'Waiting for the requester to answer a question; the deadline clock is stopped.' },
    under_review: { label: 'Under review', meaning: 'A data steward is assessing licence, content and quality.' },
    accepted: { label: 'Accepted', meaning: 'The dataset is accepted for the catalogue.' },
    scheduled: { label: 'Scheduled', meaning: 'The dataset is planned for a training cycle.' },
    declined: { label: 'Declined', meaning: 'The consortium will not use the dataset, and said why.' },
    withdrawn: { label: 'Withdrawn', meaning: 'The requester withdrew the nomination.' },
  },
  access: {
    submitted: { label: 'Submitted', meaning: 'Filed; eligibility was checked automatically.' },
    under_review: { label: 'Under review', meaning: 'The legal team is reviewing the request.' },
    granted: { label: 'Granted', meaning: 'Access is licensed until its re-validation date.' },
    rejected: { label: 'Rejected', meaning: 'Access was refused, with the reasons.' },
    revoked: { label: 'Revoked', meaning: 'Access was granted, then withdrawn, with the reasons.' },
    withdrawn: { label: 'Withdrawn', meaning: 'The requester withdrew the request.' },
  },
  inspection: {
    received: { label: 'Received', meaning: 'Filed; not acknowledged yet.' },
    acknowledged: { label: 'Acknowledged', meaning: 'The secretariat confirmed receipt.' },
    triaged: { label: 'Triaged', meaning: 'The legal team and data stewards are assessing it.' },
    clarification: { label: 'Waiting for clarification', meaning: 'Waiting for the requester to clarify; the deadline clock is stopped.' },
    approved: { label: 'Approved', meaning: 'The inspection will take place.' },
    rejected: { label: 'Rejected', meaning: 'The inspection was refused, with the reasons.' },
    scheduled: { label: 'Inspection scheduled', meaning: 'A date for the inspection is agreed.' },
    fulfilled: { label: 'Inspection done', meaning: 'The inspection took place.' },
    closed: { label: 'Closed', meaning: 'Nothing more to do.' },
  },
  card_correction: {
    submitted: { label: 'Submitted', meaning: 'Filed; nobody has looked at it yet.' },
    needs_info: { label: 'Needs information', meaning: 'Waiting for the requester to answer a question; the deadline clock is stopped.' },
    under_review: { label: 'Under review', meaning: 'A release manager is checking the card against the evidence.' },
    accepted: { label: 'Accepted', meaning: 'The card is wrong and will be fixed by a pull request.' },
    fixed: { label: 'Fixed', meaning: 'The pull request that corrects the card is merged.' },
    declined: { label: 'Declined', meaning: 'The card stays as it is, and the reasons were given.' },
    withdrawn: { label: 'Withdrawn', meaning: 'The requester withdrew the correction.' },
  },
};

/** The process of each type in one line, as the handbook draws it. */
export const REQUEST_FLOW: Record<RequestType, string> = {
  dataset: 'Submitted → Triaged → Needs information (as often as needed) → Under review → Accepted (→ Scheduled), Declined or Withdrawn',
  access: 'Submitted (eligibility checked) → Under review → Granted (can later be Revoked) or Rejected; the requester may withdraw',
  inspection: 'Received → Acknowledged → Triaged → Waiting for clarification (as often as needed) → Approved or Rejected → Inspection scheduled → Inspection done → Closed',
  card_correction: 'Submitted → Needs information (as often as needed) → Under review → Accepted (→ Fixed, by a pull request) or Declined; the requester may withdraw until accepted',
};

export const REQUESTER_KIND: Record<RequesterKind | 'unknown', string> = {
  ai_office: 'AI Office',
  national_authority: 'National authority',
  downstream_provider: 'Downstream provider',
  rightsholder: 'Rightsholder',
  researcher: 'Researcher',
  unknown: 'Not recorded',
};

/** A request's state in words; the raw name when a machine gained a state the site does not know yet. */
export function stateLabel(type: RequestType, state: string): string {
  return REQUEST_STATE[type][state]?.label ?? state.replaceAll('_', ' ');
}
