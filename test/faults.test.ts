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
import { recordFaultFigures } from './support/faults/faultFigures';
import { expectAcknowledgedWritesEverywhere, waitForPeersToAgree } from './support/faults/ledgerAgreement';
import { raftLeaders } from './support/faults/raftLeader';
import { startWriteLoad } from './support/faults/writeLoad';

// The ledger outlives runs: every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const LONG = process.env.CITY_LEDGER_FAULTS_SCALE === 'long';
/** Concurrent clients, and the length of each phase of a scenario, in ms. */
const SCALE = LONG ? { clients: 8, phaseMs: 30_000 } : { clients: 3, phaseMs: 6_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
});
