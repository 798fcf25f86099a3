import { randomBytes } from 'node:crypto';
import { tables } from '../../../db/index.ts';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import { SALTED_DIGEST_SCHEME, saltedDigest } from '../../domain/ledger/salted-digest.ts';
import { checkLicensingEligibility } from '../../domain/eligibility.ts';
import { MACHINES } from '../../domain/requests/machines.ts';
import { splitConfidential, type PublicFiling, type RequestInput } from '../../domain/requests/request-schemas.ts';
import { mayActInPerson } from '../authorization.ts';
import { ledgerActor, utcDate, type Actor, type ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { loadCountryClasses } from '../organizations.ts';
import { checkCorrectionSubject } from './check-correction-subject.ts';
import { answerPeriodDays, deadlineDefaults, toFullView, type FullRequestView } from './views.ts';

/**
 * Files a request. Anyone with a token (scope `write`) or a member recognised by a bot may file;
 * the filer is the requester. An access request's licensing eligibility is computed at once from the
 * country and control it declares. The ledger records the filing with a digest only: what the
 * requester wrote, confidential or not, stays off public surfaces.
 */
export async function fileRequest(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: (RequestInput | PublicFiling) & { isDemo?: boolean } },
): Promise<FullRequestView> {
  if (actor.kind === 'anonymous') throw new AppError('unauthorized', 'Filing a request needs a bearer token (or a GitHub issue through the bot).');
  if (!mayActInPerson(actor))
    throw new AppError('forbidden', 'Filing a request needs a token with the "write" scope.', { scope: 'write' });
  const { isDemo, ...request } = input;
  const now = ctx.clock().toISOString();
  const id = `req_${randomBytes(8).toString('base64url')}`;
  const { open, confidential } = splitConfidential(request);
  const eligibility =
    request.type === 'access'
      ? checkLicensingEligibility(
          {
            country: request.organization.country,
            ownershipControl: {
              thirdCountryControlled: request.organization.third_country_controlled,
              controllers: request.organization.controllers,
              declared: utcDate(new Date(now)),
              // A declaration in a request holds for the review; access is re-validated yearly.
              recheck: '9999-12-31',
              basis: 'self_declaration',
            },
          },
          await loadCountryClasses(ctx),
          utcDate(new Date(now)),
        )
      : null;

  // Salted, so that the public cannot confirm a guess of what was filed (api/domain/ledger/salted-digest.ts).
  const filed = saltedDigest(canonicalJson(request), randomBytes(16).toString('hex'));
  return writeWithLedger(ctx, actor, async (tx, record) => {
    await checkCorrectionSubject(tx, request);
    const periodDays = answerPeriodDays(
      {
        type: request.type,
        requesterKind: request.type === 'inspection' ? request.requester_kind : null,
        statedPeriodDays: request.type === 'inspection' ? (request.stated_period_days ?? null) : null,
      },
      await deadlineDefaults(tx),
    );
    const row = {
      id,
      type: request.type,
      state: MACHINES[request.type].initial,
      pausedFrom: null,
      filedAt: now,
      filedBy: ledgerActor(actor),
      requesterKind: request.type === 'inspection' ? request.requester_kind : null,
      periodDays,
      assigneeMemberId: null,
      details: open,
      confidential,
      eligibility,
      revalidateAt: null,
      linkedDatasetId: null,
      linkedProposalId: null,
      answeredAt: null,
      closedAt: null,
      isDemo: isDemo ?? false,
      filedDigestSalt: filed.salt,
      updatedAt: now,
    };
    await tx.insert(tables.requests).values(row);
    await tx.insert(tables.requestActivity).values({ requestId: id, kind: 'filed', toState: row.state, actor: row.filedBy, at: now });
    record({
      type: 'request.filed',
      subject: `request:${id}`,
      data: { type: request.type, state: row.state, digest: filed.digest, digestScheme: SALTED_DIGEST_SCHEME },
    });
    return toFullView(tx, row, now);
  });
}
