import { randomUUID } from 'node:crypto';
import { notFound } from '../github-error.ts';
import type { Store } from './store.ts';
import type { HookDelivery } from './types.ts';

export type DeliveryInput = Partial<HookDelivery> & { event: string };

/** Records a webhook delivery of the app, as GitHub lists it under `/app/hook/deliveries`. */
export function createDelivery(store: Store, input: DeliveryInput): HookDelivery {
  const delivery: HookDelivery = {
    id: input.id ?? store.nextId('delivery'),
    guid: input.guid ?? randomUUID(),
    delivered_at: input.delivered_at ?? store.timestamp(),
    redelivery: input.redelivery ?? false,
    duration: input.duration ?? 0.05,
    status: input.status ?? 'OK',
    status_code: input.status_code ?? 200,
    event: input.event,
    action: input.action ?? null,
    installation_id: input.installation_id ?? null,
    repository_id: input.repository_id ?? null,
    throttled_at: input.throttled_at ?? null,
    payload: input.payload ?? null,
  };
  store.deliveries.push(delivery);
  return delivery;
}

/** The delivery, or GitHub's 404. */
export function requireDelivery(store: Store, id: number): HookDelivery {
  const delivery = store.deliveries.find((entry) => entry.id === id);
  if (!delivery) throw notFound();
  return delivery;
}

/** Deliveries newest first, as GitHub lists them. */
export function listDeliveries(store: Store): HookDelivery[] {
  return [...store.deliveries].sort((a, b) => b.id - a.id);
}
