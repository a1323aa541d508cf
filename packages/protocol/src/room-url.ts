import { parseRoomId, type RoomId } from './ids.ts';

/** A room address: the server's http(s) URL plus `?room=<id>`, optionally `&name=`. [P-URL1] */
export type RoomAddress = { server: string; room: RoomId; name?: string };

/** Builds `<server>/?room=<id>[&name=<name>]`; `server` is an http(s) URL. */
export function buildRoomUrl(server: string, room: RoomId, name?: string): string {
  const url = new URL(server);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  let query = `?room=${encodeURIComponent(room)}`;
  if (name) query += `&name=${encodeURIComponent(name)}`;
  return `${url.origin}${url.pathname}${query}`;
}

export type RoomUrlError = 'not-a-url' | 'not-http' | 'no-room' | 'bad-room';

/** Parses a Room URL typed or pasted by a user; never throws. [P-URL2] */
export function parseRoomUrl(
  text: string,
): { ok: true; value: RoomAddress } | { ok: false; error: RoomUrlError } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, error: 'not-a-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, error: 'not-http' };
  const raw = url.searchParams.get('room');
  if (raw === null || raw === '') return { ok: false, error: 'no-room' };
  const room = parseRoomId(raw);
  if (!room) return { ok: false, error: 'bad-room' };
  const name = url.searchParams.get('name') ?? undefined;
  const server = `${url.origin}${url.pathname}`;
  return { ok: true, value: name ? { server, room, name } : { server, room } };
}

/** The WebSocket endpoint of a server: `ws(s)://host[/base]/ws`. */
export function webSocketUrl(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  return url.toString();
}
