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
  close(): Promise<void>;
}
