/**
 * The address to link to when `text` is an http(s) URL, else null and the page shows it as text.
 * Content and the API accept only http(s) addresses in the fields pages link, but the site renders
 * whatever its snapshot holds — a database written before a check, or edited by hand — so a
 * `javascript:` or `data:` address never becomes a link.
 */
export function webHref(text: string | null | undefined): string | null {
  if (!text) return null;
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}
