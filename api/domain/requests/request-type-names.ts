import type { RequestType } from './vocabulary.ts';

/**
 * How messages name each type of request: the words the site and the issue forms use, with the
 * article written out. The set of types is closed, so the article is stated, not guessed from the
 * first letter (which gets "an hour" and "a user" wrong).
 */
export const REQUEST_TYPE_NAMES: Record<RequestType, { one: string; many: string }> = {
  dataset: { one: 'a dataset nomination', many: 'dataset nominations' },
  access: { one: 'an access request', many: 'access requests' },
  inspection: { one: 'a data-inspection request', many: 'data-inspection requests' },
  card_correction: { one: 'a model-card correction', many: 'model-card corrections' },
};

/** "An access request", to start a sentence with. */
export function oneRequestOf(type: RequestType): string {
  const name = REQUEST_TYPE_NAMES[type].one;
  return name[0]!.toUpperCase() + name.slice(1);
}
