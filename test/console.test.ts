/**
 * The web console in a real browser (Debian's Chromium, driven by playwright-core) against the
 * real network and gateways: a citizen verifies a credential and reads a parcel and the budget
 * without signing in, a Registry clerk registers a parcel and sees it in the live feed, and the
 * Auditor finds that transaction in the ledger browser and runs the integrity audit from the
 * page. Every view is checked with axe-core (no serious or critical violation) and saved as a
 * screenshot into `.runtime/test-output/console/`.
 *
 * The browser trusts the gateways' certificates as any client given the org's TLS CA would;
 * it ignores certificate errors instead, since Chromium takes no CA file.
 */
import { Msp } from '@city-ledger/chaincode-common/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
  await page.getByLabel('API key').fill(apiKey(orgKey, user));
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
    await page.close();
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
    await checkAndShoot(page, 'network');
    await page.close();
  });

  test('the Auditor runs the integrity audit from the page: the ledger is intact', async () => {
    const page = await desktop.newPage();
    await signIn(page, 'auditor', 'auditor1');
    await page.goto(consoleUrl('auditor', '/audit'));
    await page.getByRole('button', { name: 'Run the integrity audit' }).click();
    await expectText(page.getByRole('status'), 'The ledger is intact');
    await checkAndShoot(page, 'audit');
    await page.close();
  });
});

/** Waits (Playwright's own polling, up to its timeout) until the locator's text contains `text`. */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  const match = locator.filter({ hasText: text }).first();
  await match.waitFor({ timeout: 120_000 });
  expect(await match.innerText()).toContain(text);
}
