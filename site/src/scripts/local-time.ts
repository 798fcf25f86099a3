/**
 * Shows instants in the reader's own time zone. Pages render every instant in UTC inside
 * `<time datetime="…" data-local>` (so they read right without JavaScript); this rewrites the text
 * in local time and keeps the UTC wording in the title.
 */

const local = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

export function formatLocal(iso: string): string {
  return local.format(new Date(iso));
}

/** Localises every `time[data-local]` under `root` that is not localised yet (or whose instant changed). */
export function localiseTimes(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    const iso = element.dateTime;
    if (!iso || element.dataset.localised === iso) continue;
    element.title = element.dataset.utc ?? element.textContent?.trim() ?? '';
    element.textContent = formatLocal(iso);
    element.dataset.localised = iso;
  }
}
