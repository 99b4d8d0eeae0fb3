/**
 * Governance on the real network, through the gateways `up` started: one participatory
 * budgeting round with a few citizens (one replaces its ballot, one is not eligible, one votes
 * after close), the tally at close and the Auditor's recount from the ledger's history; an
 * overspend refused with nothing written; a council decision checked against its document.
 *
 * The round's window is real transaction time, so its closesAt lies a little ahead; the budget
 * and council tests run while it is open, and the last test waits until it has passed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditCli } from './support/audit';
import { gatewayAs, gatewayDir, type GatewayResponse } from './support/http';
import { openEvents, type EventStream } from './support/sse';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const clerk = gatewayAs('registry', 'clerk1');
const registrar = gatewayAs('registry', 'registrar1');
const auditor = gatewayAs('auditor', 'auditor1');

/** The chaincode's result of a committed write, after checking its status. */
function committed(res: GatewayResponse, status: number) {
  expect({ status: res.status, code: res.body?.code, detail: res.body?.detail }).toEqual({ status, code: undefined, detail: undefined });
  return res.body.result;
}

function refused(res: GatewayResponse, status: number, code: string) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
}

/** Long enough for a loaded machine to admit and take every ballot before it closes. */
const WINDOW_MS = 30_000;

describe('a participatory budgeting round', () => {
  const roundId = `PB-${run}`;
  const citizens = ['ada', 'bob', 'cy', 'dee'].map((name) => `CIT-${name}-${run}`);
  const [ada, bob, cy, dee] = citizens as [string, string, string, string];
  const projects = [
    { id: 'PARK', title: 'Pocket park', cost: 60_000, department: 'PublicWorks' },
    { id: 'BIKE', title: 'Bike lanes', cost: 50_000, department: 'PublicWorks' },
    { id: 'LIB', title: 'Library hours', cost: 30_000, department: 'Registry' },
  ];
  let closesAt: number;
  const receipts: Record<string, string> = {};
  let events: EventStream;

  beforeAll(async () => {
    events = await openEvents('auditor', 'auditor1', '/v1/events?chaincode=governance');
  });
  afterAll(() => events.close());

  const cast = (citizenId: string, choices: string[]) => clerk('POST', `/v1/budget-rounds/${roundId}/ballots`, { body: { citizenId, choices } });

  test('citizens are registered; all but one hold a residency credential', async () => {
    for (const id of citizens) {
      const person = { givenName: id, familyName: 'Voter', dateOfBirth: '1990-01-01', address: '1 Main St' };
      committed(await clerk('POST', '/v1/citizens', { body: { id, ...person } }), 201);
    }
    const schema = { id: 'https://schemas.city-ledger.example/credentials/residency', version: '1.0' };
    for (const subject of [ada, bob, cy]) {
      const credential = { id: `RES-${subject}`, type: 'residency', schema, subject, issuer: 'RegistryMSP', validFrom: '2026-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z', claims: {} };
      committed(await registrar('POST', '/v1/credentials', { body: credential }), 201);
    }
  });

  test('the clerk opens the round; the residents are admitted together, the one without a credential is not', async () => {
    closesAt = Date.now() + WINDOW_MS;
    const round = { id: roundId, title: `Budget ${run}`, budget: 100_000, projects, opensAt: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'), closesAt: new Date(closesAt).toISOString().replace(/\.\d+Z$/, 'Z'), eligibility: { credentialType: 'residency' } };
    closesAt = Date.parse(round.closesAt);
    expect(committed(await clerk('POST', '/v1/budget-rounds', { body: round }), 201)).toMatchObject({ id: roundId, status: 'OPEN' });
    refused(await clerk('POST', `/v1/budget-rounds/${roundId}/voters`, { body: { credentialIds: [`RES-${dee}`] } }), 404, 'NOT_FOUND');
    const admission = await clerk('POST', `/v1/budget-rounds/${roundId}/voters`, { body: { credentialIds: [ada, bob, cy].map((c) => `RES-${c}`) } });
    expect(committed(admission, 200)).toEqual({ roundId, admitted: 3 });
    refused(await clerk('POST', `/v1/budget-rounds/${roundId}/voters`, { body: { credentialIds: [`RES-${ada}`] } }), 409, 'CONFLICT');
  });

  test('residents vote; a second ballot replaces the first; the citizen without a credential is refused', async () => {
    for (const [who, choices, name] of [[ada, ['PARK'], 'ada-1'], [bob, ['PARK', 'LIB'], 'bob'], [cy, ['BIKE'], 'cy'], [ada, ['LIB'], 'ada-2']] as const) {
      const res = await cast(who, [...choices]);
      const result = committed(res, 200);
      expect(result).toMatchObject({ roundId, status: 'CAST', receipt: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // The ledger's answer names neither the citizen nor the choice.
      expect(res.text).not.toContain(who);
      expect(res.text).not.toMatch(/PARK|BIKE|LIB/);
      receipts[name] = result.receipt;
    }
    refused(await cast(dee, ['LIB']), 403, 'FORBIDDEN');
    refused(await cast(bob, ['PARK', 'BIKE']), 400, 'INVALID_ARGUMENT'); // over the budget
  });

  test('the Auditor reads the receipts: each counted ballot is CAST, the replaced one REPLACED', async () => {
    const status = async (name: string) => (await auditor('GET', `/v1/budget-rounds/${roundId}/receipts/${receipts[name]}`)).body.status;
    expect(await status('ada-1')).toBe('REPLACED');
    expect(await status('ada-2')).toBe('CAST');
  });

  describe('while it is open: the open budget and the council', () => {
    const appropriationId = `APP-${run}`;
    const contractId = `CON-${run}`;

    test('an appropriation, a contract and a payment; spent against budgeted', async () => {
      committed(await clerk('POST', '/v1/appropriations', { body: { id: appropriationId, department: 'PublicWorks', fiscalYear: 2026, amount: 1_000_000, purpose: `Roads ${run}` } }), 201);
      committed(await clerk('POST', '/v1/contracts', { body: { id: contractId, appropriationId, supplierId: 'SUP-1', amount: 600_000 } }), 201);
      committed(await clerk('POST', '/v1/payments', { body: { id: `PAY-${run}-1`, contractId, amount: 400_000 } }), 201);
      const summary = await auditor('GET', `/v1/budget-summaries/PublicWorks/2026`);
      expect(summary.body.appropriations).toContain(appropriationId);
    });

    test('an overspend is refused with CONFLICT and writes nothing', async () => {
      refused(await clerk('POST', '/v1/payments', { body: { id: `PAY-${run}-2`, contractId, amount: 200_001 } }), 409, 'CONFLICT');
      refused(await clerk('POST', '/v1/contracts', { body: { id: `CON-${run}-2`, appropriationId, supplierId: 'SUP-2', amount: 400_001 } }), 409, 'CONFLICT');
      refused(await clerk('POST', '/v1/contracts', { body: { id: contractId, appropriationId, supplierId: 'SUP-1', amount: 1 } }), 409, 'CONFLICT');
      expect((await auditor('GET', `/v1/contracts/${contractId}`)).body).toMatchObject({ amount: 600_000, paid: 400_000 });
      expect((await auditor('GET', `/v1/appropriations/${appropriationId}`)).body).toMatchObject({ committed: 600_000, spent: 400_000 });
      expect((await auditor('GET', `/v1/contracts/${contractId}/payments`)).body.map((p: { id: string }) => p.id)).toEqual([`PAY-${run}-1`]);
    });

    test('a council decision is verified against its document; a changed document is a mismatch, through the gateway and audit check-document', async () => {
      const document = Buffer.from(`Resolution ${run}: the council adopts the 2026 budget.\n`);
      const id = `DEC-${run}`;
      const decision = { id, motion: 'Adopt the 2026 budget', documentHash: createHash('sha256').update(document).digest('hex'), votes: [{ member: 'Councillor Ada', vote: 'YES' }, { member: 'Councillor Bob', vote: 'NO' }, { member: 'Councillor Cy', vote: 'YES' }] };
      expect(committed(await clerk('POST', '/v1/council-decisions', { body: decision }), 201)).toMatchObject({ outcome: 'ADOPTED', yes: 2, no: 1 });
      const check = (doc: Buffer) => auditor('POST', `/v1/council-decisions/${id}/document-check`, { body: { document: doc.toString('base64') } });
      const changed = Buffer.from(document.toString().replace('adopts', 'rejects'));
      expect((await check(document)).body.result).toBe('MATCH');
      expect((await check(changed)).body.result).toBe('MISMATCH');
      const file = path.join(tmpdir(), `decision-${run}.txt`);
      await writeFile(file, document);
      expect(await auditCli('check-document', 'decision', id, file)).toMatchObject({ code: 0, stdout: expect.stringContaining('"MATCH"') });
      await writeFile(file, changed);
      expect(await auditCli('check-document', 'decision', id, file)).toMatchObject({ code: 1, stdout: expect.stringContaining('"MISMATCH"') });
    });
  });

  test('after closesAt a ballot is refused; the clerk closes the round; the tally and the recount agree', async () => {
    // Wait for the window to pass (transaction time is this machine's clock).
    while (Date.now() <= closesAt + 1_000) await new Promise((resolve) => setTimeout(resolve, 1_000));
    refused(await cast(cy, ['LIB']), 422, 'FAILED_PRECONDITION');
    const closed = committed(await clerk('POST', `/v1/budget-rounds/${roundId}/close`), 200);
    // Ada's replacement counts, her first ballot does not: LIB 2, PARK 1, BIKE 1; LIB then BIKE (cheaper) fit 100,000.
    expect(closed).toMatchObject({ status: 'CLOSED', admitted: 3 });
    expect(closed.tally).toEqual({
      ballots: 3,
      approvals: [
        { projectId: 'PARK', approvals: 1 },
        { projectId: 'BIKE', approvals: 1 },
        { projectId: 'LIB', approvals: 2 },
      ],
      funded: ['LIB', 'BIKE'],
      fundedCost: 80_000,
    });
    for (const [name, status] of [['ada-1', 'REPLACED'], ['ada-2', 'COUNTED'], ['bob', 'COUNTED'], ['cy', 'COUNTED']]) {
      expect((await auditor('GET', `/v1/budget-rounds/${roundId}/receipts/${receipts[name as string]}`)).body.status).toBe(status);
    }
    const recount = await auditCli('recount', roundId);
    expect(recount.code).toBe(0);
    expect(JSON.parse(recount.stdout)).toMatchObject({ roundId, result: 'AGREES', versionsRead: 4, recounted: closed.tally });
    // The public round names no citizen.
    const round = await auditor('GET', `/v1/budget-rounds/${roundId}`);
    for (const id of citizens) expect(round.text).not.toContain(id);
  });

  test("the Auditor's event stream carries the round's events, naming no citizen", async () => {
    const ofRound = (name: string) => (e: { data: { eventName: string; payload: unknown } }) => e.data.eventName === name && (e.data.payload as { roundId?: string }).roundId === roundId;
    await events.waitFor(ofRound('budget.round.closed'));
    expect(events.events.filter(ofRound('budget.ballot.cast'))).toHaveLength(4);
    expect(events.events.filter(ofRound('budget.voters.admitted'))).toHaveLength(1);
    for (const event of events.events) for (const id of citizens) expect(event.raw).not.toContain(id);
  });

  test('the nullifier key stays in the Registry gateway folder, readable by its owner only', async () => {
    const file = path.join(gatewayDir('registry'), 'nullifier.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});
