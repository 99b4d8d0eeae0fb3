import { auditor, FakeLedger, healthOfficer, publicWorksInspector, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import type { Device } from '@city-ledger/domain';
import { DevicesContract } from './registryContract';
import { p256, testDevice } from '@city-ledger/domain';

const devices = new DevicesContract();
const meter = testDevice('MTR-1');

async function registered(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.invoke(devices, 'registerDevice', officer, [meter.registration()]);
  return ledger;
}

describe('device registry', () => {
  it('registers a device with key version 1, readable by the Auditor, with one event', async () => {
    const ledger = new FakeLedger();
    const r = await ledger.invoke<Device>(devices, 'registerDevice', officer, [meter.registration()]);
    expect(r.result).toMatchObject({ id: 'MTR-1', kind: 'METER', owner: 'CIT-7', status: 'ACTIVE', keyVersion: 1, registeredBy: 'PublicWorks' });
    expect(r.result.keys).toEqual([{ keyVersion: 1, publicKeyPem: meter.publicKeyPem, activeFrom: r.timestamp }]);
    expect(r.event).toMatchObject({ name: 'DeviceRegistered', payload: { deviceId: 'MTR-1', kind: 'METER', status: 'ACTIVE', keyVersion: 1, txTime: r.timestamp } });
    expect((await ledger.evaluate<Device>(devices, 'getDevice', auditor, ['MTR-1'])).result).toEqual(r.result);
  });

  it('refuses other departments, other roles, the Auditor, a duplicate and a key that is not P-256, changing nothing', async () => {
    const ledger = await registered();
    const before = ledger.snapshot();
    const other = testDevice('MTR-2');
    await expect(ledger.invoke(devices, 'registerDevice', healthOfficer, [other.registration()])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.invoke(devices, 'registerDevice', publicWorksInspector, [other.registration()])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.invoke(devices, 'registerDevice', auditor, [other.registration()])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.invoke(devices, 'registerDevice', officer, [meter.registration()])).rejects.toMatchObject({ code: 'CONFLICT' });
    const rsa = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
    await expect(ledger.invoke(devices, 'registerDevice', officer, [other.registration({ publicKeyPem: rsa })])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'INVALID_ARGUMENT: device.publicKeyPem must be a P-256 public key in SPKI PEM form',
    });
    await expect(ledger.invoke(devices, 'registerDevice', officer, [other.registration({ kind: 'TOASTER' })])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('suspends, reactivates and retires; RETIRED is final', async () => {
    const ledger = await registered();
    const s = await ledger.invoke<Device>(devices, 'suspendDevice', officer, ['MTR-1']);
    expect(s.result.status).toBe('SUSPENDED');
    expect(s.event).toMatchObject({ name: 'DeviceSuspended', payload: { deviceId: 'MTR-1', status: 'SUSPENDED' } });
    await expect(ledger.invoke(devices, 'suspendDevice', officer, ['MTR-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect((await ledger.invoke<Device>(devices, 'reactivateDevice', officer, ['MTR-1'])).result.status).toBe('ACTIVE');
    await expect(ledger.invoke(devices, 'reactivateDevice', officer, ['MTR-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    const retired = await ledger.invoke<Device>(devices, 'retireDevice', officer, ['MTR-1']);
    expect(retired.event).toMatchObject({ name: 'DeviceRetired' });
    const before = ledger.snapshot();
    for (const fn of ['suspendDevice', 'reactivateDevice', 'retireDevice']) {
      await expect(ledger.invoke(devices, fn, officer, ['MTR-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    }
    await expect(ledger.invoke(devices, 'rotateDeviceKey', officer, ['MTR-1', JSON.stringify({ publicKeyPem: p256().publicKeyPem })])).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    await expect(ledger.invoke(devices, 'suspendDevice', officer, ['MTR-404'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(ledger.snapshot()).toBe(before);
    const history = await ledger.evaluate<Device[]>(devices, 'getDeviceHistory', auditor, ['MTR-1']);
    expect(history.result.map((d) => d.status)).toEqual(['RETIRED', 'ACTIVE', 'SUSPENDED', 'ACTIVE']);
    await expect(ledger.evaluate(devices, 'getDeviceHistory', auditor, ['MTR-404'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rotates the key to version 2 and keeps version 1 with the time it was replaced', async () => {
    const ledger = await registered();
    const next = p256();
    const r = await ledger.invoke<Device>(devices, 'rotateDeviceKey', officer, ['MTR-1', JSON.stringify({ publicKeyPem: next.publicKeyPem })]);
    expect(r.result).toMatchObject({ keyVersion: 2, publicKeyPem: next.publicKeyPem });
    expect(r.result.keys).toEqual([
      expect.objectContaining({ keyVersion: 1, publicKeyPem: meter.publicKeyPem, retiredAt: r.timestamp }),
      { keyVersion: 2, publicKeyPem: next.publicKeyPem, activeFrom: r.timestamp },
    ]);
    expect(r.event).toMatchObject({ name: 'DeviceKeyRotated', payload: { deviceId: 'MTR-1', keyVersion: 2 } });
    await expect(ledger.invoke(devices, 'rotateDeviceKey', officer, ['MTR-1', JSON.stringify({ publicKeyPem: meter.publicKeyPem })])).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    await expect(ledger.invoke(devices, 'rotateDeviceKey', healthOfficer, ['MTR-1', JSON.stringify({ publicKeyPem: p256().publicKeyPem })])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
