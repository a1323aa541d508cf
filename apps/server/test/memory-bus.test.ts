import { busContract } from '../src/bus/bus.contract.ts';
import { MemoryBus } from '../src/bus/memory/memory-bus.ts';

busContract('MemoryBus', () => new MemoryBus());
