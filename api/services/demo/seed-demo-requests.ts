import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { RequestInput } from '../../domain/requests/request-schemas.ts';
import { systemActor, type Actor, type ServiceContext } from '../context.ts';
import { writeWithLedger } from '../ledger.ts';
import { fileRequest } from '../requests/file-request.ts';
import { transitionRequest } from '../requests/transition-request.ts';

/** Demo handlers, named after their role and organisation (no invented people), marked as demo. */
const HANDLERS = [
  { id: 'demo-secretariat', organization: 'charles-university', role: 'secretariat' as const },
  { id: 'demo-legal', organization: 'fraunhofer-iais', role: 'legal' as const },
  { id: 'demo-data-steward', organization: 'ai-sweden', role: 'data_steward' as const },
];
const DAY = 86_400_000;
const contact = { name: 'Demo requester', email: 'demo-requester@example.org' };

type DemoRequest = { input: RequestInput; filedDaysAgo: number; steps: [actor: string, transition: string, comment?: string][] };

const DEMO_REQUESTS: DemoRequest[] = [
  {
    input: { type: 'dataset', name: 'Maltese parliament transcripts (demo)', url: 'https://example.org/demo/maltese-parliament', licence: 'CC-BY-4.0', languages: ['mlt_Latn'], estimated_tokens: 120_000_000, contact },
    filedDaysAgo: 2,
    steps: [],
  },
  {
    input: { type: 'dataset', name: 'Estonian news archive (demo)', url: 'https://example.org/demo/estonian-news', licence: 'CC-BY-SA-4.0', languages: ['ekk_Latn'], contact },
    filedDaysAgo: 9,
    steps: [['demo-data-steward', 'triage'], ['demo-data-steward', 'ask_info', 'Which years does the archive cover? (demo)']],
  },
  {
    input: { type: 'dataset', name: 'Scraped forum dump (demo)', url: 'https://example.org/demo/forum', licence: 'unknown', languages: ['eng_Latn'], contact },
    filedDaysAgo: 20,
    steps: [['demo-data-steward', 'triage'], ['demo-data-steward', 'decline', 'No licence allows training; personal data throughout. (demo)']],
  },
  {
    input: { type: 'access', organization: { name: 'A Finnish language-technology SME (demo)', country: 'FI', third_country_controlled: false, controllers: [] }, components: { models: ['agora-demo-1b-v0-1'], datasets: [] }, intended_use: 'Customer-service assistant in Finnish and Swedish (demo)', contact },
    filedDaysAgo: 12,
    steps: [['demo-legal', 'start_review'], ['demo-legal', 'grant']],
  },
  {
    input: { type: 'access', organization: { name: 'A subsidiary of a non-European group (demo)', country: 'DE', third_country_controlled: true, controllers: [{ name: 'Parent group (demo)', country: 'US' }] }, components: { models: ['agora-demo-1b-v0-1'], datasets: [] }, intended_use: 'Evaluation (demo)', contact },
    filedDaysAgo: 6,
    steps: [['demo-legal', 'start_review'], ['demo-legal', 'reject', 'Controlled from a third country: not eligible. (demo)']],
  },
  {
    input: { type: 'inspection', requester_kind: 'national_authority', stated_period_days: 21, legal_basis: 'AI Act Art. 74 (demo)', scope: { datasets: ['hplt-3.0'], details: 'Sources of the Maltese web data (demo)' }, attachments: [], contact },
    filedDaysAgo: 40,
    steps: [['demo-secretariat', 'acknowledge'], ['demo-legal', 'triage'], ['demo-legal', 'approve'], ['demo-data-steward', 'schedule'], ['demo-data-steward', 'fulfil'], ['demo-secretariat', 'close']],
  },
  {
    input: { type: 'inspection', requester_kind: 'downstream_provider', scope: { datasets: ['finepdfs-1.0.0'], details: 'Licences of the PDF sources (demo)' }, attachments: [], contact },
    filedDaysAgo: 16,
    steps: [['demo-secretariat', 'acknowledge'], ['demo-legal', 'triage']],
  },
  {
    input: { type: 'inspection', requester_kind: 'rightsholder', scope: { datasets: ['nemotron-cc-1.0'], details: 'Whether our site is in the crawl (demo)' }, attachments: [], contact },
    filedDaysAgo: 5,
    steps: [['demo-secretariat', 'acknowledge'], ['demo-legal', 'triage'], ['demo-legal', 'ask_clarification', 'Which domains? (demo)']],
  },
];

/**
 * Demo requests of each type in several states (open, waiting, answered, late), filed and moved by
 * demo handlers through the real services, backdated. Running it again changes nothing.
 */
export async function seedDemoRequests(ctx: ServiceContext): Promise<number> {
  const [any] = await ctx.database.db.select({ id: tables.requests.id }).from(tables.requests).where(eq(tables.requests.isDemo, true)).limit(1);
  if (any) return 0;
  await ensureHandlers(ctx);
  for (const demo of DEMO_REQUESTS) {
    const filed = ctx.clock().getTime() - demo.filedDaysAgo * DAY;
    const at = (hours: number) => ({ ...ctx, clock: () => new Date(filed + hours * 3_600_000) });
    const request = await fileRequest(at(0), { actor: systemActor('demo'), input: { ...demo.input, isDemo: true } });
    let hour = 4;
    for (const [handler, transition, comment] of demo.steps)
      await transitionRequest(at((hour += 20)), { actor: { kind: 'member', memberId: handler, via: 'demo' } satisfies Actor, input: { id: request.id, transition, comment: comment ?? null } });
  }
  return DEMO_REQUESTS.length;
}

async function ensureHandlers(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock().toISOString();
  await writeWithLedger(ctx, systemActor('demo'), async (tx, record) => {
    for (const handler of HANDLERS) {
      const [existing] = await tx.select({ id: tables.members.id }).from(tables.members).where(eq(tables.members.id, handler.id));
      if (existing) continue;
      const [org] = await tx.select({ name: tables.organizations.name }).from(tables.organizations).where(eq(tables.organizations.id, handler.organization));
      if (!org) continue;
      await tx.insert(tables.members).values({ id: handler.id, displayName: `Demo ${handler.role.replace('_', ' ')} of ${org.name}`, organizationId: handler.organization, isDemo: true, contentDigest: 'demo', updatedAt: now });
      await tx.insert(tables.memberRoles).values({ memberId: handler.id, role: handler.role });
      record({ type: 'member.created', subject: `member:${handler.id}`, data: { organizationId: handler.organization, roles: [handler.role], demo: true } });
    }
  });
}
