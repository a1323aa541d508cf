import { describe, expect, it } from 'vitest';
import { serverOrigin } from './auth.ts';
import { RoomId } from './ids.ts';
import { buildRoomUrl, parseRoomUrl, webSocketUrl } from './room-url.ts';

const room = RoomId.parse('Ab3_x-9.~');

describe('Room URLs', () => {
  it('[P-URL1] builds <server>/?room=<id>&name=<name> with encoding', () => {
    expect(buildRoomUrl('https://chat.example.com', room)).toBe(
      'https://chat.example.com/?room=Ab3_x-9.~',
    );
    expect(buildRoomUrl('http://10.0.0.5:8080/', room, 'Tea & cake')).toBe(
      'http://10.0.0.5:8080/?room=Ab3_x-9.~&name=Tea%20%26%20cake',
    );
    expect(buildRoomUrl('https://host/yam?x=1#f', room)).toBe('https://host/yam/?room=Ab3_x-9.~');
  });

  it('[P-URL2] parses what it builds', () => {
    const url = buildRoomUrl('http://localhost:8080', room, 'Tea & cake');
    expect(parseRoomUrl(url)).toEqual({
      ok: true,
      value: { server: 'http://localhost:8080/', room, name: 'Tea & cake' },
    });
  });

  it('[P-URL2] reports what is wrong with bad input, never throwing', () => {
    expect(parseRoomUrl('not a url')).toEqual({ ok: false, error: 'not-a-url' });
    expect(parseRoomUrl('ftp://host/?room=a')).toEqual({ ok: false, error: 'not-http' });
    expect(parseRoomUrl('javascript:alert(1)')).toEqual({ ok: false, error: 'not-http' });
    expect(parseRoomUrl('https://host/')).toEqual({ ok: false, error: 'no-room' });
    expect(parseRoomUrl('https://host/?room=a%20b')).toEqual({ ok: false, error: 'bad-room' });
  });

  it('maps servers to their WebSocket endpoint and origin', () => {
    expect(webSocketUrl('https://chat.example.com/')).toBe('wss://chat.example.com/ws');
    expect(webSocketUrl('http://localhost:8080/yam/?room=a')).toBe('ws://localhost:8080/yam/ws');
    expect(serverOrigin('wss://chat.example.com/ws')).toBe('https://chat.example.com');
    expect(serverOrigin('http://localhost:8080/x')).toBe('http://localhost:8080');
  });
});
