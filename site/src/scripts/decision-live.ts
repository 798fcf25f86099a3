import { tallyPanel, type CountedRow, type LiveTally, type TallyPanelModel } from '../registry/decision-tally.ts';

/**
 * Progressive enhancement of an open vote's page: polls `GET /api/v1/proposals/{id}/tally` and
 * rewrites the tally panel in place (no reload) with the same wording the build used
 * (registry/decision-tally.ts). The interval is the panel's `data-refresh-seconds`, or `?refresh=N`
 * in the page URL (tests use 1). On failure the panel keeps the last tally and says so; once the
 * vote has closed it shows the final tally and stops.
 */

type Organizations = Record<string, { name: string; href: string | null }>;

const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function startLiveDecision(root: HTMLElement): void {
  const endpoint = root.dataset.endpoint;
  if (!endpoint) return;
  const rules = { quorum: Number(root.dataset.quorum) };
  const fromQuery = Number(new URLSearchParams(location.search).get('refresh'));
  const seconds = fromQuery > 0 ? fromQuery : Number(root.dataset.refreshSeconds) || 15;
  const organizations = readOrganizations(root);
  const status = root.querySelector<HTMLElement>('[data-live-status]');
  const say = (text: string, state: 'live' | 'unavailable' | 'closed') => {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  };
  say(`Live: refreshing every ${seconds} s…`, 'live');

  const poll = async () => {
    let again = true;
    try {
      const response = await fetch(endpoint, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const tally = (await response.json()) as LiveTally;
      applyTally(root, tallyPanel(tally, rules), organizations);
      root.dataset.updatedAt = new Date().toISOString();
      if (tally.state === 'closed') {
        again = false;
        say('The vote has closed: this is its final tally. Its ballots and timeline appear on this page after the next site build.', 'closed');
      } else say(`Live: updated ${clockTime.format(new Date())}, every ${seconds} s.`, 'live');
    } catch (error) {
      say(`Live tally unavailable (${error instanceof Error ? error.message : 'no answer'}); showing the last one received. Retrying every ${seconds} s.`, 'unavailable');
    } finally {
      if (again) setTimeout(poll, seconds * 1000);
    }
  };
  void poll();
}

function readOrganizations(root: HTMLElement): Organizations {
  try {
    return JSON.parse(root.querySelector('script[data-organizations]')?.textContent ?? '{}') as Organizations;
  } catch {
    return {};
  }
}

function applyTally(root: HTMLElement, model: TallyPanelModel, organizations: Organizations) {
  const field = (name: string) => root.querySelector<HTMLElement>(`[data-field="${name}"]`);
  const setText = (element: Element | null, text: string) => {
    if (element && element.textContent !== text) element.textContent = text;
  };
  const verdict = field('verdict');
  setText(verdict, model.verdict.text);
  if (verdict) verdict.dataset.tone = model.verdict.tone;
  setText(field('turnout'), model.turnout);

  for (const bar of model.bars) {
    const row = root.querySelector<HTMLElement>(`[data-bar="${bar.key}"]`);
    const fill = row?.querySelector<HTMLElement>('[data-part="fill"]');
    if (fill) fill.style.width = `${Math.max(0, Math.min(1, bar.share ?? 0)) * 100}%`;
    setText(row?.querySelector('[data-part="label"]') ?? null, bar.label);
  }
  for (const check of model.checks) {
    const row = root.querySelector<HTMLElement>(`[data-check="${check.key}"]`);
    if (!row) continue;
    row.dataset.met = String(check.met);
    setText(row.querySelector('[data-part="status"]'), check.status);
    setText(row.querySelector('[data-part="text"]'), check.text);
  }
  if (model.counts)
    for (const scope of ['binding', 'advisory'] as const)
      for (const option of ['approve', 'reject', 'abstain'] as const) setText(field(`${scope}-${option}`), String(model.counts[scope][option]));

  // Lists are rebuilt only when they changed, so that a reader's selection or focus survives a poll.
  const changed = (key: string, value: unknown) => {
    const signature = JSON.stringify(value);
    if (root.dataset[key] === signature) return false;
    root.dataset[key] = signature;
    return true;
  };
  if (changed('shownExplanation', model.explanation)) field('explanation')?.replaceChildren(...model.explanation.map((line) => element('li', line)));

  const orgNode = (id: string) => {
    const org = organizations[id];
    const node = org?.href ? element('a', org.name) : element('span', org?.name ?? id);
    if (org?.href) node.setAttribute('href', org.href);
    node.dataset.org = id;
    return node;
  };
  if (changed('shownCounted', model.counted)) field('counted')?.replaceChildren(...model.counted.map((row) => countedRow(row, orgNode)));
  const empty = field('counted-empty');
  if (empty) empty.hidden = model.counted.length > 0;

  const notVoted = field('not-voted');
  if (notVoted && changed('shownNotVoted', model.notVoted)) {
    if (model.notVoted.length === 0) notVoted.textContent = 'Every binding organisation has voted.';
    else notVoted.replaceChildren(...model.notVoted.flatMap((id, i) => (i > 0 ? [', ', orgNode(id)] : [orgNode(id)])));
  }
}

/** A row of the "who counted" table, as TallyPanel.astro builds it. */
function countedRow(row: CountedRow, orgNode: (id: string) => HTMLElement): HTMLTableRowElement {
  const tr = element('tr');
  tr.dataset.counted = row.organizationId;
  tr.dataset.via = row.via;
  const name = element('th');
  name.scope = 'row';
  name.append(orgNode(row.organizationId));
  const how = element('td');
  if (row.via === 'delegation' && row.delegatedTo) how.append('through ', orgNode(row.delegatedTo), ' (delegation)');
  else how.textContent = row.via === 'own' ? 'own ballot' : 'ballot cast';
  tr.append(name, element('td', row.option), how);
  return tr;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}
