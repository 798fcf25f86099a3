/**
 * Demo data (`agora demo`) is shown, marked "demo", and never counted: a total on the site counts the
 * consortium's own items and says apart how many demo ones it left out (DemoLeftOut.astro). Each
 * item is demo by its own flag only — a real run of a demo model is real.
 */
export function countApart<T extends { isDemo: boolean }>(items: readonly T[]): { counted: T[]; demo: number } {
  const counted = items.filter((item) => !item.isDemo);
  return { counted, demo: items.length - counted.length };
}
