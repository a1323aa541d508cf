/** A message on the bus: relays pass encoded frames through untouched. */
export type BusMessage = string | Uint8Array;

export type BusHandler = (message: BusMessage) => void;

/**
 * Fan-out between relay processes. The relay publishes every stored message here and
 * delivers only what comes back, so an in-process bus can be swapped for Redis or NATS
 * without touching the relay. Per topic, messages arrive in publish order.
 */
export interface Bus {
  publish(topic: string, message: BusMessage): Promise<void>;
  /** Returns a function that stops delivery to this handler. */
  subscribe(topic: string, handler: BusHandler): () => void;
  /**
   * Resolves once every subscription made so far receives what any process publishes
   * from now on. The relay awaits it before reading a room's head, so nothing stored by
   * another process falls between the head and the live stream.
   */
  ready(): Promise<void>;
  /**
   * `listener` runs each time the bus got its connection back after losing it: whatever
   * was published meanwhile may be lost, so the relay makes its clients catch up.
   * Returns a function that removes the listener.
   */
  onResume(listener: () => void): () => void;
  close(): Promise<void>;
}
