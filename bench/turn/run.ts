/**
 * TURN and data-channel bench in one command: the relay load (ours vs coturn, 120 B and
 * 1,200 B), then the Chromium data-channel transfer (direct, through ours, through coturn),
 * printed as one table.
 *   node bench/turn/run.ts [relay flags: --sizes --seconds --reps --window]
 *                          [data-channel flags: --mb --chunk --dc-reps] [--skip-browser]
 */
import { parseArgs } from 'node:util';
import { killChildrenOnSignals } from './child-process.ts';
import {
  DATACHANNEL_FLAGS,
  dataChannelOptionsFrom,
  formatDataChannelResults,
  runDataChannelBench,
} from './datachannel-bench.ts';
import {
  formatRelayResults,
  RELAY_FLAGS,
  relayOptionsFrom,
  runRelayBench,
} from './turn-relay-bench.ts';

killChildrenOnSignals();
const { values } = parseArgs({
  options: {
    ...RELAY_FLAGS,
    ...DATACHANNEL_FLAGS,
    only: { type: 'string' },
    'skip-browser': { type: 'boolean', default: false },
  },
});
const relay = await runRelayBench(relayOptionsFrom({ ...values, only: undefined }));
const lines = [formatRelayResults(relay)];
if (!values['skip-browser']) {
  const channel = await runDataChannelBench(
    dataChannelOptionsFrom({ ...values, only: DATACHANNEL_FLAGS.only.default }),
  );
  lines.push(formatDataChannelResults(channel));
}
console.log(lines.join('\n'));
