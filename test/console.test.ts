/**
 * The web console in a real browser (Debian's Chromium, driven by playwright-core) against the
 * real network and gateways: a citizen verifies a credential and reads a parcel and the budget
 * without signing in, a Registry clerk registers a parcel and sees it in the live feed, offers a
 * shipment's custody that a Public Works officer accepts, a registrar rejects a permit, a clerk
 * signs in with a JWT from the identity provider, and the Auditor finds that transaction in the
 * ledger browser, reads the certificates' expiry and runs the integrity audit from the page,
 * following its progress. Every view is checked with axe-core (no serious or critical violation) and saved as a
 * screenshot into `.runtime/test-output/console/`.
 *
 * The browser trusts the gateways' certificates as any client given the org's TLS CA would;
 * it ignores certificate errors instead, since Chromium takes no CA file.
 */
import { Msp } from '@city-ledger/chaincode-common/testing';
import { connectPeers, createApp, FabricLedgerClient, FileKeystore, JwtAuthenticator, loadConfig, openDatabase, WritePipeline } from '@city-ledger/gateway-api';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiKey, gatewayAs } from './support/http';
import { networkEnv, org } from './support/network';

const CHROMIUM = process.env.CITY_LEDGER_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(networkEnv().RUNTIME_DIR, 'test-output', 'console');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const consoleUrl = (orgKey: string, page: string) => `https://localhost:${org(orgKey).gatewayPort}/console/#${page}`;

let browser: Browser;
let phone: BrowserContext;
let desktop: BrowserContext;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  phone = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  desktop = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
});

/** axe-core on the page as it stands: no serious or critical violation; then a screenshot. */
async function checkAndShoot(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE);
  // Runs in the page: `axe` is the global the script above defined; the test's lib has no DOM types.
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (options: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, orgKey: string, user: string): Promise<void> {
  await page.goto(consoleUrl(orgKey, '/sign-in'));
  await page.getByLabel('API key', { exact: true }).fill(apiKey(orgKey, user));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account' }).waitFor();
}

