/** The action of a `/me waves` message ("waves"), or undefined for any other text. */
export function meAction(text: string): string | undefined {
  const match = /^\/me\s+(\S[\s\S]*)$/.exec(text);
  return match?.[1];
}
