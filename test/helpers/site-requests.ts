import type { RequestInput } from '../../api/domain/requests/request-schemas.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { seedDemoRequests } from '../../api/services/demo/seed-demo-requests.ts';
import { fileRequest } from '../../api/services/requests/file-request.ts';
import { transitionRequest } from '../../api/services/requests/transition-request.ts';
import { member } from './requests.ts';

type Services = ServiceContext & { clock: { set(instant: string): void } };

const DAY = 86_400_000;
const contact = { name: 'Fixture requester', email: 'fixture-requester@example.org' };

/**
 * The requests side of the site fixture, recorded through the real services at `now`: the demo
 * requests of `agora demo` (every type, open, waiting for the requester, answered, one overdue), and
 * two more data-inspection requests so that the transparency page has an answer that came late and
 * a median of several: the AI Office's, answered after its stated 10 days; a researcher's, rejected
 * within the default period. The demo seeder adds the handlers (demo members) who move them.
 */
export async function seedRequestData(services: Services, now: string): Promise<void> {
  services.clock.set(now);
  await seedDemoRequests(services);
  const start = Date.parse(now);
  const at = (daysAgo: number) => new Date(start - daysAgo * DAY).toISOString();
  const file = async (daysAgo: number, input: RequestInput) => {
    services.clock.set(at(daysAgo));
    return (await fileRequest(services, { actor: systemActor('fixture'), input })).id;
  };
  const move = async (daysAgo: number, id: string, handler: string, transition: string, comment?: string) => {
    services.clock.set(at(daysAgo));
    await transitionRequest(services, { actor: member(handler), input: { id, transition, comment: comment ?? null } });
  };

  const late = await file(30, { type: 'inspection', requester_kind: 'ai_office', stated_period_days: 10, legal_basis: 'AI Act Art. 91 (fixture)', scope: { datasets: ['hplt-3.0'], details: 'Fixture scope' }, attachments: [], contact });
  await move(29, late, 'demo-secretariat', 'acknowledge');
  await move(25, late, 'demo-legal', 'triage');
  await move(18, late, 'demo-legal', 'approve');

  const rejected = await file(12, { type: 'inspection', requester_kind: 'researcher', scope: { datasets: ['dclm-1.0'], details: 'Fixture scope' }, attachments: [], contact });
  await move(11, rejected, 'demo-secretariat', 'acknowledge');
  await move(10, rejected, 'demo-legal', 'triage');
  await move(7, rejected, 'demo-legal', 'reject', 'Outside what the consortium holds (fixture).');
  services.clock.set(now);
}
