/**
 * Fault injection on the shared Raft network, under a steady write load through the Registry's
 * gateway (issue 18, after Fabric's integration/raft/cft_test.go): the Raft leader SIGKILLed,
 * then a follower, then both restarted; the gateway's own peer SIGKILLed; a gateway SIGKILLed
 * with async jobs pending. After each, every acknowledged write must be valid on every peer and
 * every peer on the same block. Figures go to `.runtime/bench/faults.json` (see README
 * "Reliability under faults"); the only timing asserted is the bound on an answer.
 *
 * Small by default (CI); `npm run bench:faults` sets CITY_LEDGER_FAULTS_SCALE=long for more
 * clients and longer phases.
 */
import { randomBytes } from 'node:crypto';
import { recordFaultFigures, type FaultFigures } from './support/faults/faultFigures';
import { expectAcknowledgedWritesEverywhere, waitForPeersToAgree } from './support/faults/ledgerAgreement';
import { raftLeaders, raftOrderers, waitForRaftLeader } from './support/faults/raftLeader';
import { parcelWrite, startWriteLoad, type WriteLoadReport, type WriteRecord } from './support/faults/writeLoad';
import { gatewayAs, type GatewayResponse } from './support/http';
import { networkScript, runningNodes } from './support/network';

// The ledger outlives runs: every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const LONG = process.env.CITY_LEDGER_FAULTS_SCALE === 'long';
/** Concurrent clients, and the length of each phase of a scenario, in ms. */
const SCALE = LONG ? { clients: 8, phaseMs: 30_000 } : { clients: 3, phaseMs: 6_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms) / 1000);

/** SIGKILLs the node the scripts know as `id` (`health-orderer0`); answers the instant. */
async function sigkill(id: string): Promise<number> {
  const pid = (await runningNodes()).get(id);
  if (pid === undefined) throw new Error(`${id} is not running`);
  process.kill(pid, 'SIGKILL');
  return Date.now();
}

/** Polls `check` every 500 ms until it answers true; rejects after `deadlineMs`. */
async function waitUntil(what: string, deadlineMs: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > deadlineMs) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await sleep(500);
  }
}

/**
 * A definite answer: committed (2xx), or a clear retryable refusal naming the transaction
 * (503 `UNAVAILABLE` / 504 `DEADLINE_EXCEEDED` with its txId, which the client can poll).
 */
const isDefinite = (r: WriteRecord) => (r.status >= 200 && r.status < 300) || ([503, 504].includes(r.status) && r.code !== undefined && r.txId !== undefined);

/** The figures every scenario reports for a phase `[from, to)`. */
function phase(report: WriteLoadReport, from: number, to: number): FaultFigures {
  const started = report.startedBetween(from, to);
  return {
    seconds: seconds(to - from),
    writes: started.length,
    acknowledged: started.filter((r) => r.status >= 200 && r.status < 300).length,
    errorRate: report.errorRate(from, to),
    longestPauseSeconds: seconds(report.longestPause(from, to)),
  };
}

jest.setTimeout(LONG ? 1_800_000 : 600_000);

