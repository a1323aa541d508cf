import { signal } from '@preact/signals';
import { type ConnectionState, YamClient } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import { SecureSession } from '../features/secure/secure-session.ts';
import { IdbClientStore } from '../platform/idb/idb-client-store.ts';

/**
 * One server's live client and its IndexedDB store. The app keeps one per server origin
 * it has rooms on, all connected at once, so every room can count its unread messages.
 */
export class ClientSession {
  readonly server: string;
  readonly store: IdbClientStore;
  readonly client: YamClient;
  /** End-to-end encryption: the MLS groups of this server's rooms. */
  readonly secure: SecureSession;
  readonly state = signal<ConnectionState>('idle');
  /** When the next reconnect attempt happens, while offline. */
  readonly retryAt = signal<number | undefined>(undefined);
  readonly #off: (() => void)[] = [];

  constructor(server: string, identity: DeviceIdentity) {
    this.server = server;
    this.store = new IdbClientStore(new URL(server).origin);
    this.client = new YamClient({ server, identity, store: this.store });
    this.secure = new SecureSession(this.client, identity, server);
    this.#off.push(
      this.client.on('state', (state) => {
        this.state.value = state;
        this.retryAt.value = state === 'offline' ? nextRetryAt(this.client) : undefined;
      }),
    );
    // The secure layer must follow the client before the first message arrives.
    void this.secure.start().finally(() => this.client.connect());
  }

  close(): void {
    for (const off of this.#off) off();
    void this.secure
      .close()
      .then(() => this.client.close())
      .finally(() => this.store.close());
  }
}

/** Open sessions by server origin. */
const sessions = new Map<string, ClientSession>();

/** The session for `server`'s origin, opening it on first use. */
export function sessionFor(server: string, identity: DeviceIdentity): ClientSession {
  const origin = new URL(server).origin;
  let session = sessions.get(origin);
  if (!session) {
    session = new ClientSession(server, identity);
    sessions.set(origin, session);
  }
  return session;
}

/** The open session for `server`'s origin, if any. */
export function existingSession(server: string): ClientSession | undefined {
  return sessions.get(new URL(server).origin);
}

/** Closes the sessions whose origin no listed room uses any more. */
export function closeSessionsExcept(servers: readonly string[]): void {
  const keep = new Set(servers.map((s) => new URL(s).origin));
  for (const [origin, session] of sessions) {
    if (keep.has(origin)) continue;
    sessions.delete(origin);
    session.close();
  }
}

/** The SDK's next reconnect time, when the SDK version in use reports it. */
function nextRetryAt(client: YamClient): number | undefined {
  const value = (client as { nextRetryAt?: unknown }).nextRetryAt;
  return typeof value === 'number' ? value : undefined;
}
