/**
 * The whole network's resident memory now: every process the network scripts started (by the
 * runtime's pid files: peers, orderers, chaincode processes, gateways, CAs, and their children),
 * sampled for a few seconds, by kind and by node. Issue 13's goal is at most 2 GiB at idle;
 * bench:ledger measures the same beside its write rounds, this measures the running network in
 * seconds.
 *
 * Needs the network up (`npm run up`). Run: `npm run bench:memory`. Figures go to stdout and
 * `.runtime/bench/network-memory.json`, with the machine's load.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_MEMORY_SECONDS` | 5 | how long to sample (one sample a second; the figures are the means) |
 *
 * @example
 * ```bash
 * npm run up && npm run bench:memory
 * ```
 */
import { networkFolders } from '@city-ledger/import';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NODE_KINDS, ProcessSampler, type NodeKind } from './ledger/processSampler';
import { machineLoad } from './machineLoad';
import { positive } from './settings';

const SECONDS = positive('BENCH_MEMORY_SECONDS', 5);

const mib = (kb: number) => Math.round((kb / 1024) * 10) / 10;

async function main(): Promise<void> {
  const { runtime } = networkFolders();
  const sampler = new ProcessSampler(path.join(runtime, 'pids'));
  for (let i = 0; i < SECONDS; i++) {
    sampler.sample();
    await sleep(1000);
  }
  const samples = sampler.samples;
  const byKind = Object.fromEntries(NODE_KINDS.map((kind) => [kind, mib(samples.reduce((sum, s) => sum + s.rssKb[kind], 0) / samples.length)])) as Record<NodeKind, number>;
  const totalMiB = Math.round(NODE_KINDS.reduce((sum, kind) => sum + byKind[kind], 0) * 10) / 10;
  const last = samples[samples.length - 1];
  if (!last || totalMiB === 0) throw new Error(`no running node found in ${path.join(runtime, 'pids')}: run npm run up first`);
  const nodes = Object.keys(last.cpuMsByNode).length;
  const figures = { at: new Date().toISOString(), runtime, nodes, samples: samples.length, residentMiB: { ...byKind, total: totalMiB }, machine: machineLoad() };
  for (const kind of NODE_KINDS) if (byKind[kind] > 0) console.log(`${kind.padEnd(10)} ${String(byKind[kind]).padStart(8)} MiB`);
  console.log(`${'total'.padEnd(10)} ${String(totalMiB).padStart(8)} MiB (${(totalMiB / 1024).toFixed(2)} GiB) in ${nodes} nodes; load average ${figures.machine.loadAverage1m} on ${figures.machine.cores} cores`);
  const out = path.join(runtime, 'bench', 'network-memory.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(`bench:memory: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
