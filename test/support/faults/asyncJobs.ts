/**
 * Asynchronous writes (`Prefer: respond-async`, each with its own `Idempotency-Key`) left pending
 * by a fault, and the check that, once the gateway is back, its records agree with the ledger:
 * each job reaches a definite state, a committed job's record is on the ledger and a failed
 * one's is not, and replaying each key answers the first 202 again with no second transaction.
 *
 * @example
 * const jobs = await sendAsyncParcels('registry', ids);
 * await sigkill('gateway-registry');
 * await networkScript('nodes/gateway', 'registry');
 * const states = await expectJobsToMatchLedger(jobs);   // { committed: 6, failed: 0 }
 */
import { gatewayAs, type GatewayResponse } from '../http';
import { parcelWrite } from './writeLoad';

/** An accepted asynchronous write: its parcel ID and the job's `Location`. */
export interface AsyncJob {
  readonly org: string;
  readonly id: string;
  readonly location: string;
  /** The job's state in the 202. */
  readonly state: string;
}

const keyOf = (id: string) => `key-${id}`;
const sendAsync = (org: string, id: string): Promise<GatewayResponse> =>
  gatewayAs(org, 'clerk1')('POST', '/v1/parcels', { body: parcelWrite(id).body, headers: { Prefer: 'respond-async', 'Idempotency-Key': keyOf(id) } });

/** Sends one asynchronous parcel write per ID, all at once, as clerk1; each must be accepted (202). */
export async function sendAsyncParcels(org: string, ids: readonly string[]): Promise<AsyncJob[]> {
  const answers = await Promise.all(ids.map((id) => sendAsync(org, id)));
  expect(answers.map((r) => r.status)).toEqual(ids.map(() => 202));
  return answers.map((r, i) => ({ org, id: ids[i] as string, location: String(r.headers.location), state: String(r.body?.state) }));
}

/** Polls a job until it is no longer pending; rejects after `deadlineMs`. */
async function definiteJob(job: AsyncJob, deadlineMs: number): Promise<GatewayResponse> {
  const clerk = gatewayAs(job.org, 'clerk1');
  const started = Date.now();
  for (;;) {
    const res = await clerk('GET', job.location).catch(() => undefined);
    if (res?.status === 200 && res.body.state !== 'pending') return res;
    if (Date.now() - started > deadlineMs) throw new Error(`job ${job.location} still ${res?.body?.state ?? 'unanswered'} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Expects every job definite, committed exactly when its parcel is on the ledger, and its key's
 * replay a 202 marked replayed with at most one transaction in the parcel's history. Answers how
 * many jobs committed and failed.
 */
export async function expectJobsToMatchLedger(jobs: readonly AsyncJob[], deadlineMs = 120_000): Promise<{ committed: number; failed: number }> {
  const counts = { committed: 0, failed: 0 };
  for (const job of jobs) {
    const clerk = gatewayAs(job.org, 'clerk1');
    const { state } = (await definiteJob(job, deadlineMs)).body as { state: 'committed' | 'failed' };
    counts[state] += 1;
    const onLedger = (await clerk('GET', `/v1/parcels/${job.id}`)).status === 200;
    expect({ id: job.id, state, onLedger }).toEqual({ id: job.id, state: onLedger ? 'committed' : 'failed', onLedger });
    const replay = await sendAsync(job.org, job.id);
    expect({ id: job.id, status: replay.status, replayed: replay.headers['idempotency-replayed'], location: replay.headers.location }).toEqual({
      id: job.id,
      status: 202,
      replayed: 'true',
      location: job.location,
    });
    if (onLedger) expect((await clerk('GET', `/v1/parcels/${job.id}/history`)).body).toHaveLength(1);
  }
  return counts;
}
