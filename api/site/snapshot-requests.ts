import { z } from 'zod';
import { MACHINES } from '../domain/requests/machines.ts';
import { REQUEST_TYPES, REQUESTER_KINDS } from '../domain/requests/vocabulary.ts';

/**
 * The requests part of the site snapshot (`buildRequestsSnapshot`, api/services/requests/
 * requests-snapshot.ts). Every object is strict: the site may receive the public view of a request
 * and the transparency figures, and nothing else. A field a requester wrote, or any new field, fails
 * the parse and so the build — a leak must be a broken build, never a published page.
 */

const count = z.number().int().nonnegative();
/** Days from filing to the answer, one decimal; null when nothing was answered yet. */
const medianDays = z.number().nonnegative().nullable();

const requestSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.enum(REQUEST_TYPES),
    /** A state of the type's machine (api/domain/requests/machines.ts). */
    state: z.string(),
    filedAt: z.iso.datetime(),
    /** When the answer is due; null while paused (the date moves with each day of waiting). */
    dueAt: z.iso.datetime().nullable(),
    /** Unanswered past its due date, and not waiting for the requester. */
    overdue: z.boolean(),
    /** Waiting for the requester: the deadline clock is stopped. */
    paused: z.boolean(),
    answeredAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    /** Filed by `agora demo` (the hub's flag, not something the requester wrote). */
    isDemo: z.boolean(),
    /** Its transitions, oldest first: states and times only, as the public ledger has them. */
    timeline: z.array(z.strictObject({ at: z.iso.datetime(), transition: z.string(), from: z.string(), to: z.string() })),
  })
  .refine((request) => MACHINES[request.type].states.includes(request.state), {
    path: ['state'],
    message: 'expected a state of the request type',
  })
  .refine((request) => request.paused === (request.dueAt === null), {
    path: ['dueAt'],
    message: 'expected a due date exactly when the request is not paused',
  });

/** Who asked; `unknown` for an inspection request recorded without a requester kind. */
const requesterKind = z.enum([...REQUESTER_KINDS, 'unknown']);

const figures = {
  received: count,
  answered: count,
  /** Answered by the due date (pauses for the requester's clarification added). */
  answeredOnTime: count,
  medianResponseDays: medianDays,
};

const transparencySchema = z.strictObject({
  /** Demo requests (`agora demo`) left out of these figures: the site counts the consortium's own only. */
  demoExcluded: count,
  ...figures,
  /** Not answered yet. */
  open: count,
  /** Not answered and past the due date (not while waiting for the requester). */
  overdue: count,
  /** One row per requester kind that has filed at least one request, by kind. */
  byRequesterKind: z.array(z.strictObject({ requesterKind, ...figures })),
});

const days = z.number().int().positive();

export const requestsSnapshotSchema = z.strictObject({
  /** Every request, newest first: type, state and dates — the public view, nothing a requester wrote. */
  items: z.array(requestSchema),
  /** Data-inspection requests: `inspectionTransparency` without its clock reading. */
  transparency: transparencySchema,
  /** Days to answer when no authority stated a period (content/governance/requests.yaml). */
  deadlines: z.strictObject({ dataset: days, access: days, inspection: days, card_correction: days, downstream_provider: days }),
});

export type SiteRequests = z.infer<typeof requestsSnapshotSchema>;
export type SiteRequest = SiteRequests['items'][number];
export type SiteTransparency = SiteRequests['transparency'];
export type SiteRequesterKind = z.infer<typeof requesterKind>;
