import { auditor, FakeLedger, healthOfficer, publicWorksClerk as clerk, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import type { SignedDeviceReading } from '@city-ledger/domain';
import { ReadingsContract } from './readingsContract';
import { DevicesContract } from './registryContract';
import { p256, testDevice } from '@city-ledger/domain';

const devices = new DevicesContract();
const readings = new ReadingsContract();
const meter = testDevice('MTR-1');
// FakeLedger's clock starts at 2025-01-01T00:00:00Z and moves 1 s per transaction.
const T0 = '2025-01-01T00:00:00Z';

async function registered(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.invoke(devices, 'registerDevice', officer, [meter.registration()]);
  return ledger;
}

const submit = (ledger: FakeLedger, json: string, caller = clerk) => ledger.invoke<SignedDeviceReading>(readings, 'submitReading', caller, [json]);

describe('device-signed readings', () => {
  it('records a signed reading, emits its IDs only, and finds it by time range', async () => {
    const ledger = await registered();
    const r = await submit(ledger, meter.signedJson(1, T0));
    expect(r.result.reading).toEqual({ deviceId: 'MTR-1', seq: 1, takenAt: T0, measurements: { exportedKWh: 1.5, importedKWh: 0 } });
    expect(r.event).toMatchObject({ name: 'DeviceReadingRecorded', payload: { deviceId: 'MTR-1', seq: 1, takenAt: T0, keyVersion: 1, txTime: r.timestamp } });
    await submit(ledger, meter.signedJson(2, '2025-01-01T00:00:01.5Z'));
    const all = await ledger.evaluate<SignedDeviceReading[]>(readings, 'getReadings', auditor, ['MTR-1', '2024-12-31T00:00:00Z', '2025-01-02T00:00:00Z']);
    expect(all.result.map((s) => s.reading.seq)).toEqual([1, 2]);
    const second = await ledger.evaluate<SignedDeviceReading[]>(readings, 'getReadings', auditor, ['MTR-1', '2025-01-01T00:00:01Z', '2025-01-01T00:00:02Z']);
    expect(second.result.map((s) => s.reading.seq)).toEqual([2]);
    const none = await ledger.evaluate<SignedDeviceReading[]>(readings, 'getReadings', auditor, ['MTR-2', T0, '2025-01-02T00:00:00Z']);
    expect(none.result).toEqual([]);
  });

  it('refuses a forged reading, an unknown key version, a replay, an older reading and one from the future, changing nothing', async () => {
    const ledger = await registered();
    await submit(ledger, meter.signedJson(5, T0));
    const before = ledger.snapshot();
    const forger = p256().privateKey;
    await expect(submit(ledger, meter.signedJson(6, T0, { privateKey: forger }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'FORBIDDEN: reading MTR-1#6 is not signed by device MTR-1 key version 1',
    });
    const tampered = { ...meter.signed(6, T0), reading: { ...meter.signed(6, T0).reading, measurements: { exportedKWh: 99 } } };
    await expect(submit(ledger, JSON.stringify(tampered))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(submit(ledger, meter.signedJson(6, T0, { keyVersion: 2 }))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('no key version 2') });
    await expect(submit(ledger, meter.signedJson(5, T0))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('seq 5 is not after 5') });
    await expect(submit(ledger, meter.signedJson(4, T0))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(submit(ledger, meter.signedJson(6, '2024-12-31T23:59:59Z'))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('before the last accepted') });
    await expect(submit(ledger, meter.signedJson(6, '2030-01-01T00:00:00Z'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('from the future') });
    await expect(submit(ledger, '{"reading":{}}')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(submit(ledger, testDevice('MTR-404').signedJson(1, T0))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(submit(ledger, meter.signedJson(6, T0), healthOfficer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(submit(ledger, meter.signedJson(6, T0), auditor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('refuses readings of suspended and retired devices', async () => {
    const ledger = await registered();
    await ledger.invoke(devices, 'suspendDevice', officer, ['MTR-1']);
    await expect(submit(ledger, meter.signedJson(1, T0))).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('SUSPENDED') });
    await ledger.invoke(devices, 'retireDevice', officer, ['MTR-1']);
    await expect(submit(ledger, meter.signedJson(1, T0))).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('RETIRED') });
  });

  it('after a rotation accepts the new key, and the old one only for readings taken before it', async () => {
    const ledger = await registered();
    const next = p256();
    const rotation = await ledger.invoke(devices, 'rotateDeviceKey', officer, ['MTR-1', JSON.stringify({ publicKeyPem: next.publicKeyPem })]);
    await submit(ledger, meter.signedJson(1, T0)); // taken before the rotation, with key 1
    await expect(submit(ledger, meter.signedJson(2, rotation.timestamp))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('was replaced') });
    await submit(ledger, meter.signedJson(2, rotation.timestamp, { keyVersion: 2, privateKey: next.privateKey }));
    await expect(submit(ledger, meter.signedJson(3, rotation.timestamp, { keyVersion: 2 }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a bad or too wide time range', async () => {
    const ledger = await registered();
    const range = (from: string, to: string) => ledger.evaluate(readings, 'getReadings', auditor, ['MTR-1', from, to]);
    await expect(range('2025-01-02T00:00:00Z', T0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'INVALID_ARGUMENT: to must be after from' });
    await expect(range(T0, '2025-03-01T00:00:00Z')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('31 days') });
    await expect(range('yesterday', T0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
