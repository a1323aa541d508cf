import { once } from 'node:events';
import { createServer, type Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { holdWrites } from './write-batch.ts';

type Counted = Socket & { writes: number };

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A connected TCP pair; `sender` counts the writes it hands to the OS (_write/_writev calls). */
async function pair(): Promise<{ sender: Counted; receiver: Socket; received: () => string }> {
  server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const receiver = new Socket();
  receiver.connect(address.port, '127.0.0.1');
  await once(receiver, 'connect');
  const [sender] = await accepted;
  sockets.push(sender, receiver);
  const counted = Object.assign(sender, { writes: 0 });
  const internals = counted as unknown as Record<'_write' | '_writev', (...a: unknown[]) => void>;
  for (const name of ['_write', '_writev'] as const) {
    const original = internals[name].bind(counted);
    internals[name] = (...args: unknown[]) => {
      counted.writes++;
      original(...args);
    };
  }
  let text = '';
  receiver.setEncoding('utf8');
  receiver.on('data', (chunk: string) => {
    text += chunk;
  });
  return { sender: counted, receiver, received: () => text };
}

const frames = Array.from({ length: 100 }, (_, i) => `frame-${i};`);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('holdWrites', () => {
  it('sends everything written in one event-loop turn in one write, in order', async () => {
    const { sender, received } = await pair();
    for (const frame of frames) {
      holdWrites(sender, 0);
      sender.write(frame);
    }
    expect(sender.writes).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sender.writes).toBe(1);
    await until(() => received().length === frames.join('').length);
    expect(received()).toBe(frames.join(''));
  });

  it('writes each frame on its own with a delay of -1', async () => {
    const { sender, received } = await pair();
    for (const frame of frames) {
      holdWrites(sender, -1);
      sender.write(frame);
    }
    await until(() => received().length === frames.join('').length);
    expect(sender.writes).toBeGreaterThan(1);
    expect(received()).toBe(frames.join(''));
  });

  it('holds writes over several turns for a positive delay, then sends them in one write', async () => {
    const { sender, received } = await pair();
    holdWrites(sender, 30);
    sender.write('first;');
    await new Promise((resolve) => setImmediate(resolve));
    holdWrites(sender, 30);
    sender.write('second;');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sender.writes).toBe(0);
    await until(() => received() === 'first;second;');
    expect(sender.writes).toBe(1);
  });

  it('counts held bytes in the socket buffer (what the slow-reader limit reads)', async () => {
    const { sender } = await pair();
    holdWrites(sender, 0);
    sender.write('x'.repeat(10_000));
    expect(sender.writableLength).toBe(10_000);
    await new Promise((resolve) => setImmediate(resolve));
  });
});
