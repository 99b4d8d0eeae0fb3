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
import { expectJobsToMatchLedger, sendAsyncParcels } from './support/faults/asyncJobs';
import { recordFaultFigures, type FaultFigures } from './support/faults/faultFigures';
import { missingAcknowledgedWrites, waitForPeersToAgree } from './support/faults/ledgerAgreement';
import { raftLeaders, raftOrderers, waitForRaftLeader } from './support/faults/raftLeader';
import { startWriteLoad, type WriteLoadReport, type WriteRecord } from './support/faults/writeLoad';
import { gatewayAs } from './support/http';
import { networkScript, runningNodes, signalNodeHost } from './support/network';

// The ledger outlives runs: every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const LONG = process.env.CITY_LEDGER_FAULTS_SCALE === 'long';
/** Concurrent clients, and the length of each phase of a scenario, in ms. */
const SCALE = LONG ? { clients: 8, phaseMs: 30_000 } : { clients: 3, phaseMs: 6_000 };
/**
 * How long peers may take to agree after a scenario: the Registry's peers wait 5 s per block that
 * holds a re-sent transaction's DUPLICATE_TXID copy (its private data never comes), and a long
 * run leaves dozens of those.
 */
const AGREE_WITHIN_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms) / 1000);

/** Every node a scenario killed: if one is still down at the end (a scenario failed), `up` restores it. */
const killed = new Set<string>();

/**
 * SIGKILLs the node the scripts know as `id` (`health-orderer0`) with its supervisor, as if its
 * host died: it stays down until the scenario restarts it. Answers the instant.
 */
async function sigkill(id: string): Promise<number> {
  killed.add(id);
  await signalNodeHost(id, 'SIGKILL');
  return Date.now();
}

afterAll(async () => {
  const running = await runningNodes();
  if ([...killed].some((id) => !running.has(id))) await networkScript('up');
});

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

/** Each peer's acknowledged writes it lacks (empty: none lost), and how many writes some peer lacks. */
async function lostWrites(report: WriteLoadReport): Promise<{ missing: Record<string, string[]>; lost: number }> {
  const missing = await missingAcknowledgedWrites(report);
  return { missing, lost: new Set(Object.values(missing).flat()).size };
}

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
    const { missing, lost } = await lostWrites(report);
    recordFaultFigures('baseline', {
      clients: SCALE.clients,
      seconds: (report.stoppedAt - report.startedAt) / 1000,
      acknowledged: report.acknowledged.length,
      lost,
      errors: report.errors.length,
      writesPerSecond: report.throughput(report.startedAt, report.stoppedAt),
      peersAgreedInMs: agreedInMs,
    });
    expect(missing).toEqual({});
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

    const agreedInMs = await waitForPeersToAgree(AGREE_WITHIN_MS);
    const { missing, lost } = await lostWrites(report);
    const inFlight = report.inFlightAt(leaderKilledAt);
    recordFaultFigures('raft-leader-killed', {
      clients: SCALE.clients,
      acknowledged: report.acknowledged.length,
      lost,
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
    expect(missing).toEqual({});
    // Every write in flight when the leader died has a definite answer, within the 10 s.
    expect(inFlight.filter((r) => !isDefinite(r))).toEqual([]);
    expect(report.longestAnswerAfter(leaderKilledAt)).toBeLessThanOrEqual(10_000);
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

    const agreedInMs = await waitForPeersToAgree(AGREE_WITHIN_MS);
    const { missing, lost } = await lostWrites(report);
    recordFaultFigures('gateway-peer-killed', {
      clients: SCALE.clients,
      acknowledged: report.acknowledged.length,
      lost,
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
    expect(missing).toEqual({});
    // Writes went on through peer1 while peer0 was down.
    expect(report.firstCommitAfter(killedAt)).toBeLessThan(restartedAt - killedAt);
  });

  test('a gateway SIGKILLed with async jobs pending: after restart each job is definite and matches the ledger; a replayed key makes no second transaction', async () => {
    const jobs = await sendAsyncParcels('registry', Array.from({ length: SCALE.clients * 2 }, (_, n) => `P-FAULT-${run}-async-${n}`));
    // At once: the jobs are still waiting for their block.
    await sigkill('gateway-registry');
    await networkScript('nodes/gateway', 'registry');
    const restartedAt = Date.now();
    await waitUntil('the Registry gateway answers', 60_000, async () => (await gatewayAs('registry', 'clerk1')('GET', '/readyz')).status === 200);

    const states = await expectJobsToMatchLedger(jobs);
    recordFaultFigures('gateway-killed-with-async-jobs', {
      jobs: jobs.length,
      pendingAtKill: jobs.filter((j) => j.state === 'pending').length,
      ...states,
      allDefiniteAfterRestartSeconds: seconds(Date.now() - restartedAt),
    });
    expect(states.committed + states.failed).toBe(jobs.length);
    await waitForPeersToAgree(AGREE_WITHIN_MS);
  });
});
