/**
 * The part of RTCDataChannel the P2P layer uses, so the SDK stays platform-neutral: a
 * browser passes real channels, tests an in-memory pair.
 */
export interface DataChannelLike {
  readonly label: string;
  readonly readyState: 'connecting' | 'open' | 'closing' | 'closed';
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: string;
  send(data: string | ArrayBuffer | Uint8Array<ArrayBuffer>): void;
  close(): void;
  addEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'bufferedamountlow' | 'error', fn: () => void): void;
  removeEventListener(type: string, fn: (event: never) => void): void;
}

/** Resolves once `channel` is open; rejects when it closes first or after `timeoutMs`. */
export function whenOpen(channel: DataChannelLike, timeoutMs = 20_000): Promise<void> {
  if (channel.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      channel.removeEventListener('open', onOpen);
      channel.removeEventListener('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onOpen = () => done();
    const onClose = () => done(new Error(`channel ${channel.label} closed before opening`));
    const timer = setTimeout(
      () => done(new Error(`channel ${channel.label} did not open`)),
      timeoutMs,
    );
    channel.addEventListener('open', onOpen);
    channel.addEventListener('close', onClose);
  });
}

/** Resolves when the send queue has drained below the channel's low threshold. */
export function whenDrained(channel: DataChannelLike): Promise<void> {
  if (channel.bufferedAmount <= channel.bufferedAmountLowThreshold) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      channel.removeEventListener('bufferedamountlow', done);
      channel.removeEventListener('close', done);
      resolve();
    };
    channel.addEventListener('bufferedamountlow', done);
    channel.addEventListener('close', done);
  });
}
