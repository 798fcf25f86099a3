import { MACHINES } from '../../../api/domain/requests/machines.ts';
import { REQUEST_TYPES, REQUESTER_KINDS, type RequestType } from '../../../api/domain/requests/vocabulary.ts';
import type { SiteRequest, SiteRequesterKind, SiteTransparency } from '../../../api/site/site-snapshot.ts';
import { snapshot } from './snapshot.ts';

/** Look-ups for the request pages, built once per build from the snapshot. */

/** Every request, newest first (as the hub lists them). */
export const requests: readonly SiteRequest[] = snapshot.requests.items;
export const transparency: SiteTransparency = snapshot.requests.transparency;
export const deadlines = snapshot.requests.deadlines;

export const requestTypes = REQUEST_TYPES;
export const requestsOfType = (type: RequestType) => requests.filter((request) => request.type === type);

/** A request's page on the site. */
export const requestPagePath = (request: Pick<SiteRequest, 'id' | 'type'>) => `/requests/${request.type}/${request.id}/`;
/** The API resource of a request (its public view for readers without a token). */
export const requestApiPath = (id: string) => `/api/v1/requests/${id}`;
/** Anchor of a state's section on its type's page. */
export const stateAnchor = (state: string) => `state-${state.replaceAll('_', '-')}`;

/** The states of a type's machine in process order, each with its requests (possibly none). */
export function requestsByState(type: RequestType): { state: string; requests: SiteRequest[] }[] {
  const ofType = requestsOfType(type);
  const known = MACHINES[type].states;
  const unknown = [...new Set(ofType.map((request) => request.state).filter((state) => !known.includes(state)))];
  return [...known, ...unknown].map((state) => ({ state, requests: ofType.filter((request) => request.state === state) }));
}

/** Every state of every type in process order, for the client filter. */
export const statesByType = REQUEST_TYPES.map((type) => ({ type, states: MACHINES[type].states }));

/** Days to answer, in words, for each type when no authority stated a period. */
export function typeDeadlineText(type: RequestType): string {
  if (type !== 'inspection') return `${deadlines[type]} days from filing`;
  return `the period the authority states (AI Office, national authorities); ${deadlines.downstream_provider} days for downstream providers; ${deadlines.inspection} days otherwise`;
}

/** The deadline that applies to a requester kind, in words. */
export function requesterDeadlineText(kind: SiteRequesterKind): string {
  if (kind === 'ai_office' || kind === 'national_authority') return 'as the authority states';
  if (kind === 'downstream_provider') return `${deadlines.downstream_provider} days`;
  return `${deadlines.inspection} days (default)`;
}

export type TransparencyRow = SiteTransparency['byRequesterKind'][number];

/**
 * One row per requester kind, every kind listed even when it filed nothing (zeros say "nobody asked",
 * which is worth reading), then `unknown` when some request was recorded without a kind.
 */
export function transparencyRows(figures: SiteTransparency = transparency): TransparencyRow[] {
  const byKind = new Map(figures.byRequesterKind.map((row) => [row.requesterKind, row]));
  const empty = (requesterKind: SiteRequesterKind): TransparencyRow => ({ requesterKind, received: 0, answered: 0, answeredOnTime: 0, medianResponseDays: null });
  const rows = REQUESTER_KINDS.map((kind) => byKind.get(kind) ?? empty(kind));
  const unknown = byKind.get('unknown');
  return unknown ? [...rows, unknown] : rows;
}
