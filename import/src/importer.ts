/**
 * Runs an import: sends the planned batches (plan.ts) through the gateway, a few at a time,
 * skips those the checkpoint says are answered, and turns every refusal into report lines.
 *
 * A batch is all or nothing (domain `batch.ts`): when the gateway refuses one and names the
 * record (`records[3]: ...` in the detail, or `/body/3/...` in a schema error), that record's
 * line is refused with the code and message, and the rest of the batch is sent again, under a
 * new idempotency key since the content changed. A refusal that names no record refuses every
 * line of the batch; one that refuses the batch for its size (a gateway with a smaller body
 * limit) splits it in two. Answers that say nothing was decided (429, 5xx, a network failure, a key
 * still in progress, an MVCC conflict) are retried with backoff; a gateway that stays away, or
 * refuses the caller itself (401, 403), stops the import with an ImportError, and the checkpoint
 * lets the next run resume.
 *
 * @example
 * ```ts
 * const result = await runImport({ plan, kind, fileHash, checkpoint, sender, concurrency: 4, progress });
 * result.refused;   // [{ line: 7, code: 'CONFLICT', message: 'parcel P-9 already exists' }, ...]
 * ```
 */
import { batchIndexOf } from '@city-ledger/domain';
import { ImportError } from './errors';
import type { Checkpoint } from './checkpoint';
import type { BatchSender, GatewayAnswer } from './gatewayClient';
import type { ImportKind } from './kinds';
import { batchKey, type Batch, type ImportPlan, type PlannedRecord, type RefusedLine } from './plan';
import type { Progress } from './progress';

export interface ImportRun {
  readonly plan: ImportPlan;
  readonly kind: ImportKind;
  readonly fileHash: string;
  readonly checkpoint: Checkpoint;
  readonly sender: BatchSender;
  /** Batches in flight at once. */
  readonly concurrency: number;
  readonly progress: Progress;
  /** How many times an undecided answer is retried before the import stops. */
  readonly retries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ImportResult {
  /** Records of the file (every line holding one, valid or not). */
  readonly total: number;
  /** Records written, in this run and the runs it resumes. */
  readonly imported: number;
  /** Every refused line, in line order. */
  readonly refused: readonly RefusedLine[];
  /** Batches this run sent (the others were answered before). */
  readonly sent: number;
}

interface Problem {
  readonly code?: unknown;
  readonly detail?: unknown;
  readonly errors?: readonly { readonly path?: unknown; readonly message?: unknown }[];
}

const RETRIED_CODES = new Set(['IDEMPOTENCY_IN_PROGRESS', 'MVCC_CONFLICT', 'RATE_LIMITED']);
/** Answers that refuse a batch for its size: it is split in two. */
const TOO_LARGE_CODES = new Set(['BODY_TOO_LARGE', 'BATCH_TOO_LARGE']);
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;
const SCHEMA_PATH = /^\/body\/(\d+)(\/.*)?$/;
const INDEXED_DETAIL = /^records\[\d+\](?::\s*|\.)?/;

export async function runImport(run: ImportRun): Promise<ImportResult> {
  const { plan, checkpoint, progress } = run;
  const pending = plan.batches.filter((batch) => !checkpoint.isDone(batch.index));
  const alreadyAnswered = plan.batches.filter((batch) => checkpoint.isDone(batch.index)).reduce((n, batch) => n + batch.records.length, 0);
  let answered = plan.refused.length + alreadyAnswered;
  progress.update(answered, plan.total);
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const batch = pending[next++] as Batch;
      const outcome = await sendBatch(run, batch);
      checkpoint.markDone(batch.index, outcome.imported, outcome.refused);
      answered += batch.records.length;
      progress.update(answered, plan.total);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(run.concurrency, pending.length) }, worker));
  } finally {
    progress.finish();
  }
  const refused = [...plan.refused, ...checkpoint.refused].sort((a, b) => a.line - b.line);
  return { total: plan.total, imported: checkpoint.imported, refused, sent: pending.length };
}

/** Sends one batch until it is written or every record left is refused. */
async function sendBatch(run: ImportRun, batch: Batch): Promise<{ imported: number; refused: RefusedLine[] }> {
  return sendRecords(run, batch.index, [...batch.records]);
}

async function sendRecords(run: ImportRun, index: number, records: PlannedRecord[]): Promise<{ imported: number; refused: RefusedLine[] }> {
  const refused: RefusedLine[] = [];
  while (records.length > 0) {
    const answer = await sendWithRetries(run, index, records);
    if (answer.status >= 200 && answer.status < 300) return { imported: records.length, refused };
    const problem = (answer.body ?? {}) as Problem;
    const code = typeof problem.code === 'string' ? problem.code : `HTTP_${answer.status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : 'refused without a detail';
    if (answer.status === 401 || answer.status === 403) {
      throw new ImportError(answer.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', `the gateway refused the caller: ${code}: ${detail}`);
    }
    if (TOO_LARGE_CODES.has(code) && records.length > 1) {
      // Over this gateway's body limit (long records): send each half on its own, the same way on every resume.
      const half = Math.ceil(records.length / 2);
      const [first, second] = [await sendRecords(run, index, records.slice(0, half)), await sendRecords(run, index, records.slice(half))];
      return { imported: first.imported + second.imported, refused: [...refused, ...first.refused, ...second.refused] };
    }
    const named = refusedRecord(problem, detail, records.length);
    if (named === undefined) {
      return { imported: 0, refused: [...refused, ...records.map((r) => ({ line: r.line, code, message: detail }))] };
    }
    refused.push({ line: (records[named.index] as PlannedRecord).line, code, message: named.message });
    records = records.filter((_, i) => i !== named.index);
  }
  return { imported: 0, refused };
}

/** The record a refusal names, by the chaincode's `records[i]` detail or a schema error's `/body/i` path. */
function refusedRecord(problem: Problem, detail: string, size: number): { index: number; message: string } | undefined {
  const fromDetail = batchIndexOf(detail);
  if (fromDetail !== undefined && fromDetail < size) return { index: fromDetail, message: detail.replace(INDEXED_DETAIL, '') };
  for (const error of problem.errors ?? []) {
    const match = typeof error.path === 'string' ? SCHEMA_PATH.exec(error.path) : null;
    if (match && Number(match[1]) < size) {
      return { index: Number(match[1]), message: `${(match[2] ?? '/').slice(1) || 'record'} ${String(error.message)}` };
    }
  }
  return undefined;
}

/** One send, retried while the answer decides nothing. */
async function sendWithRetries(run: ImportRun, index: number, records: readonly PlannedRecord[]): Promise<GatewayAnswer> {
  const sleep = run.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const key = batchKey(run.fileHash, index, records);
  const retries = run.retries ?? 8;
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1)));
    let answer: GatewayAnswer;
    try {
      answer = await run.sender.post(run.kind.route, records.map((r) => r.value), key);
    } catch (err) {
      last = (err as Error).message;
      continue;
    }
    const code = (answer.body as Problem | undefined)?.code;
    if (answer.status < 500 && !(typeof code === 'string' && RETRIED_CODES.has(code))) return answer;
    last = `${answer.status} ${String(code ?? '')}`;
    if (answer.retryAfterMs !== undefined) await sleep(answer.retryAfterMs);
  }
  throw new ImportError('UNAVAILABLE', `batch ${index} got no decided answer after ${retries + 1} tries (last: ${last}); run the import again to resume`);
}
