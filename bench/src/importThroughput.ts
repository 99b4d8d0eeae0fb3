/**
 * Records per second the bulk importer sustains loading parcels with private owner data
 * through the Registry's HTTPS gateway (`npm run import`'s own code, batches of
 * MAX_BATCH_RECORDS, a few in flight). The goal is 1,000 records/s for 100,000 parcels.
 *
 * Needs the network and gateways up (`npm run up`). Run: `npm run bench:import`
 * (`BENCH_IMPORT_RECORDS=100000 npm run bench:import` for the full register).
 * Figures go to stdout and `.runtime/bench/import-throughput.json`, with the machine's load.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_IMPORT_RECORDS` | 2000 | parcels to import |
 * | `BENCH_IMPORT_CONCURRENCY` | 16 (the importer's) | batches in flight at once |
 * | `BENCH_IMPORT_BATCH` | 200 | records per batch (at most 200) |
 */
import { DEFAULT_CONCURRENCY, gatewayTarget, importFile, networkFolders, progressFor } from '@city-ledger/import';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineLoad } from './machineLoad';
import { writeParcelFile } from './parcelFile';
import { positive, run } from './settings';

const RECORDS = positive('BENCH_IMPORT_RECORDS', 2000);
const CONCURRENCY = positive('BENCH_IMPORT_CONCURRENCY', DEFAULT_CONCURRENCY);
const BATCH = positive('BENCH_IMPORT_BATCH', 200);

async function main(): Promise<void> {
  const { runtime } = networkFolders();
  const benchDir = path.join(runtime, 'bench');
  const file = writeParcelFile(path.join(benchDir, 'import-files'), `BULK-${run}`, 0, RECORDS);
  const loadBefore = machineLoad();
  const result = await importFile({
    file,
    kind: 'parcels',
    runtimeDir: runtime,
    target: gatewayTarget({ org: 'registry', user: 'clerk1' }),
    progress: progressFor(process.stderr),
    batchSize: BATCH,
    concurrency: CONCURRENCY,
  });
  const seconds = result.elapsedMs / 1000;
  const figures = {
    records: RECORDS,
    imported: result.imported,
    refused: result.refused.length,
    batchSize: BATCH,
    concurrency: CONCURRENCY,
    seconds: Math.round(seconds * 10) / 10,
    recordsPerSecond: Math.round(result.imported / seconds),
    loadBefore,
    loadAfter: machineLoad(),
    at: new Date().toISOString(),
  };
  console.log(
    `imported ${figures.imported} of ${RECORDS} parcels with private owner data in ${figures.seconds} s: ${figures.recordsPerSecond} records/s ` +
      `(batches of ${BATCH}, ${CONCURRENCY} in flight; load average ${figures.loadAfter.loadAverage1m} on ${figures.loadAfter.cores} cores)`,
  );
  mkdirSync(benchDir, { recursive: true });
  const out = path.join(benchDir, 'import-throughput.json');
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures: ${out}`);
  if (result.refused.length > 0) throw new Error(`${result.refused.length} records refused: see ${result.reportFile}`);
}

main().catch((err: unknown) => {
  console.error(`bench:import: ${(err as Error).message}`);
  process.exit(1);
});
