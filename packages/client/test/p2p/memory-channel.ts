import type { DataChannelLike } from '../../src/p2p/data-channel.ts';

/**
 * A TEST DOUBLE for RTCDataChannel, which Node lacks: two ends joined in memory. Sends are
 * delivered in order on later macrotasks; `bufferedAmount` grows on send and shrinks on
 * delivery, firing `bufferedamountlow` like the browser, so backpressure code is exercised.
 */
export class MemoryChannel extends EventTarget implements DataChannelLike {
  readonly label: string;
  readyState: DataChannelLike['readyState'] = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType = 'blob';
  /** The highest bufferedAmount ever reached (for backpressure assertions). */
  maxBuffered = 0;
  /** Lets a test corrupt or observe bytes in flight. */
  tamper: ((bytes: Uint8Array) => void) | undefined;
  other!: MemoryChannel;
  #queue: (string | ArrayBuffer)[] = [];
  #flushing = false;

  constructor(label: string) {
    super();
    this.label = label;
  }

  /** A connected pair; both ends open on a later tick. */
  static pair(label: string): [MemoryChannel, MemoryChannel] {
    const a = new MemoryChannel(label);
    const b = new MemoryChannel(label);
    a.other = b;
    b.other = a;
    setTimeout(() => {
      for (const end of [a, b]) {
        end.readyState = 'open';
        end.dispatchEvent(new Event('open'));
      }
    }, 1);
    return [a, b];
  }

  send(data: string | ArrayBuffer | Uint8Array<ArrayBuffer>): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError: channel not open');
    const copy =
      typeof data === 'string'
        ? data
        : data instanceof ArrayBuffer
          ? data.slice(0)
          : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    if (typeof copy !== 'string') this.tamper?.(new Uint8Array(copy));
    this.#queue.push(copy);
    this.bufferedAmount += typeof copy === 'string' ? copy.length : copy.byteLength;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    this.#flush();
  }

  /** Closes both ends after what is queued has been delivered (like SCTP's graceful close). */
  close(): void {
    if (this.readyState === 'closed' || this.readyState === 'closing') return;
    this.readyState = 'closing';
    this.other.readyState = 'closing';
    const done = () => {
      for (const end of [this, this.other]) {
        if (end.readyState === 'closed') continue;
        end.readyState = 'closed';
        end.dispatchEvent(new Event('close'));
      }
    };
    if (this.#flushing) this.addEventListener('drained', done, { once: true });
    else setTimeout(done, 1);
  }

  /** Drops both ends at once, queued data lost: a network cut. */
  cut(): void {
    this.#queue = [];
    this.other.#queue = [];
    for (const end of [this, this.other]) {
      end.readyState = 'closed';
      end.dispatchEvent(new Event('close'));
    }
  }

  override addEventListener(
    type: string,
    fn: EventListenerOrEventListenerObject | ((e: never) => void) | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    super.addEventListener(type, fn as EventListener, options);
  }

  override removeEventListener(
    type: string,
    fn: EventListenerOrEventListenerObject | ((e: never) => void) | null,
  ): void {
    super.removeEventListener(type, fn as EventListener);
  }

  #flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    const step = () => {
      const item = this.#queue.shift();
      if (item === undefined || this.other.readyState === 'closed') {
        this.#flushing = false;
        this.dispatchEvent(new Event('drained'));
        return;
      }
      const before = this.bufferedAmount;
      this.bufferedAmount -= typeof item === 'string' ? item.length : item.byteLength;
      if (
        before > this.bufferedAmountLowThreshold &&
        this.bufferedAmount <= this.bufferedAmountLowThreshold
      ) {
        this.dispatchEvent(new Event('bufferedamountlow'));
      }
      this.other.dispatchEvent(new MessageEvent('message', { data: item }));
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }
}