describe('faults under a steady write load', () => {
  test('no fault: one orderer reports itself Raft leader; every acknowledged write is on every peer', async () => {
    expect(await raftLeaders()).toHaveLength(1);
    const load = startWriteLoad({ org: 'registry', clients: SCALE.clients, idPrefix: `P-FAULT-${run}-base` });
    await sleep(SCALE.phaseMs);
    const report = await load.stop();
    expect(report.acknowledged.length).toBeGreaterThan(0);
    const agreedInMs = await waitForPeersToAgree(60_000);
    await expectAcknowledgedWritesEverywhere(report);
    recordFaultFigures('baseline', {
      clients: SCALE.clients,
      seconds: (report.stoppedAt - report.startedAt) / 1000,
      acknowledged: report.acknowledged.length,
      errors: report.errors.length,
      writesPerSecond: report.throughput(report.startedAt, report.stoppedAt),
      peersAgreedInMs: agreedInMs,
    });
    expect(report.errors).toEqual([]);
  });

  test('the Raft leader SIGKILLed, then a follower, then both restarted: nothing acknowledged is lost, every write in flight gets a definite answer', async () => {
    const leader = await waitForRaftLeader(60_000);
    const load = startWriteLoad({ org: 'registry', clients: SCALE.clients, idPrefix: `P-FAULT-${run}-raft` });
    await sleep(SCALE.phaseMs);

    const leaderKilledAt = await sigkill(leader.id);
    const next = await waitForRaftLeader(60_000, [leader.id]);
    const electedAt = Date.now();
    // Long enough for every write in flight at the kill to have its answer (the bound is 10 s).
    await sleep(Math.max(SCALE.phaseMs, 15_000));

    const follower = raftOrderers().find((o) => o.id !== leader.id && o.id !== next.id);
    if (!follower) throw new Error('no follower left to kill');
    const followerKilledAt = await sigkill(follower.id);
    await sleep(SCALE.phaseMs);

    for (const o of [leader, follower]) await networkScript('nodes/orderer', o.org, o.name);
    const restartedAt = Date.now();
    await waitForRaftLeader(60_000);
    await sleep(SCALE.phaseMs);
    const report = await load.stop();

    const agreedInMs = await waitForPeersToAgree(120_000);
    await expectAcknowledgedWritesEverywhere(report);
    const inFlight = report.inFlightAt(leaderKilledAt);
    recordFaultFigures('raft-leader-killed', {
      clients: SCALE.clients,
      acknowledged: report.acknowledged.length,
      lost: 0,
      leaderElectedAfterSeconds: seconds(electedAt - leaderKilledAt),
      firstCommitAfterKillSeconds: seconds(report.firstCommitAfter(leaderKilledAt)),
      inFlightAtKill: inFlight.length,
      inFlightCommitted: inFlight.filter((r) => r.status >= 200 && r.status < 300).length,
      longestInFlightAnswerAfterKillSeconds: seconds(report.longestAnswerAfter(leaderKilledAt)),
      firstCommitAfterRestartSeconds: seconds(report.firstCommitAfter(restartedAt)),
      peersAgreedAfterLoadSeconds: seconds(agreedInMs),
      phases: {
        beforeKill: phase(report, report.startedAt, leaderKilledAt),
        leaderDown: phase(report, leaderKilledAt, followerKilledAt),
        noQuorum: phase(report, followerKilledAt, restartedAt),
        restarted: phase(report, restartedAt, report.stoppedAt),
      },
    });
    // Every write in flight when the leader died has a definite answer, within the 10 s.
    expect(inFlight.filter((r) => !isDefinite(r))).toEqual([]);
    expect(report.longestAnswerAfter(leaderKilledAt)).toBeLessThanOrEqual(10_000);
    expect(report.firstCommitAfter(restartedAt)).toBeDefined();
  });

  test("the gateway's own peer SIGKILLed: the gateway fails over, nothing acknowledged is lost", async () => {
    const load = startWriteLoad({ org: 'registry', clients: SCALE.clients, idPrefix: `P-FAULT-${run}-peer` });
    await sleep(SCALE.phaseMs);
    const killedAt = await sigkill('registry-peer0');
    await sleep(Math.max(SCALE.phaseMs, 10_000));
    await networkScript('nodes/peer', 'registry', 'peer0');
    const restartedAt = Date.now();
    await sleep(SCALE.phaseMs);
    const report = await load.stop();

    const agreedInMs = await waitForPeersToAgree(120_000);
    await expectAcknowledgedWritesEverywhere(report);
    recordFaultFigures('gateway-peer-killed', {
      clients: SCALE.clients,
      acknowledged: report.acknowledged.length,
      lost: 0,
      errorRateFrom5sAfterKill: report.errorRate(killedAt + 5_000, restartedAt),
      longestInFlightAnswerAfterKillSeconds: seconds(report.longestAnswerAfter(killedAt)),
      firstCommitAfterKillSeconds: seconds(report.firstCommitAfter(killedAt)),
      peersAgreedAfterLoadSeconds: seconds(agreedInMs),
      phases: {
        beforeKill: phase(report, report.startedAt, killedAt),
        peerDown: phase(report, killedAt, restartedAt),
        restarted: phase(report, restartedAt, report.stoppedAt),
      },
    });
    // Writes went on through peer1 while peer0 was down.
    expect(report.firstCommitAfter(killedAt)).toBeLessThan(restartedAt - killedAt);
  });

  test('a gateway SIGKILLed with async jobs pending: after restart each job is definite and matches the ledger; a replayed key makes no second transaction', async () => {
    const clerk = gatewayAs('registry', 'clerk1');
    const ids = Array.from({ length: SCALE.clients * 2 }, (_, n) => `P-FAULT-${run}-async-${n}`);
    const send = (id: string) => clerk('POST', '/v1/parcels', { body: parcelWrite(id).body, headers: { Prefer: 'respond-async', 'Idempotency-Key': `key-${id}` } });
    const accepted = await Promise.all(ids.map(send));
    expect(accepted.map((r) => r.status)).toEqual(ids.map(() => 202));
    // At once: the jobs are still waiting for their block.
    await sigkill('gateway-registry');
    const pendingAtKill = accepted.filter((r) => r.body?.state === 'pending').length;

    await networkScript('nodes/gateway', 'registry');
    const restartedAt = Date.now();
    await waitUntil('the Registry gateway answers', 60_000, async () => (await clerk('GET', '/readyz')).status === 200);

    const finished: GatewayResponse[] = [];
    for (const res of accepted) {
      const location = String(res.headers.location);
      let job = await clerk('GET', location);
      await waitUntil(`job ${location} is definite`, 120_000, async () => (job = await clerk('GET', location)).body?.state !== 'pending');
      finished.push(job);
    }
    const definiteAfterMs = Date.now() - restartedAt;
    for (const [i, id] of ids.entries()) {
      const job = finished[i] as GatewayResponse;
      const onLedger = (await clerk('GET', `/v1/parcels/${id}`)).status === 200;
      // Committed exactly when the parcel is on the ledger (a failed job left nothing).
      expect({ id, state: job.body.state, onLedger }).toEqual({ id, state: onLedger ? 'committed' : 'failed', onLedger });
      const replay = await send(id);
      expect({ id, status: replay.status, replayed: replay.headers['idempotency-replayed'] }).toEqual({ id, status: 202, replayed: 'true' });
      if (onLedger) expect((await clerk('GET', `/v1/parcels/${id}/history`)).body).toHaveLength(1);
    }
    recordFaultFigures('gateway-killed-with-async-jobs', {
      jobs: ids.length,
      pendingAtKill,
      committed: finished.filter((j) => j.body.state === 'committed').length,
      failed: finished.filter((j) => j.body.state === 'failed').length,
      allDefiniteAfterRestartSeconds: seconds(definiteAfterMs),
    });
    expect(await waitForPeersToAgree(120_000)).toBeGreaterThanOrEqual(0);
  });
});
