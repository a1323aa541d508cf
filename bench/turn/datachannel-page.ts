/**
 * The page side of the data-channel bench, run through `page.evaluate`: each function is
 * serialised into the page, so it must be self-contained (no imports, no outer variables).
 */

type BenchWindow = typeof globalThis & {
  pc?: RTCPeerConnection;
  dc?: RTCDataChannel;
  receivedBytes?: number;
  done?: Promise<number>;
};

/** Creates the peer connection; the offerer also opens the channel. Returns its SDP once gathering is complete. */
export async function createPeer(args: {
  config: RTCConfiguration;
  offer?: string;
  expectBytes: number;
}): Promise<string> {
  const w = globalThis as BenchWindow;
  const pc = new RTCPeerConnection(args.config);
  w.pc = pc;
  const gathered = new Promise<void>((resolve) => {
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') resolve();
    });
  });
  if (args.offer === undefined) {
    w.dc = pc.createDataChannel('bench', { ordered: true });
    w.dc.binaryType = 'arraybuffer';
    await pc.setLocalDescription(await pc.createOffer());
  } else {
    // The answerer counts bytes and resolves `done` with the time the last one came in.
    w.receivedBytes = 0;
    w.done = new Promise<number>((resolve) => {
      pc.addEventListener('datachannel', (event) => {
        event.channel.binaryType = 'arraybuffer';
        event.channel.addEventListener('message', (m) => {
          w.receivedBytes = (w.receivedBytes ?? 0) + (m.data as ArrayBuffer).byteLength;
          if (w.receivedBytes >= args.expectBytes)
            resolve(performance.timeOrigin + performance.now());
        });
      });
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: args.offer });
    await pc.setLocalDescription(await pc.createAnswer());
  }
  if (pc.iceGatheringState !== 'complete') await gathered;
  return pc.localDescription!.sdp;
}

/** Offerer: applies the answer and waits for the channel to open; returns the selected candidate type. */
export async function acceptAnswer(answer: string): Promise<string> {
  const w = globalThis as BenchWindow;
  await w.pc!.setRemoteDescription({ type: 'answer', sdp: answer });
  const dc = w.dc!;
  if (dc.readyState !== 'open') {
    await new Promise<void>((resolve, reject) => {
      dc.addEventListener('open', () => resolve());
      dc.addEventListener('error', () => reject(new Error('data channel failed')));
    });
  }
  const stats = await w.pc!.getStats();
  let local = '';
  stats.forEach((s) => {
    if (s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated) {
      const c = stats.get(s.localCandidateId);
      local = c?.candidateType ?? '';
    }
  });
  return local;
}

/** Offerer: sends `total` bytes in `chunk`-byte messages, pausing while the send queue is above `high`. Returns the start time. */
export async function sendBytes(args: {
  total: number;
  chunk: number;
  high: number;
}): Promise<number> {
  const dc = (globalThis as BenchWindow).dc!;
  const data = new Uint8Array(args.chunk).fill(0x61);
  dc.bufferedAmountLowThreshold = args.high / 2;
  const start = performance.timeOrigin + performance.now();
  let sent = 0;
  while (sent < args.total) {
    if (dc.bufferedAmount > args.high) {
      await new Promise<void>((resolve) =>
        dc.addEventListener('bufferedamountlow', () => resolve(), { once: true }),
      );
    }
    const n = Math.min(args.chunk, args.total - sent);
    dc.send(n === args.chunk ? data : data.subarray(0, n));
    sent += n;
  }
  return start;
}

/** Answerer: the time the last byte arrived. */
export function waitDone(): Promise<number> {
  return (globalThis as BenchWindow).done!;
}

/** Closes the peer connection. */
export function closePeer(): void {
  (globalThis as BenchWindow).pc?.close();
}
