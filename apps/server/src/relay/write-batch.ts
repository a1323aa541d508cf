/** The part of a socket write batching needs (a net.Socket, or a TLS socket over one). */
export type Corkable = { cork(): void; uncork(): void };

const held = new Set<Corkable>();
let scheduled = false;

function release(): void {
  scheduled = false;
  for (const socket of held) socket.uncork();
  held.clear();
}

/**
 * Holds `socket`'s writes and lets them out together: everything a connection receives
 * meanwhile (acks, the messages of every room it is in, presence) leaves in one writev
 * instead of one per frame. `delayMs` 0 holds them until this event-loop turn's I/O
 * callbacks have all run (setImmediate), N > 0 for up to N ms (as Centrifugo's write delay),
 * -1 not at all. Order is kept: corking only buffers. The held bytes count in the socket's
 * bufferedAmount, so the slow-reader limit sees them. Cheap once per frame: the first call
 * corks, the others find the socket held.
 */
export function holdWrites(socket: Corkable, delayMs: number): void {
  if (delayMs < 0 || held.has(socket)) return;
  socket.cork();
  held.add(socket);
  if (scheduled) return;
  scheduled = true;
  if (delayMs === 0) setImmediate(release);
  else setTimeout(release, delayMs);
}
