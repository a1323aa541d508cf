// Server CPU per MLS commit, with the roster, declared changes and undo records it keeps,
// against the same server's CPU per app message (the baseline) in the same run:
//   node bench/commit-cost.ts [--count 1000] [--server /path/to/other/bench/yam-server.ts]
// The server runs as a child process with the bench's limits; one member sends `count`
// key-update commits, then `count` app messages, each waiting for its ack.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BenchClient, type ClientSink } from './bench-client.ts';
import { startChildServer } from './child-server.ts';
import { readCpuMs } from './proc-stats.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    server: { type: 'string', default: './yam-server.ts' },
  },
});
const count = Number(values.count);
const room = `commit-cost-${randomBytes(4).toString('hex')}`;
const seed = randomBytes(32).toString('base64url');
let onAck: (() => void) | undefined;
const sink: ClientSink = {
  onMessage() {},
  onAck() {
    onAck?.();
  },
  onError(code) {
    console.error(`error from the server: ${code}`);
  },
  onClose() {},
};

const server = await startChildServer(values.server);
try {
  const owner = new BenchClient(server.url, undefined, sink, seed);
  await owner.connect(10_000);
  await owner.commit(room, 0, []); // claims the room
  const cpu0 = await readCpuMs(server.pid);
  for (let epoch = 1; epoch <= count; epoch++) await owner.commit(room, epoch, []);
  const cpu1 = await readCpuMs(server.pid);
  owner.close();

  const member = new BenchClient(server.url, room, sink, seed);
  await member.connect(10_000);
  const payload = randomBytes(100).toString('base64url');
  const cpu2 = await readCpuMs(server.pid);
  for (let i = 0; i < count; i++) {
    const acked = new Promise<void>((resolve) => {
      onAck = resolve;
    });
    member.publish(`app-${String(i).padStart(8, '0')}`, payload, 0);
    await acked;
  }
  const cpu3 = await readCpuMs(server.pid);
  member.close();

  const perCommit = ((cpu1 - cpu0) * 1000) / count;
  const perMessage = ((cpu3 - cpu2) * 1000) / count;
  console.log(`server ${values.server}`);
  console.log(`commits:      ${count}, ${perCommit.toFixed(0)} µs server CPU each`);
  console.log(`app messages: ${count}, ${perMessage.toFixed(0)} µs server CPU each (baseline)`);
  console.log(`commit / app message: ${(perCommit / perMessage).toFixed(2)}x`);
} finally {
  await server.stop();
}
