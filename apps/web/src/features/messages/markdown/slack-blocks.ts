const FENCE = /^ {0,3}(```|~~~)/;
const QUOTE = /^ {0,3}>/;
const ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])( |$)/;
const INDENTED = /^\s/;

/**
 * Ends a quote or list at the first line that does not continue it, as Slack does.
 * CommonMark's "lazy continuation" would pull `> quoted` + `my reply` into one quote, and
 * `- item` + `Thanks!` into one item; a blank line between them keeps the reply outside.
 * Lines inside code fences are left alone.
 */
export function separateBlocks(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inFence = false;
  let block: 'quote' | 'list' | undefined;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) {
      out.push(line);
      block = undefined;
      continue;
    }
    const blank = line.trim() === '';
    const ends =
      !blank &&
      ((block === 'quote' && !QUOTE.test(line)) ||
        (block === 'list' && !ITEM.test(line) && !INDENTED.test(line)));
    if (ends) out.push('');
    out.push(line);
    if (blank) block = undefined;
    else if (QUOTE.test(line)) block = 'quote';
    else if (ITEM.test(line)) block = 'list';
    // An indented line under a list item continues it; any other line is in no block.
    else if (ends || block !== 'list') block = undefined;
  }
  return out.join('\n');
}
