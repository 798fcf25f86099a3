import { and, eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ProposalSubject } from '../../../db/schema/decisions.ts';
import type { BallotOption } from '../../domain/decisions/policy.ts';
import { systemActor, type Actor, type ServiceContext } from '../context.ts';
import { writeWithLedger } from '../ledger.ts';
import { castBallot } from '../decisions/ballots.ts';
import { runDecisionClock } from '../decisions/clock.ts';
import { raiseConcern } from '../decisions/concerns.ts';
import { openProposal } from '../decisions/proposals.ts';

/** Organisations that get a demo delegate: the binding electorate of the shipped policies. */
const DEMO_ORGANIZATIONS = [
  'charles-university', 'amd-silo-ai', 'university-of-helsinki', 'university-of-oslo', 'fraunhofer-iais', 'ellis-institute-tubingen',
  'eindhoven-university-of-technology', 'lighton', 'aleph-alpha', 'prompsit-language-engineering', 'ellamind', 'ai-sweden', 'bsc', 'cineca', 'csc', 'surf',
];
const DAY = 86_400_000;

type DemoDecision = {
  id: string;
  kind: string;
  title: string;
  description: string;
  subject: ProposalSubject | (() => Promise<ProposalSubject | null>);
  /** Days before now that it opened (long enough ago and it has closed at its deadline). */
  openedDaysAgo: number;
  ballots: [organization: string, option: BallotOption, reason?: string][];
  concern?: [organization: string, title: string];
};

const memberOf = (organization: string) => `demo-delegate-${organization}`;
const as = (organization: string): Actor => ({ kind: 'member', memberId: memberOf(organization), via: 'demo' });
const approvals = (organizations: string[], reason?: string) => organizations.map((org) => [org, 'approve', reason] as [string, BallotOption, string | undefined]);

/**
 * Demo delegates (one per binding organisation, marked as demo, named after their organisation —
 * no invented people) and four decisions: an open release vote, and three closed at their
 * deadlines — passed, blocked by a concern, rejected. All through the real services; running it
 * again changes nothing.
 */
export async function seedDemoDecisions(ctx: ServiceContext): Promise<string[]> {
  await ensureDemoDelegates(ctx);
  const decisions: DemoDecision[] = [
    {
      id: 'demo-release-agora-demo-1b-v0-1',
      kind: 'release',
      title: 'Release Agora Demo 1B v0.1 (demo)',
      description: 'Release the final checkpoint of the demo run under Apache-2.0, with its example card.',
      subject: async () => {
        const [checkpoint] = await ctx.database.db
          .select({ digest: tables.checkpoints.digest })
          .from(tables.checkpoints)
          .where(and(eq(tables.checkpoints.modelId, 'agora-demo-1b-v0-1'), eq(tables.checkpoints.step, 1000)));
        return checkpoint ? { type: 'model_release', modelId: 'agora-demo-1b-v0-1', checkpointDigest: checkpoint.digest } : null;
      },
      openedDaysAgo: 1,
      ballots: [...approvals(DEMO_ORGANIZATIONS.slice(0, 5), 'Evaluations and card reviewed.'), ['surf', 'abstain'], ['cineca', 'reject', 'Wait for the Maltese evaluation.']],
    },
    {
      id: 'demo-include-finepdfs-edu',
      kind: 'dataset_inclusion',
      title: 'Include FinePDFs-Edu in the next cycle (demo)',
      description: 'Add the educational subset of FinePDFs to the data mix of the next training cycle.',
      subject: { type: 'dataset', datasetId: 'finepdfs-edu-1.0.0' },
      openedDaysAgo: 16,
      ballots: [...approvals(DEMO_ORGANIZATIONS.slice(0, 9), 'Good licence, useful domains.'), ['csc', 'reject', 'Overlaps with FinePDFs.']],
    },
    {
      id: 'demo-include-nemotron-cc',
      kind: 'dataset_inclusion',
      title: 'Include Nemotron-CC 1.0 high-quality subset (demo)',
      description: 'Add the high-quality English subset of Nemotron-CC to the data mix.',
      subject: { type: 'dataset', datasetId: 'nemotron-cc-1.0' },
      openedDaysAgo: 15,
      ballots: approvals(DEMO_ORGANIZATIONS.slice(0, 10)),
      concern: ['prompsit-language-engineering', 'Licence terms of the source data are not verified'],
    },
    {
      id: 'demo-policy-shorter-release-votes',
      kind: 'policy_change',
      title: 'Shorten release votes to 48 hours (demo)',
      description: 'Let release votes close after 48 hours instead of 72.',
      subject: { type: 'policy', reference: 'release' },
      openedDaysAgo: 22,
      ballots: [
        ...approvals(['bsc', 'csc', 'cineca']),
        ...DEMO_ORGANIZATIONS.slice(0, 8).map((org) => [org, 'reject', 'Partners in other time zones need the third day.'] as [string, BallotOption, string]),
      ],
    },
  ];

  const created: string[] = [];
  for (const decision of decisions) {
    const [existing] = await ctx.database.db.select({ id: tables.proposals.id }).from(tables.proposals).where(eq(tables.proposals.id, decision.id));
    if (existing) continue;
    const subject = typeof decision.subject === 'function' ? await decision.subject() : decision.subject;
    if (!subject) continue;
    const opened = ctx.clock().getTime() - decision.openedDaysAgo * DAY;
    const at = (offsetHours: number) => ({ ...ctx, clock: () => new Date(opened + offsetHours * 3_600_000) });
    await openProposal(at(0), { actor: as('charles-university'), input: { id: decision.id, kind: decision.kind, title: decision.title, description: decision.description, subject, isDemo: true } });
    if (decision.concern)
      await raiseConcern(at(2), { actor: as(decision.concern[0]), input: { proposalId: decision.id, title: decision.concern[1] } });
    let hour = 3;
    for (const [organization, option, reason] of decision.ballots)
      await castBallot(at((hour += 1)), { actor: as(organization), input: { proposalId: decision.id, option, reason: reason ?? null, channel: 'web' } });
    created.push(decision.id);
  }
  // Closes the ones whose deadline has passed, at their deadlines.
  await runDecisionClock(ctx, ctx.clock().toISOString());
  return created;
}

async function ensureDemoDelegates(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock().toISOString();
  await writeWithLedger(ctx, systemActor('demo'), async (tx, record) => {
    for (const organization of DEMO_ORGANIZATIONS) {
      const [org] = await tx.select({ id: tables.organizations.id, name: tables.organizations.name }).from(tables.organizations).where(eq(tables.organizations.id, organization));
      if (!org) continue;
      const id = memberOf(organization);
      const [existing] = await tx.select({ id: tables.members.id }).from(tables.members).where(eq(tables.members.id, id));
      if (existing) continue;
      await tx.insert(tables.members).values({ id, displayName: `Demo delegate of ${org.name}`, organizationId: organization, isDemo: true, contentDigest: 'demo', updatedAt: now });
      await tx.insert(tables.memberRoles).values({ memberId: id, role: 'delegate' });
      record({ type: 'member.created', subject: `member:${id}`, data: { organizationId: organization, roles: ['delegate'], demo: true } });
    }
  });
}
