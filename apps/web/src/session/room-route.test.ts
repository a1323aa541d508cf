import { describe, expect, it } from 'vitest';
import { randomRoomId } from './random-room-id.ts';
import { appServer, routeFromSearch, searchForRoom } from './room-route.ts';

const server = 'https://chat.example/';

describe('routeFromSearch', () => {
  it('no room: the welcome screen', () => {
    expect(routeFromSearch('', server)).toEqual({ kind: 'welcome' });
    expect(routeFromSearch('?room=', server)).toEqual({ kind: 'welcome' });
    expect(routeFromSearch('?home', server)).toEqual({ kind: 'welcome' });
  });

  it('a bare room ID opens that room on this server', () => {
    expect(routeFromSearch('?room=abc', server)).toEqual({
      kind: 'room',
      address: { server, room: 'abc' },
    });
  });

  it('[P-URL1] the redirect target: a full Room URL plus the room name', () => {
    const roomUrl = 'https://other.example/?room=book-club&name=Book%20club';
    const search = `?room=${encodeURIComponent(roomUrl)}&name=${encodeURIComponent('Book club')}`;
    expect(routeFromSearch(search, server)).toEqual({
      kind: 'room',
      address: { server: 'https://other.example/', room: 'book-club', name: 'Book club' },
    });
  });

  it('[P-URL2] a Room URL that is not one is reported, not opened', () => {
    expect(routeFromSearch('?room=ftp%3A%2F%2Fx%2F%3Froom%3Da', server).kind).toBe('invalid');
    expect(routeFromSearch('?room=has%20spaces', server).kind).toBe('invalid');
  });

  it('round-trips through searchForRoom', () => {
    const address = { server: 'http://127.0.0.1:8080/', room: randomRoomId(), name: 'Tea & cake' };
    expect(routeFromSearch(searchForRoom(address), server)).toEqual({ kind: 'room', address });
  });
});

describe('appServer', () => {
  it('is the origin plus the app folder', () => {
    expect(appServer({ origin: 'https://x.example', pathname: '/' })).toBe('https://x.example/');
    expect(appServer({ origin: 'https://x.example', pathname: '/yam/index.html' })).toBe(
      'https://x.example/yam/',
    );
  });
});

describe('randomRoomId', () => {
  it('is 16 random bytes in base64url', () => {
    const a = randomRoomId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomRoomId()).not.toBe(a);
  });
});
