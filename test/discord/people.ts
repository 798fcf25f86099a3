import type { HubPerson } from '../helpers/github-hub.ts';

/** Test people of real registry organisations (their names are ids, not people). */
export const DANA = { id: 'dana-delegate', organization: 'charles-university', roles: ['delegate'], github: 'dana-delegate', discord: '100000000000000001' } satisfies HubPerson;
export const OLLI = { id: 'olli-delegate', organization: 'university-of-helsinki', roles: ['delegate'], github: 'olli-delegate', discord: '100000000000000002' } satisfies HubPerson;
/** A delegate without a Discord account in the registry. */
export const PIET = { id: 'piet-delegate', organization: 'surf', roles: ['delegate'], github: 'piet-delegate' } satisfies HubPerson;
/** A second delegate of Dana's organisation. */
export const DORA = { id: 'dora-delegate', organization: 'charles-university', roles: ['delegate'], github: 'dora-delegate', discord: '100000000000000003' } satisfies HubPerson;
export const SAM = { id: 'sam-steward', organization: 'fraunhofer-iais', roles: ['data_steward'], github: 'sam-steward', discord: '100000000000000004' } satisfies HubPerson;
/** Someone on the server who is not in the registry. */
export const STRANGER = '100000000000000099';

export const PEOPLE: HubPerson[] = [DANA, OLLI, PIET, DORA, SAM];
