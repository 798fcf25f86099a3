import { runCells, type LiveRun } from '../registry/run-cells.ts';
import { formatUtcShort } from '../registry/format.ts';
import { localiseTimes } from './local-time.ts';

/**
 * Progressive enhancement of the training page: polls the API's run list and rewrites the figures
 * of the built table in place (no reload), adding a row for a run registered after the build. The
 * interval is the root's `data-refresh-seconds`, or `?refresh=N` in the page URL (tests use 1).
 * On failure the page keeps the last figures and says that live data is unavailable.
 */

const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function startLiveTraining(root: HTMLElement): void {
  const endpoint = root.dataset.endpoint ?? '/api/v1/training-runs?limit=500';
  const fromQuery = Number(new URLSearchParams(location.search).get('refresh'));
  const seconds = fromQuery > 0 ? fromQuery : Number(root.dataset.refreshSeconds) || 15;
  const status = root.querySelector<HTMLElement>('[data-live-status]');
  const say = (text: string, state: 'live' | 'unavailable') => {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  };
  say(`Live: refreshing every ${seconds} s…`, 'live');

  const poll = async () => {
    try {
      const response = await fetch(endpoint, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { items: LiveRun[] };
      for (const run of body.items) applyRun(root, run);
      localiseTimes(root);
      root.dataset.updatedAt = new Date().toISOString();
      say(`Live: updated ${clockTime.format(new Date())}, every ${seconds} s.`, 'live');
    } catch (error) {
      say(`Live data unavailable (${error instanceof Error ? error.message : 'no answer'}); the figures are the last ones received. Retrying every ${seconds} s.`, 'unavailable');
    } finally {
      setTimeout(poll, seconds * 1000);
    }
  };
  void poll();
}

function applyRun(root: HTMLElement, run: LiveRun) {
  let row = root.querySelector<HTMLTableRowElement>(`tr[data-run="${CSS.escape(run.id)}"]`);
  if (!row) {
    row = addRow(root, run);
    if (!row) return;
  }
  row.dataset.state = run.state;
  const cells = runCells(run);
  for (const [field, cell] of Object.entries(cells)) {
    const element = row.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!element) continue;
    const target = element.querySelector<HTMLElement>('[data-part="text"]') ?? element;
    if (target.textContent !== cell.text) target.textContent = cell.text;
    if (cell.title) element.title = cell.title;
  }
  const bar = row.querySelector<HTMLProgressElement>('[data-field="progress"] progress');
  if (bar) {
    if (run.progress === null) bar.removeAttribute('value');
    else bar.value = run.progress;
  }
  setTime(row.querySelector<HTMLTimeElement>('[data-field="eta"]'), run.state === 'running' ? run.eta : null);
  setTime(row.querySelector<HTMLTimeElement>('[data-field="last-report"]'), run.lastReportAt);
}

function setTime(element: HTMLTimeElement | null, iso: string | null) {
  if (!element) return;
  if (!iso) {
    element.removeAttribute('datetime');
    delete element.dataset.localised;
    element.textContent = '—';
    return;
  }
  if (element.dateTime === iso) return;
  element.dateTime = iso;
  element.dataset.utc = formatUtcShort(iso);
  element.textContent = element.dataset.utc;
}

/** A row for a run the build did not know, from the page's row template. */
function addRow(root: HTMLElement, run: LiveRun): HTMLTableRowElement | null {
  const template = root.querySelector<HTMLTemplateElement>('template[data-row-template]');
  const body = root.querySelector('tbody[data-runs]');
  const row = template?.content.firstElementChild?.cloneNode(true);
  if (!(row instanceof HTMLTableRowElement) || !body) return null;
  row.dataset.run = run.id;
  row.id = `run-${run.id}`;
  const name = row.querySelector('[data-field="run"]');
  if (name) name.textContent = run.id;
  // "demo" marks the run by its own flag, beside its id as on the built rows; its model is not said demo for it.
  const demo = row.querySelector<HTMLElement>('[data-live-demo]');
  if (run.isDemo) demo?.removeAttribute('hidden');
  else demo?.remove();
  const model = row.querySelector('[data-field="model"]');
  if (model) model.textContent = run.modelId;
  const system = row.querySelector('[data-field="system"]');
  if (system) system.textContent = run.hpcSystem;
  body.append(row);
  return row;
}
