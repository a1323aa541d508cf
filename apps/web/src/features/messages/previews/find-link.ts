/** Characters that end a link when they close the text around it, not the link itself. */
const TRAILING = /[.,;:!?'")\]}>]+$/;
const LINK = /\bhttps?:\/\/[^\s<>"`]+/i;

/**
 * The first http(s) link in a message's text, as a preview would use it; undefined when
 * there is none. Trailing punctuation ("see https://x.org.") is left out.
 */
export function findLink(text: string): string | undefined {
  const match = LINK.exec(text);
  if (!match) return undefined;
  let link = match[0].replace(TRAILING, '');
  // A closing bracket that the link itself opened stays (Wikipedia's "Foo_(bar)").
  if (match[0].length > link.length && link.includes('(') && !link.includes(')')) {
    const next = match[0][link.length];
    if (next === ')') link += ')';
  }
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (
      !url.hostname.includes('.') &&
      url.hostname !== 'localhost' &&
      !url.hostname.startsWith('[')
    ) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return link.length <= 2048 ? link : undefined;
}
