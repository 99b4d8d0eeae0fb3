import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { certificateInventory, type CertificateEntry } from '@city-ledger/network';
import { parcelWrite } from './support/faults/writeLoad';
import { gatewayAs, type GatewayResponse } from './support/http';
import { allPeers, consortium, layout, networkScript, peerHeight, REPO_DIR, stopNode } from './support/network';

/**
 * The certificates' lifetime in this test's runtime, in minutes: longer than one round of
 * `renew` over every org (a few minutes on a busy two-core machine), so that a round ends
 * before the certificates of the previous one expire.
 */
const LIFETIME_MIN = Number(process.env.CITY_LEDGER_CERT_TEST_LIFETIME_MIN ?? '7');
const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (when: number) => sleep(Math.max(0, when - Date.now()));

jest.setTimeout(3_600_000);

/** What renew re-enrols: the CA roots and the CAs' own TLS certificates stay long-lived. */
const renewable = (e: CertificateEntry) => !['ca-root', 'tlsca-root', 'ca-server-tls'].includes(e.kind);

/** The renewable certificates of every org in the runtime in force. */
function inventory(): CertificateEntry[] {
  return consortium().orgs.flatMap((org) => certificateInventory(layout(), org).filter(renewable));
}
const soonest = () => Math.min(...inventory().map((e) => e.notAfter.getTime()));
const latest = () => Math.max(...inventory().map((e) => e.notAfter.getTime()));

/** One parcel through the Registry's gateway; a failed connection (expired TLS) answers status 0. */
async function write(id: string): Promise<GatewayResponse> {
  const { path: route, body } = parcelWrite(id);
  return gatewayAs('registry', 'clerk1')('POST', route, { body }).catch((err: Error) => ({ status: 0, headers: {}, text: err.message, body: undefined }));
}

/**
 * Certificates that expire (issue 17), after Fabric's integration/raft/cft_test.go, in a runtime
 * of its own whose CAs sign certificates of a few minutes (CITY_LEDGER_CERT_LIFETIME): the
 * network keeps committing across the expiry because `renew` ran; without it, it stops
 * committing; `renew --recover` brings it back. The shared network is stopped meanwhile (same
 * ports) and brought back afterwards. The time to renew each org goes to
 * `<shared runtime>/bench/renew.json`.
 */
describe('certificates that expire', () => {
  const runtime = mkdtempSync(path.join(os.tmpdir(), 'city-certs-'));
  const sharedRuntime = process.env.CITY_LEDGER_RUNTIME;
  const renewSeconds: Record<string, number> = {};

  /** Renews every org in turn, as each org's operator would; records how long each took. */
  async function renewEveryOrg(within: string): Promise<void> {
    for (const { key } of consortium().orgs) {
      const started = Date.now();
      await networkScript('renew', '--org', key, '--within', within);
      renewSeconds[key] = Math.round((Date.now() - started) / 1000);
    }
  }

  async function heights(): Promise<number[]> {
    return Promise.all(allPeers().map(([o, p]) => peerHeight(o, p)));
  }

  beforeAll(async () => {
    await networkScript('down');
    process.env.CITY_LEDGER_RUNTIME = runtime;
    await networkScript('up');
    // From now on the CAs sign short-lived certificates: they restart with the setting (renew
    // starts them), and everything up issued is re-enrolled short-lived by the first renew.
    process.env.CITY_LEDGER_CERT_LIFETIME = `${LIFETIME_MIN}m`;
    for (const { key } of consortium().orgs) for (const kind of ['ca', 'tlsca']) await stopNode(`${kind}-${key}`);
  });

  afterAll(async () => {
    delete process.env.CITY_LEDGER_CERT_LIFETIME;
    await networkScript('down').catch(() => undefined);
    const keptLogs = path.join(sharedRuntime ?? path.join(REPO_DIR, '.runtime'), 'logs', 'certificates');
    rmSync(keptLogs, { recursive: true, force: true });
    cpSync(path.join(runtime, 'logs'), keptLogs, { recursive: true });
    await networkScript('clean').catch(() => undefined);
    rmSync(runtime, { recursive: true, force: true });
    if (sharedRuntime === undefined) delete process.env.CITY_LEDGER_RUNTIME;
    else process.env.CITY_LEDGER_RUNTIME = sharedRuntime;
    const bench = path.join(sharedRuntime ?? path.join(REPO_DIR, '.runtime'), 'bench');
    mkdirSync(bench, { recursive: true });
    writeFileSync(path.join(bench, 'renew.json'), `${JSON.stringify({ lifetimeMinutes: LIFETIME_MIN, renewSecondsPerOrg: renewSeconds }, null, 2)}\n`);
    await networkScript('up');
  });

  test('certificates renewed before they expire: the network commits across the expiry', async () => {
    await renewEveryOrg('36500d');
    const firstExpiry = soonest();
    // Every renewable certificate is short-lived now.
    expect(latest()).toBeLessThan(Date.now() + (LIFETIME_MIN + 1) * 60_000);
    await renewEveryOrg(`${LIFETIME_MIN}m`);
    expect(soonest()).toBeGreaterThan(firstExpiry);
    await sleepUntil(firstExpiry + 20_000);
    const res = await write(`P-CERT-${runId}-renewed`);
    expect(res.status).toBe(201);
    expect(new Set(await heights()).size).toBe(1);
  });

  let unrenewedId = '';
  test('certificates left to expire: the network stops committing', async () => {
    await sleepUntil(latest() + 20_000);
    unrenewedId = `P-CERT-${runId}-expired`;
    const res = await write(unrenewedId);
    expect(res.status === 0 || res.status >= 400).toBe(true);
  });

  test('renew --recover brings back a network whose certificates all expired', async () => {
    expect(await networkScript('renew', '--recover')).toContain('recovered every org');
    // The gateway restarted before its peers had valid certificates: its connection comes back
    // with gRPC's reconnection backoff, so the first writes may still fail.
    let res = await write(`P-CERT-${runId}-recovered`);
    for (let attempt = 1; attempt < 12 && res.status !== 201; attempt++) {
      await sleep(10_000);
      res = await write(`P-CERT-${runId}-recovered-${attempt}`);
    }
    expect(res.status).toBe(201);
    // The write refused while the certificates were expired never committed.
    const read = await gatewayAs('registry', 'clerk1')('GET', `/v1/parcels/${unrenewedId}`);
    expect(read.status).toBe(404);
    expect(soonest()).toBeGreaterThan(Date.now());
  });
});
