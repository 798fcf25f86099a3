import { ageInDays, ageText } from '../registry/request-status.ts';

/**
 * Pages give each request's age as of the snapshot; this brings every `[data-age]` up to the
 * reader's clock from the filing date the element carries, with the same wording.
 */
export function refreshAges(root: ParentNode = document, now = Date.now()): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-age][data-filed]')) {
    element.textContent = ageText(ageInDays(element.dataset.filed!, now));
    element.dataset.ageAt = new Date(now).toISOString();
  }
}
