import type { RawMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';

/** What the room list needs of one server's session (ServerSession; fakes in tests). */
export interface ServerConnection {
  readonly server: string;
  /** Every message arriving on this server, any room and kind. */
  onReceived(listener: (message: RawMessage) => void): () => void;
  stored(room: RoomId, query: { limit: number }): Promise<RawMessage[]>;
  join(room: RoomId): Promise<void>;
  leave(room: RoomId): Promise<void>;
  close(): void;
}

/** The open server sessions, one per origin, owned by the app state. */
export class Sessions<S extends ServerConnection = ServerConnection> {
  readonly #open = new Map<string, S>();
  readonly #create: (server: string) => S;

  constructor(create: (server: string) => S) {
    this.#create = create;
  }

  /** The session for `server`'s origin, opening it on first use. */
  for(server: string): S {
    const origin = new URL(server).origin;
    let session = this.#open.get(origin);
    if (!session) {
      session = this.#create(server);
      this.#open.set(origin, session);
    }
    return session;
  }

  /** The open session for `server`'s origin, if any. */
  existing(server: string): S | undefined {
    return this.#open.get(new URL(server).origin);
  }

  /** Closes the sessions whose origin no listed room uses any more. */
  closeExcept(servers: readonly string[]): void {
    const keep = new Set(servers.map((s) => new URL(s).origin));
    for (const [origin, session] of this.#open) {
      if (keep.has(origin)) continue;
      this.#open.delete(origin);
      session.close();
    }
  }

  /** How many sessions are open (for tests and troubleshooting). */
  get size(): number {
    return this.#open.size;
  }
}
