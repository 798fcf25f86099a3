/** The kinds of request the consortium takes. */
export const REQUEST_TYPES = ['dataset', 'access', 'inspection', 'card_correction'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Who asks to inspect training data; the kind decides the deadline (AI Act Art. 53 and the funding terms). */
export const REQUESTER_KINDS = ['ai_office', 'national_authority', 'downstream_provider', 'rightsholder', 'researcher'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/** The roles that handle requests, besides the requester (each a member role, api/domain/vocabulary.ts). */
export const HANDLER_ROLES = ['secretariat', 'data_steward', 'legal', 'release_manager'] as const;
export type HandlerRole = (typeof HANDLER_ROLES)[number];
export type RequestRole = HandlerRole | 'requester';
