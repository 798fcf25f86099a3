import type { BrowserContext, Page } from 'playwright-core';

/** What a page did that it should not: dialogs opened, policy violations, script errors. */
export type PageTrouble = { dialogs: string[]; violations: string[]; consoleErrors: string[]; pageErrors: string[]; failedRequests: string[] };

/**
 * Records every CSP violation a page of `context` reports, from its first byte: the listener is an
 * init script, which the browser runs before the page's own (and outside the page's policy).
 */
export async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    // Runs in the page; the project type-checks against Node, so the DOM is reached untyped.
    const { document } = globalThis as any;
    const seen: string[] = [];
    Object.defineProperty(globalThis, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event: any) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}: ${event.sample}`),
    );
  });
}

/** Starts watching `page`; `trouble()` reads what happened so far. Dialogs are dismissed. */
export function watchPage(page: Page): { trouble(): Promise<PageTrouble> } {
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // A failed load is also logged as a console error without its URL; it is reported with it below.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request) => failedRequests.push(`${request.failure()?.errorText} ${new URL(request.url()).pathname}`));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    async trouble() {
      const violations = page.isClosed() ? [] : await page.evaluate(() => [...((globalThis as { __violations?: string[] }).__violations ?? [])]);
      return { dialogs: [...dialogs], violations, consoleErrors: [...consoleErrors], pageErrors: [...pageErrors], failedRequests: [...failedRequests] };
    },
  };
}
