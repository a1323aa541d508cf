/**
 * The MLS scenarios in Node, once per crypto path, printed as a table:
 *   node bench/mls/run-node.ts [--sizes 2,20,200 --messages 1000 --size 100 --reps 3]
 *     [--paths web-crypto,pure-js] [--json]
 */
import { parseArgs } from 'node:util';
import { MLS_FLAGS, type MlsRunOptions, mlsOptionsFrom } from './mls-options.ts';
import { formatMlsTable } from './mls-report.ts';
import { type MlsBenchResult, runMlsScenarios } from './mls-scenarios.ts';

/** Runs the scenarios in this Node process, one full pass per path. */
export async function runMlsInNode(
  options: MlsRunOptions,
  onProgress?: (line: string) => void,
): Promise<MlsBenchResult[]> {
  const results: MlsBenchResult[] = [];
  for (const path of options.paths) {
    results.push(
      await runMlsScenarios({ ...options, path, onProgress }, `Node ${process.versions.node}`),
    );
  }
  return results;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { ...MLS_FLAGS, json: { type: 'boolean' } } });
  const results = await runMlsInNode(mlsOptionsFrom(values), (line) =>
    console.error(`node: ${line}`),
  );
  console.log(values.json ? JSON.stringify(results, null, 2) : formatMlsTable(results));
}
