import { signal } from '@preact/signals';
import { type ConnectionState, YamClient } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import { IdbClientStore } from '../platform/idb/idb-client-store.ts';

/**
 * One server's live client and its IndexedDB store. The web app talks to one server at a
 * time; switching servers closes the old session.
 */
export class ClientSession {
  readonly server: string;
  readonly store: IdbClientStore;
  readonly client: YamClient;
  readonly state = signal<ConnectionState>('idle');
  /** When the next reconnect attempt happens, while offline. */
  readonly retryAt = signal<number | undefined>(undefined);
  readonly #off: (() => void)[] = [];

  constructor(server: string, identity: DeviceIdentity) {
    this.server = server;
    this.store = new IdbClientStore(new URL(server).origin);
    this.client = new YamClient({ server, identity, store: this.store });
    this.#off.push(
      this.client.on('state', (state) => {
        this.state.value = state;
        this.retryAt.value = state === 'offline' ? nextRetryAt(this.client) : undefined;
      }),
    );
    this.client.connect();
  }

  close(): void {
    for (const off of this.#off) off();
    this.client.close();
    void this.store.close();
  }
}

let current: ClientSession | undefined;

/** The session for `server`, reusing the open one when it is the same server. */
export function sessionFor(server: string, identity: DeviceIdentity): ClientSession {
  if (current?.server === server) return current;
  current?.close();
  current = new ClientSession(server, identity);
  return current;
}

/** The SDK's next reconnect time, when the SDK version in use reports it. */
function nextRetryAt(client: YamClient): number | undefined {
  const value = (client as { nextRetryAt?: unknown }).nextRetryAt;
  return typeof value === 'number' ? value : undefined;
}
