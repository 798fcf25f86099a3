/**
 * Text that runs as script wherever a page writes it unescaped: it closes the elements whose content
 * browsers read raw (`<title>`, `<textarea>`, `<script>`, `<style>`), leaves an attribute, and carries
 * a script element, an image and an SVG with handlers, and a `javascript:` link. Each copy names its
 * field, so a failure says which stored text leaked and where.
 */
export function hostile(field: string): string {
  return (
    `${field} </title></textarea></style></script><script>alert('${field}')</script>` +
    `<img src=x onerror="alert('${field}')">"'><svg onload=alert('${field}')>` +
    `<a href="javascript:alert('${field}')">${field}</a>`
  );
}

/** A `javascript:` URL, for fields that hold addresses (checkpoint URIs, links in Markdown). */
export const scriptUrl = (field: string) => `javascript:alert('${field}')`;

/** The same within 100 characters, for short fields (an HPC system's name). */
export function shortHostile(field: string): string {
  return `${field}</title><script>alert(1)</script><img src=x onerror=alert(1)>"><svg onload=alert(1)>`;
}
