import { createHmac, randomUUID } from 'node:crypto';
import { REPOSITORY } from '../test/helpers/github-hub.ts';
import { datasetBody, issuePayload } from '../test/helpers/github-payloads.ts';

export { REPOSITORY as BENCH_REPOSITORY };

/** A webhook request as GitHub sends it: the JSON body and the headers that go with it. */
export type SignedDelivery = { body: string; headers: Record<string, string> };

/** Authors take turns, so most filings come from a requester the hub already knows and some from a new one. */
const AUTHORS = 50;

/**
 * The recorded `issues.opened` payload, built once: issuePayload reads the fixture file several
 * times per call, which for tens of thousands of deliveries would cost more than signing them.
 */
const template = issuePayload('opened', { number: 0, body: '', author: { login: 'bench-author-0', id: 70_000_000 }, labels: ['agora:type/dataset'] });

/**
 * `issues.opened` for issue `number`: a valid dataset nomination from the generated form (its own
 * dataset name and URL), with a fresh delivery GUID, signed with `secret` as GitHub signs it.
 */
export function signDelivery(number: number, secret: string): SignedDelivery {
  const author = { ...template.sender, login: `bench-author-${number % AUTHORS}`, id: 70_000_000 + (number % AUTHORS) };
  const payload = {
    ...template,
    issue: {
      ...template.issue,
      id: 9_000_000 + number,
      number,
      title: `Nominate benchmark corpus ${number}`,
      body: datasetBody({ name: `Benchmark corpus ${number}`, url: `https://example.org/datasets/bench-${number}` }),
      user: author,
      html_url: `https://github.com/${REPOSITORY}/issues/${number}`,
    },
    sender: author,
  };
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/bench',
      'x-github-event': 'issues',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  };
}

export type DeliveryPool = {
  /** The next delivery: from the pool while it lasts, then signed on the spot. */
  next(): SignedDelivery;
  /** Deliveries handed out so far (the next issue number is `first + handedOut`). */
  readonly handedOut: number;
  /** How many had to be signed during the load because the pool ran out (0 in a good run). */
  readonly signedDuringLoad: number;
};

/**
 * Deliveries for issues `first`, `first + 1`, ..., the first `size` of them signed before the load
 * starts, so that the load generator spends its time sending rather than hashing. Every one has a
 * new GUID and issue number: none is a redelivery, so each stored one is a 202 and a filing.
 */
export function createDeliveryPool(first: number, size: number, secret: string): DeliveryPool {
  const pool: (SignedDelivery | undefined)[] = Array.from({ length: size }, (_, index) => signDelivery(first + index, secret));
  let handedOut = 0;
  let signedDuringLoad = 0;
  return {
    next() {
      const delivery = pool[handedOut] ?? (signedDuringLoad++, signDelivery(first + handedOut, secret));
      pool[handedOut] = undefined; // sent once: let it go
      handedOut++;
      return delivery;
    },
    get handedOut() {
      return handedOut;
    },
    get signedDuringLoad() {
      return signedDuringLoad;
    },
  };
}
