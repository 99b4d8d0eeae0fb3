import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import { merkleRoot, p256, readingLeafHash, testDevice, verifyMerkleProof, type Device, type TelemetryBatchInput } from '@city-ledger/domain';
import { chaincodeFailure, FakeLedgerClient } from '../testing';
import { TelemetryCollector } from './collector';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const meter = testDevice('MTR-1');
const T = (second: number) => `2026-05-01T11:59:${String(second).padStart(2, '0')}Z`;

function registered(id: string, publicKeyPem: string, overrides: Partial<Device> = {}): Device {
  const at = '2026-01-01T00:00:00Z';
  return { id, kind: 'METER', owner: 'CIT-7', location: 'Elm St 4', publicKeyPem, status: 'ACTIVE', keyVersion: 1, keys: [{ keyVersion: 1, publicKeyPem, activeFrom: at }], registeredBy: 'PublicWorks', registeredAt: at, updatedAt: at, ...overrides };
}

function setUp(devices: Record<string, Device> = { 'MTR-1': registered('MTR-1', meter.publicKeyPem) }, clock = { now: NOW }) {
  const ledger = new FakeLedgerClient();
  ledger.onEvaluate('getDevice', (call) => {
    const device = devices[call.args[0] as string];
    if (!device) throw chaincodeFailure(`NOT_FOUND: device ${call.args[0]} does not exist`);
    return device;
  });
  ledger.onSubmit('anchorBatch', (call) => JSON.parse(call.args[0] as string));
  const database = new DatabaseSync(':memory:');
  const collector = new TelemetryCollector({ database, ledger, logger: pino({ level: 'silent' }), orgName: 'PublicWorks', settings: { user: 'officer1', intervalMs: 1000 }, now: () => clock.now });
  return { ledger, collector, database, devices };
}

describe('telemetry collector', () => {
  it('accepts signed readings, refuses forged, replayed, unknown and future ones with the chaincode codes', async () => {
    const { collector, ledger } = setUp();
    const forged = meter.signed(3, T(3), { privateKey: p256().privateKey });
    const result = await collector.accept([
      meter.signed(1, T(1)),
      meter.signed(2, T(2)),
      forged,
      meter.signed(2, T(2)),
      testDevice('MTR-404').signed(1, T(1)),
      meter.signed(9, '2026-05-01T12:00:01Z'),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.refused.map((r) => [r.index, r.code])).toEqual([
      [2, 'FORBIDDEN'],
      [3, 'CONFLICT'],
      [4, 'NOT_FOUND'],
      [5, 'INVALID_ARGUMENT'],
    ]);
    // One registry lookup per device, as the collector's own officer.
    expect(ledger.calls.map((c) => [c.fn, c.args[0], c.principal.user])).toEqual([
      ['getDevice', 'MTR-1', 'officer1'],
      ['getDevice', 'MTR-404', 'officer1'],
    ]);
    expect((await collector.accept([meter.signed(2, T(2))])).refused[0]?.code).toBe('CONFLICT');
  });

  it('anchors the waiting readings as one batch, after which each has a proof against the anchored root', async () => {
    const { collector, ledger } = setUp();
    const readings = [1, 2, 3].map((seq) => meter.signed(seq, T(seq)));
    await collector.accept(readings);
    expect(() => collector.proof('MTR-1', 2)).toThrow('not anchored yet');
    const report = await collector.anchorNow();
    expect(report).toMatchObject({ count: 3, lagMs: 0 });
    const anchor = ledger.submits();
    expect(anchor.map((c) => [c.chaincode, c.contract, c.fn])).toEqual([['devices', 'telemetry', 'anchorBatch']]);
    const batch = JSON.parse(anchor[0]?.args[0] as string) as TelemetryBatchInput;
    expect(batch).toEqual({ id: report?.batchId, root: merkleRoot(readings.map(readingLeafHash)), count: 3, devices: [{ deviceId: 'MTR-1', count: 3, firstSeq: 1, lastSeq: 3, from: T(1), to: T(3) }] });
    const proof = collector.proof('MTR-1', 2);
    expect(proof).toMatchObject({ batchId: batch.id, root: batch.root, leafIndex: 1, leafCount: 3, signedReading: readings[1] });
    expect(verifyMerkleProof(readingLeafHash(proof.signedReading), proof.path, batch.root)).toBe(true);
    expect(() => collector.proof('MTR-1', 7)).toThrow('holds no reading MTR-1#7');
    expect(await collector.anchorNow()).toBeUndefined(); // nothing waits
    expect(ledger.submits()).toHaveLength(1);
  });

  it('submits a batch whose anchor failed again, unchanged, before forming a new one', async () => {
    const { collector, ledger } = setUp();
    await collector.accept([meter.signed(1, T(1))]);
    ledger.invalidateNext('anchorBatch', 'MVCC_READ_CONFLICT');
    expect(await collector.anchorNow()).toBeUndefined();
    await collector.accept([meter.signed(2, T(2))]);
    const report = await collector.anchorNow();
    const [first, second] = ledger.submits().map((c) => c.args[0]);
    expect(second).toBe(first);
    expect(report?.count).toBe(1);
    expect((await collector.anchorNow())?.count).toBe(1); // then the reading that came later
  });

  it('counts a batch the ledger already holds with the same root as anchored (a crash after the commit)', async () => {
    const { collector, ledger } = setUp();
    await collector.accept([meter.signed(1, T(1))]);
    let anchored: unknown;
    ledger.onSubmit('anchorBatch', (call) => {
      anchored = JSON.parse(call.args[0] as string);
      throw chaincodeFailure('CONFLICT: batch already exists', 'endorse');
    });
    ledger.onEvaluate('getBatch', () => anchored);
    expect(await collector.anchorNow()).toMatchObject({ count: 1 });
    expect(collector.proof('MTR-1', 1).anchor.txId).toContain('unknown');
  });

  it('asks the registry again for a key version it has not seen (a rotation), and sees a suspension after the cache time', async () => {
    const next = p256();
    const devices = { 'MTR-1': registered('MTR-1', meter.publicKeyPem) };
    const clock = { now: NOW };
    const { collector, ledger } = setUp(devices, clock);
    await collector.accept([meter.signed(1, T(1))]);
    clock.now += 1_000; // a missing key version is asked again at most once a second
    devices['MTR-1'] = registered('MTR-1', next.publicKeyPem, {
      keyVersion: 2,
      keys: [
        { keyVersion: 1, publicKeyPem: meter.publicKeyPem, activeFrom: '2026-01-01T00:00:00Z', retiredAt: T(5) },
        { keyVersion: 2, publicKeyPem: next.publicKeyPem, activeFrom: T(5) },
      ],
    });
    expect(await collector.accept([meter.signed(2, T(6), { keyVersion: 2, privateKey: next.privateKey })])).toEqual({ accepted: 1, refused: [] });
    expect(ledger.calls.filter((c) => c.fn === 'getDevice')).toHaveLength(2);
    devices['MTR-1'] = { ...devices['MTR-1'], status: 'SUSPENDED' };
    expect((await collector.accept([meter.signed(3, T(7), { keyVersion: 2, privateKey: next.privateKey })])).accepted).toBe(1); // cached
    clock.now += 30_000;
    expect((await collector.accept([meter.signed(4, T(8), { keyVersion: 2, privateKey: next.privateKey })])).refused[0]?.code).toBe('FAILED_PRECONDITION');
  });
});
