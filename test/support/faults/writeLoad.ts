/**
 * A steady write load through one org's HTTPS gateway, as city systems make it: `clients`
 * concurrent clients, each writing one record after another, every write with its own ID. Every
 * request is recorded (start, end, HTTP status, problem code, ID, txId), so that a fault scenario
 * can tell afterwards what was acknowledged, what failed and what was in flight at a given instant.
 *
 * @example
 * const load = startWriteLoad({ org: 'registry', clients: 4, idPrefix: `P-FAULT-${run}` });
 * await sleep(5_000);
 * const killedAt = Date.now();
 * process.kill(leaderPid, 'SIGKILL');
 * await sleep(15_000);
 * const report = await load.stop();
 * report.acknowledged;                        // every 2xx write: check each is on every peer
 * report.longestAnswerAfter(killedAt);        // ms until the last write in flight at the kill had its answer
 */
import { gatewayAs, type GatewayResponse } from '../http';

/** One request of the load, as the client saw it. Times are `Date.now()` milliseconds. */
export interface WriteRecord {
  readonly client: number;
  /** The record's ID (a parcel ID by default). */
  readonly id: string;
  readonly start: number;
  readonly end: number;
  /** The HTTP status; 0 when no answer came (connection refused or reset, client timeout). */
  readonly status: number;
  /** The problem's `code` when the gateway refused or failed the write. */
  readonly code?: string;
  /** The transaction, from a 2xx answer or from a problem that names it. */
  readonly txId?: string;
  /** The block a 2xx write committed in. */
  readonly blockNumber?: number;
  /** What went wrong when there was no HTTP answer. */
  readonly error?: string;
}

/** What one write sends: the route and its JSON body. */
export interface WriteRequest {
  readonly path: string;
  readonly body: unknown;
}

export interface WriteLoadOptions {
  /** The org whose gateway takes the writes (`registry`). */
  readonly org: string;
  /** How many clients write concurrently. */
  readonly clients: number;
  /** Every ID starts with it: make it unique per run, the ledger outlives runs. */
  readonly idPrefix: string;
  /** The org-file user whose API key the clients use (default `clerk1`). */
  readonly user?: string;
  /** What to write for an ID (default: a parcel, a cheap public write with its owner as private data). */
  readonly write?: (id: string) => WriteRequest;
  /** A pause between one client's writes (default 0: the next write as soon as the last answered). */
  readonly pauseMs?: number;
  /** Extra headers on every write. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A parcel for `id`: the default write. Its owner goes to the Registry's private collection. */
export function parcelWrite(id: string): WriteRequest {
  return {
    path: '/v1/parcels',
    body: { id, ownerId: 'CIT-LOAD', location: `Lot ${id}`, areaM2: 250, landUse: 'RESIDENTIAL', owner: { name: `Owner ${id}`, address: `${id} Load Street` } },
  };
}

const isAcknowledged = (r: WriteRecord) => r.status >= 200 && r.status < 300;

/** Everything a load recorded, with what a scenario asks of a phase. */
export class WriteLoadReport {
  /** Every 2xx write: each must be on every peer after recovery. */
  readonly acknowledged: readonly WriteRecord[];
  /** Every write that was not acknowledged (refused, failed or unanswered). */
  readonly errors: readonly WriteRecord[];

  constructor(
    readonly records: readonly WriteRecord[],
    readonly startedAt: number,
    readonly stoppedAt: number,
  ) {
    this.acknowledged = records.filter(isAcknowledged);
    this.errors = records.filter((r) => !isAcknowledged(r));
  }

  /** The writes that started in `[from, to)`. */
  startedBetween(from: number, to: number): WriteRecord[] {
    return this.records.filter((r) => r.start >= from && r.start < to);
  }

  /** The share of writes started in `[from, to)` that were not acknowledged (0 when none started). */
  errorRate(from: number, to: number): number {
    const started = this.startedBetween(from, to);
    return started.length === 0 ? 0 : started.filter((r) => !isAcknowledged(r)).length / started.length;
  }

