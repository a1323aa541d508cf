/**
 * The MLS scenarios in Node, printed as a table:
 *   node bench/mls/run-node.ts [--sizes 2,20,200 --messages 1000 --size 100 --reps 3] [--json]
 */
import { parseArgs } from 'node:util';
import { MLS_FLAGS, type MlsRunOptions, mlsOptionsFrom } from './mls-options.ts';
import { formatMlsResult } from './mls-report.ts';
import { type MlsBenchResult, runMlsScenarios } from './mls-scenarios.ts';

/** Runs the scenarios in this Node process. */
export function runMlsInNode(
  options: MlsRunOptions,
  onProgress?: (line: string) => void,
): Promise<MlsBenchResult> {
  return runMlsScenarios({ ...options, onProgress }, `Node ${process.versions.node}`);
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { ...MLS_FLAGS, json: { type: 'boolean' } } });
  const result = await runMlsInNode(mlsOptionsFrom(values), (line) =>
    console.error(`node: ${line}`),
  );
  console.log(values.json ? JSON.stringify(result, null, 2) : formatMlsResult(result));
}
