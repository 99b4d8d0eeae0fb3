import { auditor, FakeLedger, healthOfficer, publicWorksClerk as clerk, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import type { TelemetryBatch } from '@city-ledger/domain';
import { DevicesContract } from './registryContract';
import { TelemetryContract } from './telemetryContract';
import { testDevice } from '@city-ledger/domain';

const devices = new DevicesContract();
const telemetry = new TelemetryContract();
const ROOT = 'ab'.repeat(32);

function range(deviceId: string, firstSeq: number, lastSeq: number, overrides: Record<string, unknown> = {}) {
  return { deviceId, count: lastSeq - firstSeq + 1, firstSeq, lastSeq, from: '2024-12-31T23:00:00Z', to: '2024-12-31T23:59:00Z', ...overrides };
}

function batch(id: string, ranges: ReturnType<typeof range>[], overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, root: ROOT, count: ranges.reduce((n, r) => n + r.count, 0), devices: ranges, ...overrides });
}

async function withDevices(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.invoke(devices, 'registerDevice', officer, [testDevice('MTR-1').registration()]);
  await ledger.invoke(devices, 'registerDevice', officer, [testDevice('AIR-1').registration({ kind: 'SENSOR', owner: 'PublicWorks' })]);
  return ledger;
}

describe('telemetry anchors', () => {
  it('anchors a batch with its overall time range and department, readable by the Auditor', async () => {
    const ledger = await withDevices();
    const r = await ledger.invoke<TelemetryBatch>(telemetry, 'anchorBatch', officer, [
      batch('B-1', [range('MTR-1', 1, 10), range('AIR-1', 1, 3, { from: '2024-12-31T22:00:00Z', to: '2024-12-31T23:00:00Z' })]),
    ]);
    expect(r.result).toMatchObject({ id: 'B-1', root: ROOT, count: 13, from: '2024-12-31T22:00:00Z', to: '2024-12-31T23:59:00Z', anchoredBy: 'PublicWorks', anchoredAt: r.timestamp });
    expect(r.event).toMatchObject({ name: 'TelemetryBatchAnchored', payload: { batchId: 'B-1', root: ROOT, count: 13, devices: 2 } });
    expect((await ledger.evaluate(telemetry, 'getBatch', auditor, ['B-1'])).result).toEqual(r.result);
    // The next batch continues each device's sequence, with gaps allowed.
    await ledger.invoke(telemetry, 'anchorBatch', officer, [batch('B-2', [range('MTR-1', 12, 20, { count: 5 })])]);
    await expect(ledger.evaluate(telemetry, 'getBatch', auditor, ['B-404'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['a count that is not the sum', batch('B-9', [range('MTR-1', 1, 2)], { count: 3 }), 'INVALID_ARGUMENT'],
    ['a device twice', batch('B-9', [range('MTR-1', 1, 2), range('MTR-1', 3, 4)]), 'INVALID_ARGUMENT'],
    ['more readings than seqs', batch('B-9', [range('MTR-1', 1, 2, { count: 3 })]), 'INVALID_ARGUMENT'],
    ['a reversed seq range', batch('B-9', [range('MTR-1', 5, 2, { count: 1 })]), 'INVALID_ARGUMENT'],
    ['a reversed time range', batch('B-9', [range('MTR-1', 1, 2, { from: '2024-12-31T23:59:30Z' })]), 'INVALID_ARGUMENT'],
    ['readings from the future', batch('B-9', [range('MTR-1', 1, 2, { to: '2030-01-01T00:00:00Z' })]), 'INVALID_ARGUMENT'],
    ['an unknown device', batch('B-9', [range('MTR-404', 1, 2)]), 'NOT_FOUND'],
    ['a seq already anchored', batch('B-9', [range('MTR-1', 10, 12)]), 'CONFLICT'],
    ['a batch ID already used', batch('B-1', [range('MTR-1', 50, 52)]), 'CONFLICT'],
    ['a malformed root', batch('B-9', [range('MTR-1', 50, 52)], { root: 'xyz' }), 'INVALID_ARGUMENT'],
  ])('refuses %s, changing nothing', async (_, json, code) => {
    const ledger = await withDevices();
    await ledger.invoke(telemetry, 'anchorBatch', officer, [batch('B-1', [range('MTR-1', 1, 10)])]);
    const before = ledger.snapshot();
    await expect(ledger.invoke(telemetry, 'anchorBatch', officer, [json])).rejects.toMatchObject({ code });
    expect(ledger.snapshot()).toBe(before);
  });

  it('is for officers of a department holding `devices` only', async () => {
    const ledger = await withDevices();
    for (const caller of [clerk, healthOfficer, auditor]) {
      await expect(ledger.invoke(telemetry, 'anchorBatch', caller, [batch('B-1', [range('MTR-1', 1, 2)])])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