  /** Writes acknowledged per second over `[from, to)` (by the time their answer came). */
  throughput(from: number, to: number): number {
    const acknowledged = this.acknowledged.filter((r) => r.end >= from && r.end < to).length;
    return to > from ? (acknowledged * 1000) / (to - from) : 0;
  }

  /** The first acknowledgement of a write started at or after `instant`, as ms after it (undefined: none). */
  firstCommitAfter(instant: number): number | undefined {
    const ends = this.acknowledged.filter((r) => r.start >= instant).map((r) => r.end - instant);
    return ends.length === 0 ? undefined : Math.min(...ends);
  }

  /** The writes in flight at `instant`: started before it, answered after it. */
  inFlightAt(instant: number): WriteRecord[] {
    return this.records.filter((r) => r.start <= instant && r.end > instant);
  }

  /** The longest time, in ms from `instant`, until a write in flight at `instant` had its answer (0 when none was in flight). */
  longestAnswerAfter(instant: number): number {
    return Math.max(0, ...this.inFlightAt(instant).map((r) => r.end - instant));
  }

  /** The longest answer time (end − start) of the writes in flight at `instant`. */
  longestInFlightAt(instant: number): number {
    return Math.max(0, ...this.inFlightAt(instant).map((r) => r.end - r.start));
  }

  /** The longest gap between two consecutive acknowledgements in `[from, to)`, in ms. */
  longestPause(from: number, to: number): number {
    const ends = [from, ...this.acknowledged.map((r) => r.end).filter((t) => t >= from && t < to).sort((a, b) => a - b), to];
    return Math.max(...ends.slice(1).map((t, i) => t - (ends[i] as number)));
  }
}

/** A load that is running. */
export interface WriteLoad {
  /** Every request answered so far. */
  readonly records: readonly WriteRecord[];
  /** Lets every client finish the write it is making, and resolves to the whole report. */
  stop(): Promise<WriteLoadReport>;
}

/** What a gateway answer says about one write. */
function recordOf(client: number, id: string, start: number, res: GatewayResponse): WriteRecord {
  const body = (res.body ?? {}) as { code?: unknown; txId?: unknown; blockNumber?: unknown };
  return {
    client,
    id,
    start,
    end: Date.now(),
    status: res.status,
    ...(typeof body.code === 'string' ? { code: body.code } : {}),
    ...(typeof body.txId === 'string' ? { txId: body.txId } : {}),
    ...(typeof body.blockNumber === 'number' ? { blockNumber: body.blockNumber } : {}),
  };
}

/** Starts `clients` concurrent writers; each keeps writing until {@link WriteLoad.stop}. */
export function startWriteLoad(options: WriteLoadOptions): WriteLoad {
  const call = gatewayAs(options.org, options.user ?? 'clerk1');
  const write = options.write ?? parcelWrite;
  const records: WriteRecord[] = [];
  const startedAt = Date.now();
  let stopping = false;

  async function client(n: number): Promise<void> {
    for (let i = 0; !stopping; i++) {
      const id = `${options.idPrefix}-c${n}-${i}`;
      const request = write(id);
      const start = Date.now();
      try {
        const res = await call('POST', request.path, { body: request.body, ...(options.headers ? { headers: options.headers } : {}) });
        records.push(recordOf(n, id, start, res));
      } catch (err) {
        records.push({ client: n, id, start, end: Date.now(), status: 0, error: err instanceof Error ? err.message : String(err) });
        // No answer at all (the gateway is down): do not spin.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }

  const running = Array.from({ length: options.clients }, (_, n) => client(n));
  return {
    records,
    stop: async () => {
      stopping = true;
      await Promise.all(running);
      return new WriteLoadReport([...records], startedAt, Date.now());
    },
  };
}
