import type { ConnectionStatus } from '@yam/client';
import { describe, expect, it } from 'vitest';
import { connectionText, isCountingDown, retryInSeconds } from './connection-text.ts';

const NOW = 1_000_000;

describe('connectionText: the header phrase for the SDK status', () => {
  it('names each state', () => {
    const text = (state: ConnectionStatus['state']) => connectionText({ state }, NOW);
    expect(text('idle')).toBe('Connecting…');
    expect(text('connecting')).toBe('Connecting…');
    expect(text('authenticating')).toBe('Signing in…');
    expect(text('online')).toBe('Online');
    expect(text('closed')).toBe('Disconnected');
    expect(text('offline')).toBe('Offline — retrying');
  });

  it('offline with retryAt counts down in whole seconds, rounded up, then says now', () => {
    const offline = { state: 'offline', retryAt: NOW + 4_200 } as const;
    expect(connectionText(offline, NOW)).toBe('Offline — retrying in 5 s');
    expect(connectionText(offline, NOW + 1_200)).toBe('Offline — retrying in 3 s');
    expect(connectionText(offline, NOW + 4_000)).toBe('Offline — retrying in 1 s');
    expect(connectionText(offline, NOW + 4_200)).toBe('Offline — retrying now');
    expect(connectionText(offline, NOW + 9_000)).toBe('Offline — retrying now');
  });

  it('ticks only while a countdown shows', () => {
    expect(isCountingDown({ state: 'offline', retryAt: NOW })).toBe(true);
    expect(isCountingDown({ state: 'offline' })).toBe(false);
    expect(isCountingDown({ state: 'online' })).toBe(false);
    expect(retryInSeconds(NOW + 1, NOW)).toBe(1);
    expect(retryInSeconds(NOW - 1, NOW)).toBe(0);
  });
});
