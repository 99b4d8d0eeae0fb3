/**
 * Integrity audits that run while their caller watches: `POST /v1/ledger/verifications` starts
 * the audit's own `verifyLedger` (one walk, one verifier) and answers at once; `GET
 * /v1/ledger/verifications/:id` tells how many blocks of how many have passed, then the report.
 * Runs live in this gateway's memory (a restart forgets them: start again), are seen only by
 * the principal who started them, and are bounded: a few at once, the latest finished kept.
 *
 * @example
 * ```ts
 * const run = verificationRuns.start('auditor1', (progress) => verifyLedger(peer, [], {}, progress));
 * verificationRuns.get('auditor1', run.id);   // { state: 'running', blocksChecked: 40, blocksToCheck: 120 }
 * ```
 */
import { randomUUID } from 'node:crypto';
import type { LedgerReport, VerifyProgress } from '@city-ledger/audit/ledger';
import { HttpProblem, mapError, type Problem } from '../errors';

export interface VerificationRun {
  readonly id: string;
  state: 'running' | 'done' | 'failed';
  blocksChecked: number;
  /** Known once the walk has read the peer's height; 0 before. */
  blocksToCheck: number;
  report?: LedgerReport;
  /** Why the walk could not finish (the peer went away): the problem a direct call would answer. */
  problem?: Problem;
}

/** Audits running at once on one gateway: each walks the whole chain through its peer. */
export const MAX_RUNNING = 2;
/** Finished runs kept for their callers to read. */
export const MAX_KEPT = 20;

export class VerificationRuns {
  private readonly runs = new Map<string, { owner: string; run: VerificationRun }>();

  start(owner: string, walk: (progress: VerifyProgress) => Promise<LedgerReport>): VerificationRun {
    const running = [...this.runs.values()].filter((r) => r.run.state === 'running').length;
    if (running >= MAX_RUNNING) {
      throw new HttpProblem('RATE_LIMITED', `${running} integrity audits are running on this gateway already; try again when one has finished`, { headers: { 'Retry-After': '10' } });
    }
    const run: VerificationRun = { id: randomUUID(), state: 'running', blocksChecked: 0, blocksToCheck: 0 };
    this.runs.set(run.id, { owner, run });
    walk((checked, total) => {
      run.blocksChecked = checked;
      run.blocksToCheck = total;
    }).then(
      (report) => Object.assign(run, { state: 'done', report }),
      (err: unknown) => Object.assign(run, { state: 'failed', problem: mapError(err).problem }),
    ).finally(() => this.forgetOldest());
    return run;
  }

  /** The caller's own run; another principal's is as unknown as a made-up ID. */
  get(owner: string, id: string): VerificationRun {
    const entry = this.runs.get(id);
    if (entry?.owner !== owner) throw new HttpProblem('NOT_FOUND', `no integrity audit ${id} of yours on this gateway (runs are forgotten on restart)`);
    return entry.run;
  }

  private forgetOldest(): void {
    const finished = [...this.runs.entries()].filter(([, r]) => r.run.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - MAX_KEPT))) this.runs.delete(id);
  }
}

/** This gateway's runs. */
export const verificationRuns = new VerificationRuns();
