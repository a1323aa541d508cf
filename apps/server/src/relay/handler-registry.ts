import { ClientMessage, type RoomId } from '@yam/protocol';
import type {
  HookName,
  RelayHooks,
  RelayRequest,
  RequestHandler,
  RequestType,
  StoredAppMessage,
} from './relay-plugin.ts';

/** Every request type the protocol defines: each needs a handler before the relay serves. */
const REQUEST_TYPES = ClientMessage.def.options
  .map((option) => option.shape.t.def.values[0]!)
  .filter((t): t is RequestType => t !== 'auth');

type HookLists<P> = { [K in HookName]: RelayHooks<P>[K][] };
/** A handler once filed under its type: it gets only requests of that type. */
type FiledHandler<P> = (peer: P, request: RelayRequest) => Promise<void> | void;

/**
 * Which handler runs each frame type, and which hooks run at each point of a connection's
 * life. Plugins fill it once at startup; connections only read it.
 */
export class HandlerRegistry<P> {
  readonly #handlers = new Map<RequestType, FiledHandler<P>>();
  readonly #hooks: HookLists<P> = {
    ready: [],
    join: [],
    subscribed: [],
    close: [],
    stored: [],
  };

  on<T extends RequestType>(type: T, handler: RequestHandler<T, P>): void {
    // Two features answering one frame would answer it twice: refuse at startup.
    if (this.#handlers.has(type)) throw new Error(`a handler for '${type}' is registered already`);
    // Safe: handlerOf() looks a handler up by the request's own type.
    this.#handlers.set(type, handler as unknown as FiledHandler<P>);
  }

  addHook<K extends HookName>(name: K, hook: RelayHooks<P>[K]): void {
    this.#hooks[name].push(hook);
  }

  /** The protocol's request types that no plugin handles. */
  missing(): RequestType[] {
    return REQUEST_TYPES.filter((t) => !this.#handlers.has(t));
  }

  /** The handler for a request, or undefined when none is registered. */
  handlerOf(request: RelayRequest): FiledHandler<P> | undefined {
    return this.#handlers.get(request.t);
  }

  /** Runs the ready hooks side by side; the promise settles when all have. */
  async ready(peer: P): Promise<void> {
    await Promise.all(this.#hooks.ready.map(async (hook) => hook(peer)));
  }

  join(peer: P, room: RoomId): void {
    for (const hook of this.#hooks.join) hook(peer, room);
  }

  /** Runs the subscribed hooks one after the other, in registration order. */
  async subscribed(peer: P, room: RoomId): Promise<void> {
    for (const hook of this.#hooks.subscribed) await hook(peer, room);
  }

  /** Runs every stored hook; a throwing one is logged by `onError`, never the sender's error. */
  stored(peer: P, message: StoredAppMessage, onError: (error: unknown) => void): void {
    for (const hook of this.#hooks.stored) {
      try {
        hook(peer, message);
      } catch (error) {
        onError(error);
      }
    }
  }

  /** Runs every close hook, even when one throws: each frees its own state. */
  close(peer: P, onError: (error: unknown) => void): void {
    for (const hook of this.#hooks.close) {
      try {
        hook(peer);
      } catch (error) {
        onError(error);
      }
    }
  }
}
