import { systemActor } from '../../api/services/context.ts';
import { seedDemoTraining } from '../../api/services/demo/seed-demo-training.ts';
import { createPeopleHub, type Person } from './people-hub.ts';

/** The binding electorate of the shipped release policy: partners and HPC centres. */
export const BINDING = [
  'ai-sweden', 'aleph-alpha', 'amd-silo-ai', 'bsc', 'charles-university', 'cineca', 'csc', 'eindhoven-university-of-technology',
  'ellamind', 'ellis-institute-tubingen', 'fraunhofer-iais', 'lighton', 'prompsit-language-engineering', 'surf',
  'university-of-helsinki', 'university-of-oslo',
];

export type { Person } from './people-hub.ts';

/**
 * A hub whose registry has test people, each with a personal `write` token, the shipped example card
 * and the demo's models and runs (a completed run to release) — not its decisions: tests open their own.
 */
export function createDecisionHub(people: Person[]) {
  return createPeopleHub(people, { prepare: (services) => seedDemoTraining(services, systemActor('demo')).then(() => undefined) });
}

/** One delegate per binding organisation, named after it. */
export function delegatesOf(organizations: string[], roles: string[] = ['delegate']): Person[] {
  return organizations.map((organization) => ({ id: `d-${organization}`, organization, roles }));
}
