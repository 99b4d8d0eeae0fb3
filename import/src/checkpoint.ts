/**
 * Where an import stands, on disk, so an interrupted import resumes where it stopped: the
 * batches the gateway has answered (committed or refused for good) and the lines the ledger
 * refused. Written after every answered batch, atomically (a temporary file renamed over the
 * old one), so a kill at any moment leaves the last complete state.
 *
 * A batch that was in flight when the import stopped is not in the checkpoint: it is sent again
 * with the same idempotency key (plan.ts), and the gateway answers it from its record of the
 * first send instead of writing it twice.
 *
 * The checkpoint belongs to one file content, kind and batch size (it is named after the file's
 * hash); resuming with another batch size is refused, since the batches would differ.
 *
 * @example
 * ```ts
 * const checkpoint = Checkpoint.open(path, { fileHash, kind: 'parcels', batchSize: 200 });
 * if (!checkpoint.isDone(3)) { ...; checkpoint.markDone(3, 200, refusedLines); }
 * ```
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImportError } from './errors';
import type { RefusedLine } from './plan';

/** What a checkpoint is for: one file content, one kind, one batch size. */
export interface CheckpointIdentity {
  readonly fileHash: string;
  readonly kind: string;
  readonly batchSize: number;
}

interface CheckpointState extends CheckpointIdentity {
  /** Indexes of the batches answered for good. */
  done: number[];
  /** Records the ledger wrote. */
  imported: number;
  /** Lines the ledger refused (the importer's own refusals are found again from the file). */
  refused: RefusedLine[];
}

export class Checkpoint {
  private readonly done: Set<number>;

  private constructor(
    readonly file: string,
    private readonly state: CheckpointState,
  ) {
    this.done = new Set(state.done);
  }

  /** Opens the checkpoint at `file`, or starts an empty one; CHECKPOINT_MISMATCH when it belongs to another import. */
  static open(file: string, identity: CheckpointIdentity): Checkpoint {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ImportError('UNREADABLE', `cannot read the checkpoint ${file}: ${(err as Error).message}`);
    }
    if (text === undefined) return new Checkpoint(file, { ...identity, done: [], imported: 0, refused: [] });
    let state: CheckpointState;
    try {
      state = JSON.parse(text) as CheckpointState;
    } catch {
      throw new ImportError('UNREADABLE', `the checkpoint ${file} is not valid JSON: delete it to start this import again from the beginning`);
    }
    for (const field of ['fileHash', 'kind', 'batchSize'] as const) {
      if (state[field] !== identity[field]) {
        throw new ImportError(
          'CHECKPOINT_MISMATCH',
          `the checkpoint ${file} was made with ${field} ${String(state[field])}, not ${String(identity[field])}: resume with the same settings, or delete it`,
        );
      }
    }
    return new Checkpoint(file, { ...state, done: [...state.done], refused: [...state.refused] });
  }

  isDone(batch: number): boolean {
    return this.done.has(batch);
  }

  get imported(): number {
    return this.state.imported;
  }

  get refused(): readonly RefusedLine[] {
    return this.state.refused;
  }

  /** Records batch `index` as answered: `imported` records written, `refused` lines refused by the ledger. */
  markDone(index: number, imported: number, refused: readonly RefusedLine[]): void {
    this.done.add(index);
    this.state.done = [...this.done];
    this.state.imported += imported;
    this.state.refused.push(...refused);
    this.save();
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.file);
  }
}
