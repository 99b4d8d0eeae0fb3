import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { certificateInventory, RuntimeLayout, type CertificateEntry } from '@city-ledger/network';
import { parcelWrite } from './support/faults/writeLoad';
import { gatewayAs, type GatewayResponse } from './support/http';
import { allPeers, consortium, layout, networkScript, peerHeight, REPO_DIR } from './support/network';

/**
 * The certificates' lifetime in this test's runtime, in minutes. Every certificate `up` issued
 * must still be valid when the round of `renew` after it ends: longer than `up` and one round
 * over every org (one and two minutes on a quiet two-core machine; raise it on a slower one).
 */
const LIFETIME_MIN = Number(process.env.CITY_LEDGER_CERT_TEST_LIFETIME_MIN ?? '4');
/** How long after a certificate's expiry the test writes: Fabric CA counts the expiry in whole seconds. */
const PAST_EXPIRY_MS = 15_000;
const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (when: number) => sleep(Math.max(0, when - Date.now()));

jest.setTimeout(1_800_000);

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

/** Every peer's height, once they all agree (a minute at most: the gateway answers once its own peer committed). */
async function agreedHeight(): Promise<number> {
  let heights: number[] = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    heights = await Promise.all(allPeers().map(([o, p]) => peerHeight(o, p)));
    if (new Set(heights).size === 1) return heights[0] ?? 0;
    await sleep(2_000);
  }
  throw new Error(`the peers disagree on the height: ${heights.join(', ')}`);
}

/**
 * Certificates that expire (issue 17), after Fabric's integration/raft/cft_test.go, in a runtime
 * of its own whose CAs sign certificates of a few minutes (CITY_LEDGER_CERT_LIFETIME) from `up`
 * on: renewed before they expire, the network commits across the expiry; left to expire, it
 * stops committing; `renew --recover` brings it back. The shared network is stopped meanwhile
 * (same ports) and brought back afterwards. The time each org's renew took goes to
 * `<shared runtime>/bench/renew.json`.
 */
describe('certificates that expire', () => {
  const runtime = mkdtempSync(path.join(os.tmpdir(), 'city-certs-'));
  const shared = new RuntimeLayout(process.env.CITY_LEDGER_RUNTIME ?? path.join(REPO_DIR, '.runtime'));
  const sharedRuntime = process.env.CITY_LEDGER_RUNTIME;
  const renewSeconds: Record<string, number> = {};
  let recoverSeconds: number | undefined;

  /** Renews every org at once, as each department's operator would on its own host. */
  async function renewEveryOrg(): Promise<void> {
    await Promise.all(
      consortium().orgs.map(async ({ key }) => {
        const started = Date.now();
        await networkScript('renew', '--org', key, '--within', '36500d');
        renewSeconds[key] = Math.round((Date.now() - started) / 1000);
      }),
    );
  }

  beforeAll(async () => {
    await networkScript('down');
    process.env.CITY_LEDGER_RUNTIME = runtime;
    process.env.CITY_LEDGER_CERT_LIFETIME = `${LIFETIME_MIN}m`;
    await networkScript('up');
  }, 900_000);

  afterAll(async () => {
    delete process.env.CITY_LEDGER_CERT_LIFETIME;
    await networkScript('down').catch(() => undefined);
    const keptLogs = path.join(shared.logsDir(), 'certificates');
    rmSync(keptLogs, { recursive: true, force: true });
    cpSync(new RuntimeLayout(runtime).logsDir(), keptLogs, { recursive: true });
    await networkScript('clean').catch(() => undefined);
    rmSync(runtime, { recursive: true, force: true });
    if (sharedRuntime === undefined) delete process.env.CITY_LEDGER_RUNTIME;
    else process.env.CITY_LEDGER_RUNTIME = sharedRuntime;
    mkdirSync(shared.benchDir(), { recursive: true });
    writeFileSync(
      path.join(shared.benchDir(), 'renew.json'),
      `${JSON.stringify({ lifetimeMinutes: LIFETIME_MIN, renewSecondsPerOrg: renewSeconds, recoverSeconds, at: new Date().toISOString() }, null, 2)}\n`,
    );
    await networkScript('up');
  }, 900_000);

  test('certificates renewed before they expire: the network commits across the expiry', async () => {
    const issuedByUp = latest();
    const firstExpiry = soonest();
    // Fabric CA starts a certificate at the nearest whole minute: renewed in the same minute as
    // the last certificate up issued, one would expire with it. Renewed once that minute's
    // rounding is past, every new one outlives every old one by a minute at least.
    await sleepUntil(issuedByUp - LIFETIME_MIN * 60_000 + 31_000);
    await renewEveryOrg();
    if (Date.now() >= firstExpiry) {
      throw new Error(`up and a round of renew took longer than the certificates' ${LIFETIME_MIN} minutes: raise CITY_LEDGER_CERT_TEST_LIFETIME_MIN`);
    }
    // Every renewable certificate was replaced: the soonest now outlives the last one up issued.
    expect(soonest()).toBeGreaterThan(issuedByUp);
    await sleepUntil(issuedByUp + PAST_EXPIRY_MS);
    const res = await write(`P-CERT-${runId}-renewed`);
    expect({ status: res.status, text: res.text }).toMatchObject({ status: 201 });
    await agreedHeight();
  });

  let unrenewedId = '';
  test('certificates left to expire: the network stops committing', async () => {
    await sleepUntil(latest() + PAST_EXPIRY_MS);
    unrenewedId = `P-CERT-${runId}-expired`;
    const res = await write(unrenewedId);
    expect(res.status === 0 || res.status >= 400).toBe(true);
  });

  test('renew --recover brings back a network whose certificates all expired', async () => {
    const started = Date.now();
    expect(await networkScript('renew', '--recover')).toContain('recovered every org');
    recoverSeconds = Math.round((Date.now() - started) / 1000);
    // The gateway restarted before its peers had valid certificates: its connection comes back
    // with gRPC's reconnection backoff, so the first writes may still fail.
    let res = await write(`P-CERT-${runId}-recovered`);
    for (let attempt = 1; attempt < 12 && res.status !== 201; attempt++) {
      await sleep(5_000);
      res = await write(`P-CERT-${runId}-recovered-${attempt}`);
    }
    expect({ status: res.status, text: res.text }).toMatchObject({ status: 201 });
    // The write refused while the certificates were expired never committed.
    const read = await gatewayAs('registry', 'clerk1')('GET', `/v1/parcels/${unrenewedId}`);
    expect(read.status).toBe(404);
    expect(soonest()).toBeGreaterThan(Date.now());
    await agreedHeight();
  });
});
