/**
 * Supervision on the shared network (issue 17, part 4; README "Supervision"): a node process
 * that crashes comes back by itself. Each scenario SIGKILLs one process of the Registry's write
 * path, the node itself and not its supervisor (network/lib/supervise.sh), as a crash would:
 * its peer, its `records` chaincode server (parcels) and its gateway. Each must be restarted by
 * its supervisor, report healthy in `status` with the restart and the exit reason, commit a
 * parcel written through the Registry's gateway, and end with every peer on the same block.
 * The backoff policy and deliberate stops are unit-tested (network/src/supervise.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { waitForPeersToAgree } from './support/faults/ledgerAgreement';
import { parcelWrite } from './support/faults/writeLoad';
import { gatewayAs } from './support/http';
import { networkScript, runningNodes, supervision } from './support/network';

// The ledger outlives runs: every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const clerk = gatewayAs('registry', 'clerk1');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A peer restart, its catch-up and a gateway's reconnection, on a busy machine. */
jest.setTimeout(300_000);

/** Polls `check` until it answers a value; rejects with the last failure after `deadlineMs`. */
async function eventually<T>(what: string, deadlineMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() - started > deadlineMs) throw new Error(`${what}: not within ${deadlineMs} ms (${String(last ?? 'no answer')})`);
    await sleep(1_000);
  }
}

afterAll(async () => {
  // A failed scenario leaves nothing down: `up` starts whatever is not running.
  const running = await runningNodes();
  if (['registry-peer0', 'registry-chaincodes', 'gateway-registry'].some((id) => !running.has(id))) await networkScript('up');
  await waitForPeersToAgree(120_000);
});

describe('a crashed node comes back by itself', () => {
  test.each([
    ["the Registry gateway's own peer", 'registry-peer0'],
    ['the Registry chaincode host (parcels and all its other chaincodes)', 'registry-chaincodes'],
    ['the Registry gateway', 'gateway-registry'],
  ])('%s SIGKILLed: restarted, healthy, status names the restart and signal 9, and a write through the gateway commits on every peer', async (_, id) => {
    const before = await eventually(`${id} running`, 60_000, async () => {
      const state = supervision(id);
      return state.state === 'running' ? state : undefined;
    });
    process.kill(before.nodePid, 'SIGKILL');

    const after = await eventually(`${id} restarted`, 60_000, async () => {
      const state = supervision(id);
      return state.state === 'running' && state.nodePid !== before.nodePid ? state : undefined;
    });
    expect(after).toMatchObject({ restarts: before.restarts + 1, lastExit: 'signal 9' });
    // Every node healthy again (status fails while any is not); this one's row says what happened.
    const status = await eventually('a healthy network', 120_000, () => networkScript('status'));
    expect(status).toMatch(new RegExp(`^${id}\\s+up\\s+.*restarts ${after.restarts}, last exit signal 9 at \\d{4}-\\d\\d-\\d\\dT`, 'm'));

    // The write path through it commits again (the gateway may still be reconnecting: retried;
    // a 409 says an earlier try committed after all, which the read below confirms).
    const parcelId = `P-SUPERVISED-${run}-${id}`;
    const write = parcelWrite(parcelId);
    let tries = 0;
    await eventually('a committed write through the Registry gateway', 120_000, async () => {
      tries += 1;
      const res = await clerk('POST', write.path, { body: write.body });
      return res.status === 201 || (res.status === 409 && tries > 1) ? res : undefined;
    });
    expect((await clerk('GET', `/v1/parcels/${parcelId}`)).status).toBe(200);
    await waitForPeersToAgree(120_000);
  });
});
