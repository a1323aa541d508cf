/**
 * Which tab of this browser holds a server's connection: the one holding the Web Lock
 * `yam-leader:<server origin>`. The lock is held for the tab's life (or until its session
 * closes); the browser hands it to the next waiting tab when that tab closes or crashes.
 */
export type TabElection = {
  /** 'leader' when this tab took the lock at once, else 'follower' (it waits in line). */
  readonly first: Promise<'leader' | 'follower'>;
  /** Resolves when this tab holds the lock (at once, or when the holder went away). */
  readonly leading: Promise<void>;
  /** Gives the lock back, or leaves the line. */
  release(): void;
};

/** True when this browser can share one connection between its tabs. */
export function canShareTabs(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.locks?.request === 'function' &&
    typeof BroadcastChannel === 'function'
  );
}

/** Asks for the lock of `name`: taken at once when free, else queued until it is. */
export function electLeader(name: string): TabElection {
  const stop = new AbortController();
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let lead!: () => void;
  const leading = new Promise<void>((resolve) => {
    lead = resolve;
  });
  const hold = () => {
    lead();
    return released;
  };
  const first = navigator.locks
    .request(name, { ifAvailable: true }, (lock) => {
      if (lock) return hold().then(() => true);
      return false;
    })
    .then(() => undefined);
  // The callback above resolves `true` only after release; read the outcome from `leading`.
  const outcome = Promise.race([
    leading.then(() => 'leader' as const),
    first.then(() => 'follower' as const),
  ]);
  void outcome.then((role) => {
    if (role === 'leader') return;
    // Rejects when aborted: this tab's session closed while waiting.
    navigator.locks.request(name, { signal: stop.signal }, () => hold()).catch(() => undefined);
  });
  return {
    first: outcome,
    leading,
    release: () => {
      stop.abort();
      release();
    },
  };
}

/** The channel the tabs of this browser share for one server (same origin only). */
export function openTabChannel(name: string): BroadcastChannel {
  return new BroadcastChannel(name);
}

/** Calls `fn` when this tab goes away (closed, reloaded, navigated); returns the undo. */
export function onPageHide(fn: () => void): () => void {
  if (typeof addEventListener !== 'function') return () => {}; // no page (Node)
  addEventListener('pagehide', fn);
  return () => removeEventListener('pagehide', fn);
}
