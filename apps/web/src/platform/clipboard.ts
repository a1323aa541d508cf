/** Puts `text` on the clipboard; rejects when the browser refuses (permissions, insecure origin). */
export function copyText(text: string): Promise<void> {
  return navigator.clipboard.writeText(text);
}
