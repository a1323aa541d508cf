import { describe, expect, it } from 'vitest';
import { checkRoomName, checkRoomUrl, checkServerUrl, MAX_ROOM_NAME } from './room-input.ts';

function message(result: { ok: boolean; message?: string }): string {
  expect(result.ok).toBe(false);
  return result.message ?? '';
}

describe('checkRoomUrl', () => {
  it('[P-URL1] accepts a Room URL with its name', () => {
    expect(checkRoomUrl(' https://x.example/?room=book-club&name=Book%20club ')).toEqual({
      ok: true,
      value: { server: 'https://x.example/', room: 'book-club', name: 'Book club' },
    });
  });

  it('[P-URL2] says what is wrong and what to do next', () => {
    expect(message(checkRoomUrl(''))).toMatch(/Paste the Room URL/);
    expect(message(checkRoomUrl('not a url'))).toMatch(/not a URL.*starting with https:\/\//);
    expect(message(checkRoomUrl('ftp://x.example/?room=a'))).toMatch(/starts with https:\/\//);
    expect(message(checkRoomUrl('https://x.example/'))).toMatch(/no \?room=.*Ask for/);
    expect(message(checkRoomUrl('https://x.example/?room=a%20b'))).toMatch(/damaged/);
  });
});

describe('checkServerUrl', () => {
  it('normalises to origin plus a path ending in /', () => {
    expect(checkServerUrl('https://x.example')).toEqual({ ok: true, value: 'https://x.example/' });
    expect(checkServerUrl('http://x.example:8080/yam?q=1#f')).toEqual({
      ok: true,
      value: 'http://x.example:8080/yam/',
    });
  });

  it('rejects what is not an http(s) URL', () => {
    expect(message(checkServerUrl(' '))).toMatch(/Enter the server/);
    expect(message(checkServerUrl('example'))).toMatch(/not a URL/);
    expect(message(checkServerUrl('mailto:a@x.example'))).toMatch(/starts with https/);
  });
});

describe('checkRoomName', () => {
  it('trims, and refuses empty or overlong names', () => {
    expect(checkRoomName('  Tea  ')).toEqual({ ok: true, value: 'Tea' });
    expect(message(checkRoomName('   '))).toMatch(/Give the room a name/);
    expect(message(checkRoomName('x'.repeat(MAX_ROOM_NAME + 1)))).toMatch(/Shorten/);
  });
});
