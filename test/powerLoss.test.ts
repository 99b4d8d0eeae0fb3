/**
 * Power loss: every process of the network SIGKILLed at once, then `up` straight away; then the
 * same with the pid files left naming unrelated live processes, as after a reboot. `up` must tell
 * a live node from a stale pid file (network/lib/common.sh), lose no acknowledged write and
 * leave every peer on the same block; `status`, `down` and `up` must signal no stranger. Async
 * jobs accepted just before the cut, still pending, must each end definite and agree with the
 * ledger, and their keys replay without a second transaction.
 * The time each `up` took goes to stdout and `.runtime/bench/power-loss.json`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectJobsToMatchLedger, sendAsyncParcels, type AsyncJob } from './support/faults/asyncJobs';
import { gatewayAs, type GatewayResponse } from './support/http';
import { allPeers, chainInfo, networkEnv, networkScript, pidFile, runningNodes } from './support/network';

// The ledger is shared across runs, so every ID and key carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const clerk = gatewayAs('registry', 'clerk1');
const auditor = gatewayAs('auditor', 'auditor1');
const parcel = (id: string) => ({
  id,
  ownerId: `CIT-${run}`,
  location: 'Lot 12',
  areaM2: 410,
  landUse: 'RESIDENTIAL',
  owner: { name: `Owner ${id}`, address: `${id} Private Lane` },
});

/** What the gateway acknowledged before the power went: each write's ID and Idempotency-Key, an async job, and jobs still pending. */
interface Acknowledged {
  readonly ids: string[];
  readonly job: string;
  readonly pending: AsyncJob[];
}

/** An async job's status once it is no longer pending (or after two minutes of polling). */
async function pollJob(location: string): Promise<GatewayResponse> {
  let status = await clerk('GET', location);
  for (let i = 0; i < 240 && status.status === 200 && status.body.state === 'pending'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = await clerk('GET', location);
  }
  return status;
}

/** Writes a few parcels through the Registry's gateway, each acknowledged (201), and one async job polled to committed. */
async function writeRecords(phase: string): Promise<Acknowledged> {
  const ids = [1, 2, 3, 4].map((n) => `P-POWER-${run}-${phase}-${n}`);
  for (const id of ids) {
    const res = await clerk('POST', '/v1/parcels', { body: parcel(id), headers: { 'Idempotency-Key': id } });
    expect(res.status).toBe(201);
  }
  const async = `P-POWER-${run}-${phase}-async`;
  const accepted = await clerk('POST', '/v1/parcels', { body: parcel(async), headers: { Prefer: 'respond-async' } });
  expect(accepted.status).toBe(202);
  const job = String(accepted.headers.location);
  expect((await pollJob(job)).body.state).toBe('committed');
  // Accepted just before the cut: their blocks are not cut yet.
  const pending = await sendAsyncParcels('registry', [1, 2].map((n) => `P-POWER-${run}-${phase}-pending-${n}`));
  return { ids: [...ids, async], job, pending };
}

/**
 * SIGKILLs every node at once with its supervisor (each one's whole process group), as a power
 * cut would; returns their pid file contents.
 */
async function powerCut(): Promise<Map<string, string>> {
  const nodes = await runningNodes();
  const files = new Map([...nodes.keys()].map((id) => [id, readFileSync(pidFile(id), 'utf8')]));
  for (const pid of nodes.values()) process.kill(-pid, 'SIGKILL');
  return files;
}

/** Runs `up` and returns how long it took, in seconds. */
async function timedUp(): Promise<number> {
  const started = process.hrtime.bigint();
  await networkScript('up');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** After `up`: every acknowledged write readable, no replay a second transaction, every peer on one block. */
async function expectNothingLost(acknowledged: Acknowledged): Promise<void> {
  for (const id of acknowledged.ids) {
    expect({ id, status: (await clerk('GET', `/v1/parcels/${id}`)).status }).toEqual({ id, status: 200 });
    expect({ id, status: (await auditor('GET', `/v1/parcels/${id}`)).status }).toEqual({ id, status: 200 });
  }
  // The gateway's records survived too: the job is still committed, a replayed key makes no second transaction.
  expect((await pollJob(acknowledged.job)).body.state).toBe('committed');
  for (const id of acknowledged.ids.slice(0, -1)) {
    const replay = await clerk('POST', '/v1/parcels', { body: parcel(id), headers: { 'Idempotency-Key': id } });
    expect({ id, status: replay.status, replayed: replay.headers['idempotency-replayed'] }).toEqual({ id, status: 201, replayed: 'true' });
    expect((await clerk('GET', `/v1/parcels/${id}/history`)).body).toHaveLength(1);
  }
  // Jobs pending at the cut: each definite, as the ledger says; their keys make no second transaction.
  await expectJobsToMatchLedger(acknowledged.pending);
  const chains = await Promise.all(allPeers().map(([o, p]) => chainInfo(o, p)));
  expect(new Set(chains.map((c) => `${c.height} ${c.currentBlockHash}`)).size).toBe(1);
}

const figures: Record<string, number> = {};
afterAll(() => {
  const dir = path.join(networkEnv().RUNTIME_DIR, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'power-loss.json'), `${JSON.stringify({ upSecondsAfterKill: figures }, null, 2)}\n`);
  process.stdout.write(`\npower loss: up after the kill took ${JSON.stringify(figures)} seconds\n`);
});

// Each test brings the whole network back after a kill, on a busy machine.
jest.setTimeout(600_000);

describe('power loss', () => {
  test('every process SIGKILLed at once, then up straight away: nothing acknowledged is lost', async () => {
    const acknowledged = await writeRecords('cut');
    const killed = await powerCut();
    expect(killed.size).toBeGreaterThan(0);

    figures.cut = await timedUp();
    expect([...(await runningNodes()).keys()].sort()).toEqual([...killed.keys()].sort());
    await expectNothingLost(acknowledged);
  });

  describe('pid files naming unrelated live processes, as after a reboot', () => {
    const signals: string[] = [];
    const onSignal = (signal: string) => signals.push(signal);
    let stranger: ChildProcess;
    beforeAll(() => {
      // The test process itself, and a process leading its own group as a node does.
      for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, onSignal);
      stranger = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore' });
    });
    afterAll(() => {
      for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.off(signal, onSignal);
      stranger.kill('SIGKILL');
    });
    const strangerAlive = () => stranger.exitCode === null && stranger.signalCode === null;

    /** Each pid file as it was, its pid now another process's; every third holds the bare pid, as one written by hand. */
    function reboot(files: Map<string, string>): void {
      [...files].forEach(([id, text], i) => {
        const pid = i % 2 === 0 ? (stranger.pid as number) : process.pid;
        writeFileSync(pidFile(id), i % 3 === 2 ? `${pid}\n` : text.replace(/^\d+/, String(pid)));
      });
    }

    test('status and down take them for stale and signal no stranger; up restores everything', async () => {
      const acknowledged = await writeRecords('reboot');
      const files = await powerCut();
      reboot(files);

      await expect(networkScript('status')).rejects.toThrow(/down/);
      await networkScript('down');
      expect(strangerAlive()).toBe(true);
      expect(signals).toEqual([]);

      reboot(files);
      figures.reboot = await timedUp();
      expect(strangerAlive()).toBe(true);
      expect(signals).toEqual([]);
      expect([...(await runningNodes()).keys()].sort()).toEqual([...files.keys()].sort());
      await expectNothingLost(acknowledged);
    });
  });
});
