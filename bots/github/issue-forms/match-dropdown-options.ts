/** What GitHub writes for a dropdown left empty (and for any unanswered field). */
export function isEmptyAnswer(text: string): boolean {
  return text === '' || /^(_no response_|none)$/i.test(text);
}

/**
 * The options a dropdown answer names. GitHub joins the choices of a multiple dropdown with ", ",
 * so an option that itself holds a comma cannot be split off blindly (@github/issue-parser splits
 * at every comma): the answer is cut into whole options where it can be, longest option first,
 * and only split at commas when it cannot. A single-choice answer is never split.
 */
export function matchDropdownOptions(answer: string, options: readonly string[], multiple: boolean): string[] {
  const text = answer.trim();
  if (isEmptyAnswer(text)) return [];
  if (options.includes(text) || !multiple) return [text];
  const segmented = segment(text, [...new Set(options)].filter(Boolean).sort((a, b) => b.length - a.length));
  return segmented ?? text.split(/, */);
}

/** Cuts `text` into options separated by "," and spaces; null when no cut uses options only. */
function segment(text: string, options: string[]): string[] | null {
  // fits[i]: the option that starts a valid cut of text.slice(i), and where the rest begins.
  const fits: ({ option: string; next: number } | undefined)[] = [];
  for (let start = text.length - 1; start >= 0; start--) {
    for (const option of options) {
      if (!text.startsWith(option, start)) continue;
      const end = start + option.length;
      if (end === text.length) fits[start] = { option, next: end };
      else if (text[end] === ',') {
        let next = end + 1;
        while (text[next] === ' ') next++;
        if (fits[next]) fits[start] = { option, next };
      }
      if (fits[start]) break;
    }
  }
  const chosen: string[] = [];
  for (let at = 0; at < text.length; ) {
    const fit = fits[at];
    if (!fit) return null;
    chosen.push(fit.option);
    at = fit.next;
  }
  return chosen;
}