describe('a credential, issued by a registrar and verified by a citizen (no sign-in, phone layout)', () => {
  const citizenId = `CIT-C-${run}`;
  const credential = {
    id: `CRED-C-${run}`,
    type: 'residency',
    schema: { id: 'https://schemas.city-ledger.example/credentials/residency', version: '1.0' },
    subject: citizenId,
    issuer: Msp.Registry,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    claims: { district: `North-${run}` },
  };

  beforeAll(async () => {
    const clerk = gatewayAs('registry', 'clerk1');
    // Something to chart: an appropriation, a contract and a payment for Public Works in 2026 (a Registry clerk records them, as in governance.test.ts).
    const works = clerk;
    const appropriationId = `APP-C-${run}`;
    expect((await works('POST', '/v1/appropriations', { body: { id: appropriationId, department: 'PublicWorks', fiscalYear: 2026, amount: 1_000_000, purpose: `Parks ${run}` } })).status).toBe(201);
    expect((await works('POST', '/v1/contracts', { body: { id: `CON-C-${run}`, appropriationId, supplierId: 'SUP-1', amount: 600_000 } })).status).toBe(201);
    expect((await works('POST', '/v1/payments', { body: { id: `PAY-C-${run}`, contractId: `CON-C-${run}`, amount: 250_000 } })).status).toBe(201);
    expect((await clerk('POST', '/v1/citizens', { body: { id: citizenId, givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', address: '12 Analytical Way' } })).status).toBe(201);
  });

  test('a Registry registrar issues the credential from the form, and gets the document to hand over', async () => {
    const page = await desktop.newPage();
    await signIn(page, 'registry', 'registrar1');
    await page.goto(consoleUrl('registry', '/credentials'));
    await page.getByLabel('Credential ID', { exact: true }).fill(credential.id);
    await page.getByLabel('Type').selectOption(credential.type);
    await page.getByLabel('Schema ID (URI)').fill(credential.schema.id);
    await page.getByLabel('Schema version').fill(credential.schema.version);
    await page.getByLabel("Subject's citizen pseudonym").fill(credential.subject);
    await page.getByLabel('Valid from (UTC, 2026-01-01T00:00:00Z)').fill(credential.validFrom);
    await page.getByLabel('Valid until (UTC)').fill('2030-01-01');
    await page.getByLabel('Claims (a JSON object)').fill(JSON.stringify(credential.claims));
    // The domain's schema refuses a date that is not a full UTC timestamp, before any request.
    await page.getByRole('button', { name: 'Issue' }).click();
    await expectText(page.getByRole('alert'), 'credential.validUntil');
    await page.getByLabel('Valid until (UTC)').fill(credential.validUntil);
    await page.getByRole('button', { name: 'Issue' }).click();
    const issued = page.locator('pre.document');
    await issued.waitFor({ timeout: 120_000 });
    expect(JSON.parse(await issued.innerText())).toEqual(credential);
    await checkAndShoot(page, 'credentials');
    await page.close();
  });

  test('the console is served under a strict Content-Security-Policy', async () => {
    const res = await gatewayAs('registry')('GET', '/console/');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  test('verifies a presented credential: VALID, and TAMPERED once a claim is changed', async () => {
    const page = await phone.newPage();
    await page.goto(consoleUrl('registry', '/verify'));
    await page.getByLabel('Credential (JSON)').fill(JSON.stringify(credential));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectText(page.getByRole('status'), 'VALID');
    await checkAndShoot(page, 'verify-valid');

    await page.getByLabel('Credential (JSON)').fill(JSON.stringify({ ...credential, claims: { district: 'South' } }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectText(page.getByRole('status'), 'TAMPERED');

    await page.getByLabel('Credential (JSON)').fill('{"id":');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectText(page.getByRole('alert'), 'MALFORMED_JSON');
    await page.close();
  });

  test('an unknown parcel shows the problem+json message, not a blank page', async () => {
    const page = await phone.newPage();
    await page.goto(consoleUrl('registry', '/parcels'));
    await page.getByLabel('Parcel ID').fill(`NOPE-${run}`);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expectText(page.getByRole('alert').first(), 'NOT_FOUND');
    await checkAndShoot(page, 'parcel-not-found');
    await page.close();
  });
});

describe('the console as a Registry clerk, then as the Auditor', () => {
  const parcelId = `P-C-${run}`;
  let txId: string;

  test('a clerk registers a parcel from the form and sees it in the live feed', async () => {
    const feed = await desktop.newPage();
    await signIn(feed, 'registry', 'clerk1');
    await feed.goto(consoleUrl('registry', '/feed'));
    await expectText(feed.locator('.stream-state'), 'live');

    const form = await desktop.newPage();
    await signIn(form, 'registry', 'clerk1');
    await form.goto(consoleUrl('registry', '/register-parcel'));
    // The domain's schema refuses a zero area in the browser, before any request.
    await form.getByLabel('Parcel ID').fill(parcelId);
    await form.getByLabel("Title holder's citizen pseudonym").fill(`CIT-${run}`);
    await form.getByLabel('Location').fill('Lot 4, Block 7');
    await form.getByLabel('Area (m²)').fill('0');
    await form.getByLabel("Owner's name").fill('Ada Lovelace');
    await form.getByLabel("Owner's postal address").fill('1 Analytical Way');
    await form.getByRole('button', { name: 'Register' }).click();
    await expectText(form.getByRole('alert'), 'parcel.areaM2');
    await form.getByLabel('Area (m²)').fill('500');
    await form.getByRole('button', { name: 'Register' }).click();
    const done = form.getByRole('status');
    await expectText(done, `Parcel ${parcelId} registered`);
    txId = (await done.locator('code').innerText()).trim();
    expect(txId).toMatch(/^[0-9a-f]{64}$/);
    await checkAndShoot(form, 'register-parcel');

    await expectText(feed.locator('.feed'), txId);
    await checkAndShoot(feed, 'feed');
    await feed.close();
    await form.close();
  });

  test('a registrar moves a permit into review from the permits list', async () => {
    // Sorts first among APPLIED permits (the list is by ID), so it is on the first page.
    const permitId = `0-PERMIT-C-${run}`;
    const clerk = gatewayAs('registry', 'clerk1');
    const applied = await clerk('POST', '/v1/permits', { body: { id: permitId, kind: 'BUILDING', applicantId: `CIT-${run}`, description: 'Garden shed', applicant: { name: 'Bob Builder' } } });
    expect(applied.status).toBe(201);
    const page = await desktop.newPage();
    await signIn(page, 'registry', 'registrar1');
    await page.goto(consoleUrl('registry', '/permits'));
    await expectText(page.locator('ul.permits'), permitId);
    await checkAndShoot(page, 'permits');
    await page.getByRole('button', { name: `Start review: permit ${permitId}` }).click();
    await page.getByRole('button', { name: `Start review: permit ${permitId}` }).waitFor({ state: 'detached', timeout: 120_000 });
    expect((await clerk('GET', `/v1/permits/${permitId}`)).body.status).toBe('UNDER_REVIEW');

    // Under review, it can be rejected with a public reason; the domain's PermitRejection refuses none.
    await page.getByLabel('Status').selectOption('UNDER_REVIEW');
    const reject = page.getByRole('form', { name: `Reject permit ${permitId}` });
    await reject.getByRole('button', { name: 'Reject' }).click();
    await expectText(page.getByRole('alert'), 'rejection.reason');
    await reject.getByLabel(`Public reason for rejecting permit ${permitId}`).fill('The shed would stand on the drainage easement');
    await checkAndShoot(page, 'permit-reject');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await reject.waitFor({ state: 'detached', timeout: 120_000 });
    expect((await clerk('GET', `/v1/permits/${permitId}`)).body).toMatchObject({ status: 'REJECTED', rejectionReason: 'The shed would stand on the drainage easement' });
    await page.close();
  });

  test('a Registry clerk offers a shipment\'s custody from the form, and a Public Works officer accepts it', async () => {
    const shipmentId = `SH-C-${run}`;
    const created = await gatewayAs('registry', 'clerk1')('POST', '/v1/shipments', { body: { id: shipmentId, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 12, uom: 'EA' }] } });
    expect(created.status).toBe(201);

    const clerk = await desktop.newPage();
    await signIn(clerk, 'registry', 'clerk1');
    await clerk.goto(consoleUrl('registry', '/shipments'));
    await clerk.getByLabel('Shipment ID').fill(shipmentId);
    await clerk.getByRole('button', { name: 'Look up' }).click();
    await clerk.getByLabel('Receiving department').selectOption(Msp.PublicWorks);
    await checkAndShoot(clerk, 'shipment-offer');
    await clerk.getByRole('button', { name: 'Offer custody' }).click();
    await expectText(clerk.getByRole('status'), `Shipment ${shipmentId} is OFFERED, held by ${Msp.Registry}`);
    await clerk.close();

    const officer = await desktop.newPage();
    await signIn(officer, 'publicworks', 'officer1');
    await officer.goto(consoleUrl('publicworks', '/shipments'));
    await officer.getByLabel('Shipment ID').fill(shipmentId);
    await officer.getByRole('button', { name: 'Look up' }).click();
    // The domain's EventContextInput refuses a place that is no SGLN URN, before any request.
    await officer.getByLabel('Where accepted (SGLN URN, optional)').fill('the depot');
    await officer.getByRole('button', { name: 'Accept custody' }).click();
    await expectText(officer.getByRole('alert'), 'context.bizLocation');
    await officer.getByLabel('Where accepted (SGLN URN, optional)').fill('urn:epc:id:sgln:0614141.00777.0');
    await officer.getByRole('button', { name: 'Accept custody' }).click();
    await expectText(officer.getByRole('status'), `Shipment ${shipmentId} is ACTIVE, held by ${Msp.PublicWorks}`);
    await checkAndShoot(officer, 'shipment-accepted');
    expect((await gatewayAs('registry', 'clerk1')('GET', `/v1/shipments/${shipmentId}`)).body).toMatchObject({ custodian: Msp.PublicWorks, bizLocation: 'urn:epc:id:sgln:0614141.00777.0' });
    await officer.close();
  });

  test('the citizen reads the parcel\'s public record and its history as a timeline', async () => {
    const page = await phone.newPage();
    await page.goto(consoleUrl('registry', '/parcels'));
    await page.getByLabel('Parcel ID').fill(parcelId);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expectText(page.locator('.timeline'), txId);
    expect(await page.content()).not.toContain('Ada Lovelace');
    await checkAndShoot(page, 'parcel');

    await page.goto(consoleUrl('registry', '/budget'));
    await page.getByLabel('Department').fill('PublicWorks');
    await page.getByLabel('Fiscal year').fill('2026');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expectText(page.locator('.chart'), 'Spent');
    await checkAndShoot(page, 'budget');
    await page.close();
  });

  test('the Auditor finds the transaction in the ledger browser: creator, endorser, function, keys', async () => {
    const page = await desktop.newPage();
    await signIn(page, 'auditor', 'auditor1');
    await page.goto(consoleUrl('auditor', '/ledger'));
    await expectText(page.locator('main'), 'The hash chain holds on this page.');
    await page.getByLabel('Transaction ID').fill(txId);
    await page.getByRole('button', { name: 'Find' }).click();
    const tx = page.getByRole('article', { name: `Transaction ${txId}` });
    await expectText(tx, 'VALID');
    const text = await tx.innerText();
    expect(text).toContain(`${Msp.Registry} (clerk)`);
    expect(text).toContain('registerParcel');
    expect(text).toContain('parcel.registered');
    expect(text).toContain(parcelId);
    expect(text).not.toContain('Ada Lovelace');
    await checkAndShoot(page, 'ledger');

    await page.goto(consoleUrl('auditor', '/network'));
    // Definitions from the _lifecycle transactions, with every org's approval; orgs from the config in force.
    await expectText(page.getByRole('table', { name: 'Chaincode definitions committed on the channel' }), 'records');
    expect(await page.getByRole('row', { name: /^records / }).innerText()).toContain(`${Msp.Registry} ✓`);
    await expectText(page.getByRole('table', { name: 'Application orgs' }), 'AuditorMSP');
    await expectText(page.locator('ol.timeline'), '(genesis)');
    // Certificates, soonest first: the config's CAs and consenters, and the Auditor's own peer's TLS certificate from a handshake.
    const certificates = page.getByRole('table', { name: /^Certificates, soonest expiry first/ });
    await expectText(certificates, 'consenter TLS (server)');
    const expiries = await certificates.locator('tbody time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
    expect(expiries).toEqual([...expiries].sort());
    const certificateRows = (await gatewayAs('auditor', 'auditor1')('GET', '/v1/network/certificates')).body as { certificates: { role: string; holder: string }[]; unread: unknown[] };
    expect(certificateRows.certificates.filter((c) => c.role === 'peer TLS (server)').map((c) => c.holder)).toEqual(org('auditor').peers.map((p) => expect.stringContaining(p.name)));
    expect(certificateRows.unread).toEqual([]);
    await checkAndShoot(page, 'network');
    await page.close();
  });

  test('the Auditor runs the integrity audit from the page: the ledger is intact', async () => {
    const page = await desktop.newPage();
    await signIn(page, 'auditor', 'auditor1');
    await page.goto(consoleUrl('auditor', '/audit'));
    await page.getByRole('button', { name: 'Run the integrity audit' }).click();
    // The page follows the gateway's walk: a progress bar labelled with blocks checked of how many.
    const progress = page.getByRole('progressbar');
    await progress.waitFor({ timeout: 120_000 });
    await expectText(page.getByRole('status'), 'The ledger is intact');
    // The verdict's first figure is the blocks checked.
    const checked = await page.getByRole('status').locator('dd').first().innerText();
    expect(await page.locator('label[for=audit-progress]').innerText()).toBe(`${checked} of ${checked} blocks checked`);
    expect(await progress.getAttribute('value')).toBe(checked);
    await checkAndShoot(page, 'audit');
    await page.close();
  });
});

describe('signing in with a JWT from the city\'s identity provider', () => {
  // The Registry's gateway as main.ts builds it, over the real peers, with JWT authentication on
  // (HS256; the running network's gateways have none configured), serving the built console.
  const ISSUER = 'https://idp.city.example';
  const AUDIENCE = 'city-ledger-registry';
  const SECRET = randomBytes(32);
  const config = loadConfig({ CITY_GATEWAY_ORG: 'registry', CITY_LEDGER_RUNTIME: networkEnv().RUNTIME_DIR, CITY_LEDGER_ORGS: networkEnv().ORGS_DIR });
  const logger = pino({ level: process.env.CONSOLE_TEST_LOG ?? 'silent' });
  let dir: string;
  let server: Server;
  let ledger: FabricLedgerClient;
  let stop: () => Promise<void>;
  let origin: string;

  /** An HS256 token as the identity provider signs one (header.payload.signature, base64url). */
  function token(claims: Record<string, unknown>): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`;
    return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'console-jwt-'));
    const peers = connectPeers(config.peers, readFileSync(config.tlsCaFile));
    const identities = new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) });
    ledger = new FabricLedgerClient({ channel: config.channel, peers, identities, deadlines: config.deadlines, probeUser: config.probeUser, logger });
    const database = openDatabase(path.join(dir, 'gateway.db'));
    const submitter = new WritePipeline({ database, ledger, settings: config.submit, logger });
    const subjects = new Map([['permit-portal', { principal: 'permit-portal', user: 'clerk1', roles: ['clerk'] }]]);
    const app = createApp({
      settings: { readOnly: false, bodyLimitBytes: config.bodyLimitBytes, orgName: config.org.name, mspId: config.org.mspId, channel: config.channel, consoleDir: config.consoleDir },
      ledger,
      authenticators: [new JwtAuthenticator({ issuer: ISSUER, audience: AUDIENCE, hs256Secret: SECRET, subjects })],
      submitter,
      logger,
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = async () => {
      await submitter.close();
      database.close();
      await ledger.close();
      for (const peer of peers) peer.client.close();
    };
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a token the gateway refuses shows its problem; a good one signs the clerk in, and the staff pages read with it', async () => {
    const page = await desktop.newPage();
    await page.goto(`${origin}/console/#/sign-in`);
    await page.getByLabel('Sign in with').selectOption({ label: 'Token (JWT)' });
    await page.getByLabel('Token (JWT)', { exact: true }).fill(token({ sub: 'permit-portal', aud: 'another-gateway' }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), 'INVALID_TOKEN');
    await checkAndShoot(page, 'sign-in-jwt');

    await page.getByLabel('Token (JWT)', { exact: true }).fill(token({ sub: 'permit-portal' }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Account' }).waitFor();
    // A permit to list (it sorts first among APPLIED ones), read through the chaincode with the token.
    const permitId = `0-PERMIT-J-${run}`;
    expect((await gatewayAs('registry', 'clerk1')('POST', '/v1/permits', { body: { id: permitId, kind: 'SIGNAGE', applicantId: `CIT-J-${run}`, description: 'Shop sign', applicant: { name: 'Carol Sign' } } })).status).toBe(201);
    await page.goto(`${origin}/console/#/permits`);
    await page.locator('ul.permits, [role=alert]').first().waitFor({ timeout: 120_000 });
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
    await expectText(page.locator('ul.permits'), permitId);
    await page.goto(`${origin}/console/#/sign-in`);
    await expectText(page.locator('main'), 'As permit-portal of RegistryMSP (clerk), with a token from the identity provider');
    await page.close();
  });
});

/** Waits (Playwright's own polling, up to its timeout) until the locator's text contains `text`. */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  const match = locator.filter({ hasText: text }).first();
  await match.waitFor({ timeout: 120_000 });
  expect(await match.innerText()).toContain(text);
}
