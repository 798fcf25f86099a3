/**
 * How figures read on the site. Used both when pages are built and by the live scripts in the
 * browser, so a figure refreshed from the API reads exactly like the one the page was built with.
 * Every function is pure and independent of the builder's locale and time zone.
 */

const NBSP = '\u00a0';
const exact = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 3845395936156 → "3,845,395,936,156". */
export function formatExact(value: number): string {
  return exact.format(value);
}

const SCALE: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Three significant digits, at least. */
function significant(value: number): string {
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return (Math.round(value * 10) / 10).toString();
  return (Math.round(value * 100) / 100).toString();
}

/**
 * Counts as people say them: 3845395936156 → "3.85 T", 1210000000 → "1.21 B", 950 → "950"
 * (T = trillion, B = billion, M = million, k = thousand; a no-break space before the unit).
 */
export function formatCompact(value: number): string {
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  for (const [size, unit] of SCALE) {
    // Round first, so 999,999 reads "1 M", not "1000 k".
    if (magnitude >= size * 0.9995) return `${sign}${significant(magnitude / size)}${NBSP}${unit}`;
  }
  return `${sign}${significant(magnitude)}`;
}

const BYTE_UNITS: [number, string][] = [
  [1e15, 'PB'],
  [1e12, 'TB'],
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

/** Decimal units: 1530000000 → "1.53 GB". */
export function formatBytes(value: number): string {
  for (const [size, unit] of BYTE_UNITS) if (value >= size * 0.9995) return `${significant(value / size)}${NBSP}${unit}`;
  return `${value}${NBSP}B`;
}

/** A share of 0–1 as a percentage with enough digits to tell small shares apart: "72.8%", "0.076%". */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0%';
  if (percent >= 10) return `${percent.toFixed(1)}%`;
  if (percent >= 1) return `${percent.toFixed(2)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/** A datamix weight without float noise: 0.09851000000000001 → "0.09851". */
export function formatWeight(weight: number): string {
  return String(Number(weight.toPrecision(6)));
}

/** Progress 0–1 as a whole-ish percentage: "59.8%". */
export function formatProgress(fraction: number): string {
  return `${(Math.floor(fraction * 1000) / 10).toFixed(1)}%`;
}

/** Training loss, four significant digits: "2.314". */
export function formatLoss(loss: number): string {
  return Number(loss.toPrecision(4)).toString();
}

/** Tokens per second: "116 k tokens/s". */
export function formatThroughput(tokensPerSecond: number): string {
  return `${formatCompact(tokensPerSecond)} tokens/s`;
}

const utcInstant = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "28 Nov 2026, 07:29 UTC": what a page says before its script shows the reader's local time. */
export function formatUtcShort(iso: string): string {
  return `${utcInstant.format(new Date(iso))} UTC`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for a component that inserts its props as HTML (Starlight's LinkCard does). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}
