/**
 * What the bus alone costs per message: MemoryBus against RedisBus (two processes' worth:
 * one publishing bus and two subscribed ones, as with two instances serving a room), same
 * messages, in one run. CPU of this process plus the redis-server's, per message.
 *   node bench/multi-instance-bus.ts [--messages 20000 --size 450 --burst 100 --redis redis://127.0.0.1:6379]
 * Use a Redis nobody else is loading: its CPU is read from /proc by its pid (--redis-pid).
 */
import { parseArgs } from 'node:util';
import { type Bus, MemoryBus, RedisBus } from '@yam/server';
import { readCpuMs } from './proc-stats.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    size: { type: 'string', default: '450' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    'redis-pid': { type: 'string' },
    // Publishes in flight at once: 1 is a quiet relay, 100 a busy one (Redis pipelines them).
    burst: { type: 'string', default: '100' },
  },
});
const count = Number(values.messages);
const frame = `\n${'x'.repeat(Number(values.size))}`;
const burst = Number(values.burst);
const redisPid = values['redis-pid'] ? Number(values['redis-pid']) : undefined;

/** Publishes `count` frames on `pub`, waits until each of `subs` got all; CPU ms per message. */
async function measure(pub: Bus, subs: Bus[]): Promise<number> {
  let received = 0;
  const done = new Promise<void>((resolve) => {
    for (const sub of subs) {
      sub.subscribe('room:bench', () => {
        received++;
        if (received === count * subs.length) resolve();
      });
    }
  });
  await Promise.all(subs.map((s) => s.ready()));
  const cpu0 = process.cpuUsage();
  const redis0 = redisPid === undefined ? 0 : await readCpuMs(redisPid);
  for (let i = 0; i < count; i += burst) {
    await Promise.all(
      Array.from({ length: Math.min(burst, count - i) }, () => pub.publish('room:bench', frame)),
    );
  }
  await done;
  const cpu = process.cpuUsage(cpu0);
  const redis = redisPid === undefined ? 0 : (await readCpuMs(redisPid)) - redis0;
  return ((cpu.user + cpu.system) / 1000 + redis) / count;
}

const memory = new MemoryBus();
const memoryMs = await measure(memory, [memory, memory]);
await memory.close();

const prefix = `bench-bus-${process.pid}:`;
const buses = await Promise.all([0, 1, 2].map(() => RedisBus.connect(values.redis, { prefix })));
const redisMs = await measure(buses[0]!, [buses[1]!, buses[2]!]);
await Promise.all(buses.map((b) => b.close()));

console.log(
  `${count} messages of ${frame.length} bytes, ${burst} in flight, 2 subscribers: ` +
    `MemoryBus ${(memoryMs * 1000).toFixed(1)} us/message, RedisBus ${(redisMs * 1000).toFixed(1)} us/message` +
    (redisPid === undefined
      ? ' (redis-server CPU not counted: no --redis-pid)'
      : ' (with redis-server CPU)'),
);
