import type { ClientId, RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../src/bus/memory/memory-bus.ts';
import type { RoomMember } from '../../src/relay/relay-plugin.ts';
import { Rooms } from '../../src/relay/rooms.ts';
import { waitFor } from '../integration/sdk-harness.ts';

// Several "instances" in one process: each its own Rooms, all on one bus.
const room = 'r' as RoomId;
const open: Rooms[] = [];
afterEach(() => {
  for (const rooms of open.splice(0)) rooms.close();
});

function instance(bus: MemoryBus, name: string, graceMs = 0): Rooms {
  const rooms = new Rooms(
    bus,
    (error) => {
      throw error;
    },
    graceMs,
    { instanceId: name, heartbeatMs: 20, leaseMs: 120 },
  );
  open.push(rooms);
  return rooms;
}

/** A connection that records the presence frames it gets. */
function member(clientId: string) {
  const presence: string[] = [];
  const m: RoomMember = {
    clientId: clientId as ClientId,
    deliver(frame) {
      const f = JSON.parse(String(frame)) as { t: string; clientId: string; state: string };
      if (f.t === 'presence') presence.push(`${f.clientId} ${f.state}`);
    },
  };
  return { m, presence };
}

describe('presence across instances (ClusterPresence)', () => {
  it('is the union: a client connected to two instances goes offline only when it leaves both', async () => {
    const bus = new MemoryBus();
    const one = instance(bus, 'one');
    const two = instance(bus, 'two');
    const watcher = member('watcher');
    two.join(room, watcher.m);
    const x1 = member('x');
    const x2 = member('x');
    one.join(room, x1.m);
    await waitFor(() => watcher.presence.includes('x online'), 'x online for the watcher');
    expect(two.members(room).sort()).toEqual(['watcher', 'x']);
    two.join(room, x2.m);
    one.leave(room, x1.m, true);
    // Still connected to `two`: no offline, no second online.
    expect(watcher.presence).toEqual(['x online']);
    two.leave(room, x2.m, true);
    expect(watcher.presence).toEqual(['x online', 'x offline']);
    expect(one.members(room)).toEqual([]);
  });

  it('an instance that joins late learns who is online elsewhere before its members are read', async () => {
    const bus = new MemoryBus();
    const one = instance(bus, 'one');
    one.join(room, member('x').m);
    const two = instance(bus, 'two');
    await waitFor(() => one.members(room).length === 1, 'settled');
    // `two` has heard `one` say it is alive once its first heartbeat passed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = member('late');
    two.join(room, late.m);
    await two.known(room);
    expect(two.members(room).sort()).toEqual(['late', 'x']);
  });

  it('the clients of an instance that stops saying it is alive go offline after the lease', async () => {
    const bus = new MemoryBus();
    const one = instance(bus, 'one');
    const two = instance(bus, 'two');
    const watcher = member('watcher');
    two.join(room, watcher.m);
    one.join(room, member('x').m);
    await waitFor(() => watcher.presence.includes('x online'), 'x online');
    // Dies: no leave, no offline, just silence.
    one.close();
    await waitFor(() => watcher.presence.includes('x offline'), 'x offline after the lease', 2_000);
    expect(two.members(room)).toEqual(['watcher']);
  });

  it('[P-PRES1] a client that moves to another instance within the grace never goes offline', async () => {
    const bus = new MemoryBus();
    const one = instance(bus, 'one', 60_000);
    const two = instance(bus, 'two', 60_000);
    const watcher = member('watcher');
    two.join(room, watcher.m);
    const before = member('x');
    one.join(room, before.m);
    await waitFor(() => watcher.presence.includes('x online'), 'x online');
    // Its instance went away under it (connection closed, grace starts); it comes back on `two`.
    one.leave(room, before.m);
    two.join(room, member('x').m);
    expect(watcher.presence).toEqual(['x online']);
    expect(two.members(room).sort()).toEqual(['watcher', 'x']);
  });
});
