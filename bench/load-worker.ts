/**
 * One load-generator process, driven over IPC by load.ts. It owns a share of the clients:
 * connects them, publishes its share of the rate, and measures what its clients receive.
 * Kept separate from the coordinator so 1-2 of these can use the machine's cores.
 */
import { BenchClient, type ClientSink } from './bench-client.ts';
import { LatencyHistogram } from './latency-histogram.ts';
import { nowUs, TimestampPayload } from './timestamp-payload.ts';
import type { WorkerCommand, WorkerReply } from './worker-messages.ts';

const clients: BenchClient[] = [];
const publishers: BenchClient[] = [];
const latency = new LatencyHistogram();
const ackLatency = new LatencyHistogram();
const errors: Record<string, number> = {};
let closes = 0;
let lastReceiveUs = 0;

const sink: ClientSink = {
  onMessage(sentUs, receivedUs) {
    latency.record(receivedUs - sentUs);
    lastReceiveUs = receivedUs;
  },
  onAck(sentUs, receivedUs) {
    ackLatency.record(receivedUs - sentUs);
  },
  onError(code) {
    errors[code] = (errors[code] ?? 0) + 1;
  },
  onClose() {
    closes += 1;
  },
};

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function connectAll(command: Extract<WorkerCommand, { cmd: 'connect' }>): Promise<void> {
  const started = nowUs();
  let next = 0;
  let failed = 0;
  const failures: string[] = [];
  const lane = async () => {
    while (next < command.clients.length) {
      const spec = command.clients[next++]!;
      const client = new BenchClient(command.url, spec.room ?? undefined, sink, spec.seed);
      try {
        await client.connect(command.timeoutMs);
        clients.push(client);
        if (spec.publisher) publishers.push(client);
      } catch (error) {
        failed += 1;
        if (failures.length < 5) failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  reply({
    type: 'connected',
    ok: clients.length,
    failed,
    failures,
    ms: (nowUs() - started) / 1000,
  });
}

async function publish(command: Extract<WorkerCommand, { cmd: 'publish' }>): Promise<void> {
  const payload = new TimestampPayload(command.size);
  const sentPerRoom: Record<string, number> = {};
  const rooms = publishers.map((client) => client.roomId!);
  const start = nowUs();
  const endUs = start + command.seconds * 1e6;
  let sent = 0;
  let failed = 0;
  let maxBuffered = 0;
  // Open loop at a fixed rate: each tick sends whatever is due by now, so a slow server
  // shows up as latency instead of silently lowering the offered load.
  while (publishers.length > 0) {
    const now = nowUs();
    const due = Math.floor(((Math.min(now, endUs) - start) / 1e6) * command.rate);
    for (; sent < due; sent++) {
      const index = sent % publishers.length;
      const client = publishers[index]!;
      const sentUs = nowUs();
      if (client.publish(`${command.tag}-${sent}`, payload.encode(sentUs), sentUs)) {
        const room = rooms[index]!;
        sentPerRoom[room] = (sentPerRoom[room] ?? 0) + 1;
      } else {
        failed += 1;
      }
      if (client.buffered > maxBuffered) maxBuffered = client.buffered;
    }
    if (now >= endUs) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  reply({
    type: 'published',
    sent: sent - failed,
    failed,
    sentPerRoom,
    startUs: start,
    maxBuffered,
  });
}

async function drain(command: Extract<WorkerCommand, { cmd: 'drain' }>): Promise<void> {
  const deadline = nowUs() + command.maxDrainMs * 1000;
  let seen = latency.size;
  let quietSince = nowUs();
  // Wait for every expected receipt, but give up once nothing arrived for quietMs:
  // a server that drops messages must not hang the bench.
  while (latency.size < command.expected && nowUs() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (latency.size !== seen) {
      seen = latency.size;
      quietSince = nowUs();
    } else if (nowUs() - quietSince > command.quietMs * 1000) break;
  }
  reply({
    type: 'stats',
    received: latency.size,
    latency: latency.toJSON(),
    ack: ackLatency.toJSON(),
    errors,
    closes,
    lastReceiveUs,
  });
}

process.on('message', (command: WorkerCommand) => {
  switch (command.cmd) {
    case 'connect':
      void connectAll(command);
      return;
    case 'publish':
      void publish(command);
      return;
    case 'drain':
      void drain(command);
      return;
    case 'close':
      for (const client of clients) client.close();
      process.disconnect?.();
      setTimeout(() => process.exit(0), 200).unref();
      return;
  }
});
// A coordinator that died must not leave this process holding thousands of sockets.
process.on('disconnect', () => {
  for (const client of clients) client.close();
  setTimeout(() => process.exit(0), 200).unref();
});
