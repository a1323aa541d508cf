import { parseRoomUrl, type RoomAddress } from '@yam/protocol';

/** Room names are for people; keep them short enough for the header. */
export const MAX_ROOM_NAME = 60;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A pasted Room URL, or a message that says what is wrong and what to do next. [P-URL2] */
export function checkRoomUrl(text: string): Checked<RoomAddress> {
  if (text.trim() === '') {
    return fail('Paste the Room URL you were sent. It looks like https://example.org/?room=…');
  }
  const parsed = parseRoomUrl(text);
  if (parsed.ok) return parsed;
  switch (parsed.error) {
    case 'not-a-url':
      return fail('That is not a URL. Paste the whole Room URL, starting with https://');
    case 'not-http':
      return fail('A Room URL starts with https:// (or http://). Check the link you were sent.');
    case 'no-room':
      return fail('That URL names no room (it has no ?room=…). Ask for the full Room URL.');
    case 'bad-room':
      return fail('The room code in that URL is damaged. Ask for the Room URL again.');
    default:
      return parsed.error satisfies never;
  }
}

/** A server URL typed by the user, normalised to origin plus path ending in '/'. */
export function checkServerUrl(text: string): Checked<string> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('Enter the server’s URL, such as https://example.org/');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail('That is not a URL. Enter the server’s address, starting with https://');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail('A server URL starts with https:// (or http://). Check the address.');
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { ok: true, value: `${url.origin}${path}` };
}

/** A room name: trimmed, not empty, not too long. */
export function checkRoomName(text: string): Checked<string> {
  const name = text.trim();
  if (name === '') return fail('Give the room a name, so you can find it in your list.');
  if (name.length > MAX_ROOM_NAME) {
    return fail(`Shorten the name to ${MAX_ROOM_NAME} characters or fewer.`);
  }
  return { ok: true, value: name };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
