import { parse, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document | DefaultTreeAdapterTypes.DocumentFragment;
type Element = DefaultTreeAdapterTypes.Element;

/** The code a page carries inline, which a Content-Security-Policy must allow by hash. */
export type InlineCode = {
  /** Text of each `<script>` without `src` that the browser runs (not JSON data blocks). */
  scripts: string[];
  /** Text of each `<style>` element, HTML's and SVG's. */
  styles: string[];
  /** Value of each `style` attribute. */
  styleAttributes: string[];
  /** Offset in the HTML where the policy's `<meta>` goes: right after `<meta charset>`, else after `<head>`. */
  policyOffset: number;
};

/** Script types a browser runs; anything else (`application/json`, ...) is a data block. */
const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/**
 * Finds the inline code of a built page with a standards-following HTML parser (parse5), so that
 * what gets hashed is exactly what the browser will find: raw-text elements end where the browser
 * ends them, attributes are decoded as the browser decodes them, template contents are included.
 */
export function findInlineCode(html: string): InlineCode {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const code: InlineCode = { scripts: [], styles: [], styleAttributes: [], policyOffset: -1 };
  let head: Element | undefined;
  let charset: Element | undefined;
  const visit = (node: Node) => {
    if ('tagName' in node) {
      const attribute = (name: string) => node.attrs.find((attr) => attr.name === name)?.value;
      const style = attribute('style');
      if (style !== undefined) code.styleAttributes.push(style);
      if (node.tagName === 'head') head ??= node;
      if (node.tagName === 'meta' && attribute('charset') !== undefined) charset ??= node;
      if (node.tagName === 'script' && attribute('src') === undefined && EXECUTABLE_TYPES.has((attribute('type') ?? '').trim().toLowerCase()))
        code.scripts.push(textOf(node));
      if (node.tagName === 'style') code.styles.push(textOf(node));
      if (node.tagName === 'template') visit((node as DefaultTreeAdapterTypes.Template).content);
    }
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(document);
  const location = charset?.sourceCodeLocation?.endOffset ?? head?.sourceCodeLocation?.startTag?.endOffset;
  if (location === undefined) throw new Error('the page has no <head> to put its Content-Security-Policy in');
  code.policyOffset = location;
  return code;
}

function textOf(element: Element): string {
  return element.childNodes.map((child) => ('value' in child && child.nodeName === '#text' ? child.value : '')).join('');
}
