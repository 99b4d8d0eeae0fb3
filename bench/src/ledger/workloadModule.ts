/**
 * The Caliper workload module of every bench:ledger round: Caliper loads it in each worker and
 * calls `submitTransaction` at the round's fixed load; it sends the workload's calls
 * (workloads.ts) through Caliper's fabric-gateway connector, and at the end of the round writes
 * what it saw to `<resultsDir>/<round>.w<worker>.json`: each transaction's start, end and
 * outcome, and the IDs it created, which a later round of this worker reads or changes.
 *
 * @example
 * ```yaml
 * workload: { module: bench/dist/ledger/workloadModule.js, arguments: { run: r1, round: parcel-read, workload: parcel-read, uses: parcel-register, resultsDir: ... } }
 * ```
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { identityName } from './caliperConfig';
import { handedOver, WORKLOADS, type Call, type WorkloadName } from './workloads';

/** What a round's arguments carry (caliperConfig.ts writes them). */
interface RoundArguments {
  readonly run: string;
  readonly round: string;
  readonly workload: WorkloadName;
  readonly uses: string;
  readonly resultsDir: string;
  /** MSP ID by org key: Caliper's connector needs the sender's with more than one org. */
  readonly msps: Readonly<Record<string, string>>;
}

/** The part of Caliper's connector and of its TxStatus this module uses. */
interface Connector {
  sendRequests(request: unknown): Promise<{ GetStatus(): string } | { GetStatus(): string }[]>;
}

/** One worker's record of one round. */
export interface WorkerRound {
  /** [start ms, end ms, committed (or answered, for reads)] per transaction; a handover counts as its two. */
  readonly txs: [number, number, boolean][];
  /** The IDs this round created (writes that create). */
  readonly created: string[];
}

export const resultsFile = (dir: string, round: string, worker: number) => path.join(dir, `${round}.w${worker}.json`);

class LedgerWorkload {
  private args!: RoundArguments;
  private worker = 0;
  private connector!: Connector;
  private pool: readonly string[] = [];
  private next = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly record: WorkerRound = { txs: [], created: [] };
  private failures = 0;

  async initializeWorkloadModule(worker: number, _workers: number, _roundIndex: number, args: RoundArguments, connector: Connector): Promise<void> {
    this.args = args;
    this.worker = worker;
    this.connector = connector;
    if (args.uses) {
      const used = JSON.parse(readFileSync(resultsFile(args.resultsDir, args.uses, worker), 'utf8')) as WorkerRound;
      this.pool = used.created;
    }
    const workload = WORKLOADS[args.workload];
    const setup = 'setup' in workload ? workload.setup({ run: args.run, round: args.round, worker }) : [];
    for (const call of setup) await this.send(call);
  }

  submitTransaction(): Promise<void> {
    const i = this.next++;
    const done = this.transaction(i).finally(() => this.pending.delete(done));
    this.pending.add(done);
    return done;
  }

  async cleanupWorkloadModule(): Promise<void> {
    await Promise.all(this.pending);
    writeFileSync(resultsFile(this.args.resultsDir, this.args.round, this.worker), JSON.stringify(this.record));
  }

  private async transaction(i: number): Promise<void> {
    const workload = WORKLOADS[this.args.workload];
    let calls: Call[];
    try {
      calls = workload.calls({ run: this.args.run, round: this.args.round, worker: this.worker, i, pool: this.pool, msps: this.args.msps });
    } catch (err) {
      this.report(err);
      this.record.txs.push([Date.now(), Date.now(), false]);
      return;
    }
    let allOk = true;
    for (const call of calls) {
      const start = Date.now();
      const ok = await this.send(call);
      this.record.txs.push([start, Date.now(), ok]);
      allOk &&= ok;
      if (!ok) break;
    }
    if (allOk && 'creates' in workload) this.record.created.push(workload.creates({ run: this.args.run, round: this.args.round, worker: this.worker, i, pool: [], msps: this.args.msps }));
    const accept = calls[1];
    if (allOk && this.args.workload === 'custody-handover' && accept) handedOver(accept.args[0] ?? '', accept.as);
  }

  /** Sends one call; true if it committed (a read: if it answered). */
  private async send(call: Call): Promise<boolean> {
    try {
      const status = await this.connector.sendRequests({
        contractId: call.chaincode,
        contractFunction: call.fn,
        contractArguments: call.args,
        transientMap: call.transient,
        invokerIdentity: identityName(call.as),
        invokerMspId: this.args.msps[call.as.split('/')[0] ?? ''],
        readOnly: call.readOnly,
      });
      const statuses = Array.isArray(status) ? status : [status];
      return statuses.every((s) => s.GetStatus() === 'success');
    } catch (err) {
      this.report(err);
      return false;
    }
  }

  /** The first few failures of a round, to the Caliper log (Caliper logs the connector's own). */
  private report(err: unknown): void {
    if (this.failures++ < 3) process.stderr.write(`${this.args.round} worker ${this.worker}: ${(err as Error).message}\n`);
  }
}

/** Caliper's entry point. */
export function createWorkloadModule(): LedgerWorkload {
  return new LedgerWorkload();
}
