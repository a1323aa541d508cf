/** Number of author colour classes in app.css (`.hue-0` ... `.hue-7`). */
const HUES = 8;

/** A stable colour class per client ID, so each person keeps one colour everywhere. */
export function authorHue(clientId: string): string {
  let h = 0;
  for (let i = 0; i < clientId.length; i++) h = (h * 31 + clientId.charCodeAt(i)) >>> 0;
  return `hue-${h % HUES}`;
}
