/**
 * One import of one file, end to end: read and check it, open (or resume) its checkpoint, send
 * its batches through the gateway, write the report of refused lines. The command (cli.ts) and
 * the benchmarks call this.
 *
 * The checkpoint and the report sit in the runtime folder, `<runtime>/import/`, named after the
 * file and its content hash: the same file resumes its own import, an edited file starts afresh.
 *
 * @example
 * ```ts
 * const result = await importFile({ file: 'parcels.csv', kind: 'parcels', target, runtimeDir, progress });
 * console.log(`${result.imported} imported, ${result.refused.length} refused, report ${result.reportFile}`);
 * ```
 */
import { MAX_BATCH_RECORDS, sha256Hex } from '@city-ledger/domain';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Checkpoint } from './checkpoint';
import { ImportError } from './errors';
import { GatewayClient, type BatchSender, type GatewayTarget } from './gatewayClient';
import { runImport, type ImportResult, type ImportRun } from './importer';
import { IMPORT_KINDS, type ImportKindName } from './kinds';
import { planImport } from './plan';
import type { Progress } from './progress';
import { formatOf, parseSource, readText, type SourceFormat } from './source';
import { refusedCsv } from './report';

export interface ImportFileOptions {
  readonly file: string;
  readonly kind: ImportKindName;
  readonly runtimeDir: string;
  readonly progress: Progress;
  /** The gateway to call; or `sender` (tests). */
  readonly target?: GatewayTarget;
  readonly sender?: BatchSender;
  readonly format?: SourceFormat;
  readonly batchSize?: number;
  readonly concurrency?: number;
  readonly checkpointFile?: string;
  /** How undecided answers are retried (tests shorten it). */
  readonly retry?: Pick<ImportRun, 'retries' | 'sleep'>;
}

export interface ImportFileResult extends ImportResult {
  readonly checkpointFile: string;
  readonly reportFile: string;
  readonly elapsedMs: number;
}

/**
 * Batches in flight. A batch spends most of its time waiting (endorsement is 800 sequential
 * shim round trips for 200 parcels, then ordering and commit), so throughput grows with
 * batches in flight until the cores are busy: on a quiet 2-core machine 4 gave 649 records/s,
 * 8 gave 789-922, 16 gave 1,114 and 24 1,378 (bench:import). 16 keeps under the gateway's
 * default request budget (600 a minute per user) at about 6 batches a second.
 */
export const DEFAULT_CONCURRENCY = 16;

export async function importFile(options: ImportFileOptions): Promise<ImportFileResult> {
  const started = Date.now();
  const format = options.format ?? formatOf(options.file);
  if (!format) throw new ImportError('USAGE', `cannot tell the format of ${options.file} from its name: pass --format csv or --format jsonl`);
  const batchSize = options.batchSize ?? MAX_BATCH_RECORDS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_RECORDS) {
    throw new ImportError('USAGE', `--batch-size must be a whole number from 1 to ${MAX_BATCH_RECORDS}`);
  }
  const text = readText(options.file);
  const fileHash = sha256Hex(text);
  const kind = IMPORT_KINDS[options.kind];
  const plan = planImport(parseSource(text, format), kind.schema, batchSize, 'groupOf' in kind ? kind.groupOf : undefined);
  const base = path.join(options.runtimeDir, 'import', `${path.basename(options.file)}.${fileHash.slice(0, 12)}`);
  const checkpointFile = options.checkpointFile ?? `${base}.checkpoint.json`;
  const checkpoint = Checkpoint.open(checkpointFile, { fileHash, kind: options.kind, batchSize });
  const sender = options.sender ?? (options.target ? new GatewayClient(options.target) : undefined);
  if (!sender) throw new ImportError('USAGE', 'importFile needs a gateway target');
  let result: ImportResult;
  try {
    result = await runImport({ plan, kind, fileHash, checkpoint, sender, concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, progress: options.progress, ...options.retry });
  } finally {
    sender.close();
  }
  const reportFile = `${base}.refused.csv`;
  mkdirSync(path.dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, refusedCsv(result.refused));
  return { ...result, checkpointFile, reportFile, elapsedMs: Date.now() - started };
}
