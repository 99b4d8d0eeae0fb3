/**
 * What reads cost as the ledger grows: loads parcels with the bulk importer up to each size in
 * turn (1,000 then 100,000 by default) and, at each, measures p50 and p99 of `getParcel`,
 * `listParcelsByOwner` (every owner holds 10 parcels, so the page is the same size at every
 * ledger size) and a parcel's history, through the Registry's HTTPS gateway, one read at a time
 * (so queueing does not hide the ledger's own cost). The goal: p99 at 100,000 at most 1.5× p99
 * at 1,000.
 *
 * Needs the network and gateways up (`npm run up`), best freshly (`network/clean.sh` first): the
 * sizes count this run's parcels, and parcels from earlier runs add to the ledger's real size.
 * Run: `npm run bench:growth`.
 * Figures go to stdout and `.runtime/bench/ledger-growth.json`, with the machine's load.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_GROWTH_SIZES` | 1000,100000 | parcels on the ledger at each measurement, ascending |
 * | `BENCH_GROWTH_READS` | 200 | reads of each kind at each size |
 * | `BENCH_IMPORT_CONCURRENCY` | 16 (the importer's) | batches in flight while loading |
 */
import { DEFAULT_CONCURRENCY, GatewayClient, gatewayTarget, importFile, networkFolders, progressFor } from '@city-ledger/import';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineLoad } from './machineLoad';
import { ownerId, parcelId, writeParcelFile } from './parcelFile';
import { positive, run } from './settings';

const SIZES = (process.env.BENCH_GROWTH_SIZES ?? '1000,100000').split(',').map(Number);
const READS = positive('BENCH_GROWTH_READS', 200);
const CONCURRENCY = positive('BENCH_IMPORT_CONCURRENCY', DEFAULT_CONCURRENCY);

interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** p50 and p99 of `READS` sequential reads of `pathOf(i)`; every read must answer 200. */
async function latencies(client: GatewayClient, pathOf: (i: number) => string): Promise<Latency> {
  const took: number[] = [];
  for (let i = 0; i < READS; i++) {
    const started = process.hrtime.bigint();
    const answer = await client.get(pathOf(i));
    took.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (answer.status !== 200) throw new Error(`GET ${pathOf(i)} answered ${answer.status}`);
  }
  took.sort((a, b) => a - b);
  const at = (q: number) => Math.round((took[Math.min(took.length - 1, Math.floor(q * took.length))] ?? 0) * 10) / 10;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

async function main(): Promise<void> {
  if (SIZES.some((size, i) => !Number.isInteger(size) || size < 1 || (i > 0 && size <= (SIZES[i - 1] ?? 0)))) {
    throw new Error(`BENCH_GROWTH_SIZES must be ascending positive whole numbers, got ${process.env.BENCH_GROWTH_SIZES}`);
  }
  const { runtime } = networkFolders();
  const benchDir = path.join(runtime, 'bench');
  const target = gatewayTarget({ org: 'registry', user: 'clerk1' });
  const prefix = `GROW-${run}`;
  const client = new GatewayClient(target);
  const rows: Record<string, unknown>[] = [];
  let loaded = 0;
  try {
    for (const size of SIZES) {
      const file = writeParcelFile(path.join(benchDir, 'import-files'), prefix, loaded, size - loaded);
      const load = await importFile({ file, kind: 'parcels', runtimeDir: runtime, target, progress: progressFor(process.stderr), concurrency: CONCURRENCY });
      if (load.refused.length > 0) throw new Error(`${load.refused.length} parcels refused while loading: see ${load.reportFile}`);
      loaded = size;
      // Spread the reads over the whole register: stride through it rather than pick at random, so runs compare.
      const pick = (i: number) => Math.floor(((i + 0.5) * size) / READS);
      const row = {
        parcels: size,
        importRecordsPerSecond: Math.round(load.imported / (load.elapsedMs / 1000)),
        getParcel: await latencies(client, (i) => `/v1/parcels/${parcelId(prefix, pick(i))}`),
        listParcelsByOwner: await latencies(client, (i) => `/v1/owners/${ownerId(prefix, pick(i))}/parcels?pageSize=20`),
        getParcelHistory: await latencies(client, (i) => `/v1/parcels/${parcelId(prefix, pick(i))}/history`),
        load: machineLoad(),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    client.close();
  }
  const first = rows[0] as { getParcel: Latency; listParcelsByOwner: Latency; getParcelHistory: Latency };
  const last = rows[rows.length - 1] as typeof first;
  const ratios = Object.fromEntries(
    (['getParcel', 'listParcelsByOwner', 'getParcelHistory'] as const).map((read) => [read, Math.round((last[read].p99Ms / Math.max(first[read].p99Ms, 0.1)) * 100) / 100]),
  );
  console.log(`p99 at ${SIZES[SIZES.length - 1]} parcels over p99 at ${SIZES[0]}: ${JSON.stringify(ratios)}`);
  mkdirSync(benchDir, { recursive: true });
  const out = path.join(benchDir, 'ledger-growth.json');
  writeFileSync(out, `${JSON.stringify({ sizes: rows, p99Ratios: ratios, reads: READS, at: new Date().toISOString() }, null, 2)}\n`);
  console.log(`figures: ${out}`);
}

main().catch((err: unknown) => {
  console.error(`bench:growth: ${(err as Error).message}`);
  process.exit(1);
});
