import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from './types.ts';
import { YamClient } from './yam-client.ts';

/** A WebSocket whose every connection fails at once, like a server that is down. */
class RefusedSocket extends EventTarget {
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  constructor() {
    super();
    setTimeout(() => {
      this.readyState = 3;
      this.dispatchEvent(new Event('error'));
      this.dispatchEvent(Object.assign(new Event('close'), { code: 1006, reason: '' }));
    }, 1);
  }
  send(): void {}
  close(): void {}
}

let client: YamClient | undefined;
afterEach(() => client?.close());

describe('connection status', () => {
  it('while offline, status.retryAt is when the next attempt starts; it is cleared when that attempt starts', async () => {
    client = new YamClient({
      server: 'http://127.0.0.1:9',
      identity: createIdentity(),
      WebSocket: RefusedSocket as unknown as typeof WebSocket,
      backoff: { minMs: 150, maxMs: 150 },
    });
    const seen: { status: ConnectionStatus; at: number }[] = [];
    client.on('status', (status) => seen.push({ status, at: Date.now() }));
    expect(client.status).toEqual({ state: 'idle' });
    client.connect();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const offline = seen.filter((s) => s.status.state === 'offline');
    expect(offline.length).toBeGreaterThanOrEqual(2);
    // retryAt is set just before the event: the clock may tick once between the two.
    for (const { status, at } of offline) {
      expect(status.retryAt! - at).toBeGreaterThanOrEqual(149);
      expect(status.retryAt! - at).toBeLessThanOrEqual(150);
    }
    // The next 'connecting' comes at retryAt and carries none.
    const first = seen.indexOf(offline[0]!);
    const next = seen[first + 1]!;
    expect(next.status).toEqual({ state: 'connecting' });
    expect(next.at).toBeGreaterThanOrEqual(offline[0]!.status.retryAt! - 5);
    await client.close();
    expect(client.status).toEqual({ state: 'closed' });
    expect(seen.at(-1)?.status).toEqual({ state: 'closed' });
  });
});
