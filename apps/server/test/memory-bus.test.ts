import { busContract } from '../src/bus/bus.contract.ts';
import { MemoryBus } from '../src/bus/memory/memory-bus.ts';

// One process: every "other process" is the same bus.
const buses = new Map<string, MemoryBus>();
busContract('MemoryBus', (namespace) => {
  let bus = buses.get(namespace);
  if (!bus) {
    bus = new MemoryBus();
    buses.set(namespace, bus);
  }
  return bus;
});
