/**
 * Device signature checks spread over worker threads: ECDSA verification is the collector's
 * main cost (about 50 µs a reading on an idle core, several times that on a busy one), and the
 * event loop is needed for HTTP and SQLite. With `threads: 0` it verifies on the calling thread
 * (unit tests, where ts-jest cannot start a worker from TypeScript).
 *
 * @example
 * ```ts
 * const pool = new SignaturePool(availableParallelism());
 * const verdicts = await pool.verify([[signed, device.publicKeyPem]]);   // [true]
 * await pool.close();
 * ```
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { canonicalJson, verifyDeviceSignature, type SignedDeviceReading } from '@city-ledger/domain';

type Item = readonly [SignedDeviceReading, string];
/** What a worker gets: the key, the signed text (canonical JSON of the reading) and the signature. */
type Job = [string, string, string];

export class SignaturePool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { worker: Worker; resolve: (verdicts: boolean[]) => void; reject: (err: Error) => void }>();
  private nextId = 0;

  constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(path.join(__dirname, 'signatureWorker.js'));
      worker.on('message', ({ id, verdicts }: { id: number; verdicts: boolean[] }) => {
        this.pending.get(id)?.resolve(verdicts);
        this.pending.delete(id);
      });
      // A dead worker fails its requests (a 500 the problem handler logs) rather than leaving them waiting.
      worker.on('error', (err) => {
        for (const [id, job] of this.pending) {
          if (job.worker !== worker) continue;
          job.reject(err);
          this.pending.delete(id);
        }
      });
      return worker;
    });
  }

  /** Whether each reading is signed by its key, in order. */
  async verify(items: readonly Item[]): Promise<boolean[]> {
    const jobs = items.map(([signed, pem]): Job => [pem, canonicalJson(signed.reading), signed.signature]);
    if (this.workers.length === 0) return jobs.map(([pem, data, signature]) => verifyDeviceSignature(pem, data, signature));
    const share = Math.ceil(jobs.length / this.workers.length);
    const parts = this.workers.map((worker, w) => {
      const slice = jobs.slice(w * share, (w + 1) * share);
      if (slice.length === 0) return Promise.resolve([]);
      const id = this.nextId++;
      return new Promise<boolean[]>((resolve, reject) => {
        this.pending.set(id, { worker, resolve, reject });
        worker.postMessage({ id, items: slice });
      });
    });
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
