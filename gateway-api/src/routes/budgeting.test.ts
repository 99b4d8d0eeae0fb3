import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { sha256Hex } from '@city-ledger/domain';
import { chaincodeFailure, KEYS, testApp } from '../testing';
import { NullifierKey } from '../calls/nullifiers';
import { ConfigError } from '../configError';
import { RESOURCES } from '.';
import { budgetingResource } from './budgeting';

const KEY = NullifierKey.of(Buffer.alloc(32, 1));
const ROUND = {
  id: 'PB-1',
  title: 'Neighbourhood budget',
  budget: 100_000,
  projects: [{ id: 'PARK', title: 'Pocket park', cost: 60_000, department: 'PublicWorks' }],
  opensAt: '2026-01-01T00:00:00Z',
  closesAt: '2026-02-01T00:00:00Z',
  eligibility: { credentialType: 'residency' },
};

function app(settings = {}) {
  return testApp(settings, { resources: [...RESOURCES, budgetingResource({ nullifiers: KEY })] });
}

describe('budgeting routes', () => {
  it('opens a round and answers its Location', async () => {
    const { app: server, ledger } = app();
    ledger.onSubmit('openRound', () => ({ ...ROUND, status: 'OPEN' }));
    const res = await request(server).post('/v1/budget-rounds').set(KEYS.clerk).send(ROUND).expect(201);
    expect(res.headers.location).toBe('/v1/budget-rounds/PB-1');
    expect(ledger.submits()[0]).toMatchObject({ chaincode: 'governance', contract: 'budgeting', fn: 'openRound', args: [JSON.stringify(ROUND)] });
  });

  it('admits credential holders with nullifiers from the department key, as transient data endorsed by this department only', async () => {
    const { app: server, ledger } = app();
    ledger.onEvaluate('getCredential', ({ args }) => ({ id: args[0], subject: `CIT-${args[0]}` })).onSubmit('admitVoters', () => ({ roundId: 'PB-1', admitted: 2 }));
    await request(server).post('/v1/budget-rounds/PB-1/voters').set(KEYS.registrar).send({ credentialIds: ['CRED-A', 'CRED-B'] }).expect(200);
    const call = ledger.submits()[0];
    expect(call).toMatchObject({ fn: 'admitVoters', args: ['PB-1'], options: { endorsingOrganizations: ['RegistryMSP'] } });
    expect(JSON.parse(call?.options?.transient?.admission ?? '{}')).toEqual({
      voters: [
        { credentialId: 'CRED-A', nullifier: KEY.nullifier('PB-1', 'CIT-CRED-A') },
        { credentialId: 'CRED-B', nullifier: KEY.nullifier('PB-1', 'CIT-CRED-B') },
      ],
    });
  });

  it('casts a ballot under the nullifier, never sending the citizen, and hands the voter a receipt whose hash only the ledger keeps', async () => {
    const { app: server, ledger } = app();
    ledger.onSubmit('castBallot', ({ args }) => ({ roundId: 'PB-1', receiptHash: (JSON.parse(args[1] as string) as { receiptHash: string }).receiptHash, status: 'CAST', castAt: '2026-01-02T00:00:00.000Z' }));
    const res = await request(server).post('/v1/budget-rounds/PB-1/ballots').set(KEYS.clerk).send({ citizenId: 'CIT-7', choices: ['PARK'] }).expect(200);
    const call = ledger.submits()[0];
    expect(JSON.stringify(call)).not.toContain('CIT-7');
    const ballot = JSON.parse(call?.args[1] ?? '{}') as Record<string, unknown>;
    expect(ballot).toEqual({ nullifier: KEY.nullifier('PB-1', 'CIT-7'), choices: ['PARK'], receiptHash: sha256Hex(res.body.result.receipt) });
    expect(JSON.stringify(call)).not.toContain(res.body.result.receipt);
    expect(res.body.result).toMatchObject({ status: 'CAST', receipt: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The same citizen in another round gets another nullifier; another key another still.
    expect(KEY.nullifier('PB-2', 'CIT-7')).not.toBe(ballot['nullifier']);
    expect(NullifierKey.of(Buffer.alloc(32, 2)).nullifier('PB-1', 'CIT-7')).not.toBe(ballot['nullifier']);
  });

  it('checks a receipt by its hash and closes a round', async () => {
    const { app: server, ledger } = app();
    const receipt = 'ab'.repeat(32);
    ledger.onEvaluate('checkReceipt', ({ args }) => ({ roundId: 'PB-1', receiptHash: args[1], status: 'COUNTED', castAt: '2026-01-02T00:00:00.000Z' })).onSubmit('closeRound', () => ({ ...ROUND, status: 'CLOSED' }));
    const res = await request(server).get(`/v1/budget-rounds/PB-1/receipts/${receipt}`).set(KEYS.auditor).expect(200);
    expect(res.body.status).toBe('COUNTED');
    await request(server).post('/v1/budget-rounds/PB-1/close').set(KEYS.registrar).expect(200);
    expect(ledger.calls.map((c) => [c.fn, c.args])).toEqual([
      ['checkReceipt', ['PB-1', sha256Hex(receipt)]],
      ['closeRound', ['PB-1']],
    ]);
  });

  it('maps a voter who was not admitted to 403 and a closed window to 422', async () => {
    const { app: server, ledger } = app();
    ledger.failWith('castBallot', chaincodeFailure('FORBIDDEN: the nullifier is not admitted to round PB-1', 'endorse'));
    const res = await request(server).post('/v1/budget-rounds/PB-1/ballots').set(KEYS.clerk).send({ citizenId: 'CIT-9', choices: [] }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const late = app();
    late.ledger.failWith('castBallot', chaincodeFailure('FAILED_PRECONDITION: round PB-1 accepts ballots until ...', 'endorse'));
    await request(late.app).post('/v1/budget-rounds/PB-1/ballots').set(KEYS.clerk).send({ citizenId: 'CIT-9', choices: [] }).expect(422);
  });

  it('refuses bad input and unauthorised callers before the ledger, and every write on a read-only gateway', async () => {
    const { app: server, ledger } = app();
    await request(server).post('/v1/budget-rounds/PB-1/ballots').set(KEYS.clerk).send({ citizenId: 'CIT 9', choices: [] }).expect(400);
    await request(server).post('/v1/budget-rounds/PB-1/voters').set(KEYS.clerk).send({ credentialIds: [] }).expect(400);
    await request(server).get('/v1/budget-rounds/PB-1/receipts/nothex').set(KEYS.clerk).expect(400);
    await request(server).post('/v1/budget-rounds').set(KEYS.inspector).send(ROUND).expect(403);
    await request(server).post('/v1/budget-rounds/PB-1/ballots').set(KEYS.inspector).send({ citizenId: 'CIT-9', choices: [] }).expect(403);
    const readOnly = app({ readOnly: true, mspId: 'AuditorMSP' });
    const res = await request(readOnly.app).post('/v1/budget-rounds/PB-1/close').set(KEYS.auditor).expect(403);
    expect(res.body.code).toBe('READ_ONLY');
    expect([...ledger.calls, ...readOnly.ledger.calls]).toHaveLength(0);
  });
});

describe('NullifierKey.loadOrCreate', () => {
  it('creates a 0600 key on first start, reads the same key after, and refuses a file others may read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nullifier-'));
    const file = path.join(dir, 'nullifier.key');
    const first = NullifierKey.loadOrCreate(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(NullifierKey.loadOrCreate(file).nullifier('R', 'C')).toBe(first.nullifier('R', 'C'));
    chmodSync(file, 0o644);
    expect(() => NullifierKey.loadOrCreate(file)).toThrow(ConfigError);
    writeFileSync(path.join(dir, 'short.key'), 'abcd\n', { mode: 0o600 });
    expect(() => NullifierKey.loadOrCreate(path.join(dir, 'short.key'))).toThrow(/at least 32 bytes/);
    expect(() => NullifierKey.loadOrCreate(path.join(dir, 'missing', 'x.key'))).toThrow(ConfigError);
  });
});
