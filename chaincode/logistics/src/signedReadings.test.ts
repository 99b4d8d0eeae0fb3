import { FakeLedger, healthOfficer as health, registryClerk as registry } from '@city-ledger/chaincode-common/testing';
import type { KeyObject } from 'node:crypto';
import { p256, testDevice, type Device } from '@city-ledger/domain';
import { ColdChainContract } from './coldChainContract';
import { ShipmentsContract } from './shipments';
import type { Shipment } from './shipment';

const shipments = new ShipmentsContract();
const coldchain = new ColdChainContract();
const logger = testDevice('LOG-1');
const AT = '2025-01-01T00:00:00Z';

function device(overrides: Partial<Device> = {}): Device {
  return { id: 'LOG-1', kind: 'LOGGER', owner: 'Health', location: 'Truck 7', publicKeyPem: logger.publicKeyPem, status: 'ACTIVE', keyVersion: 1,
    keys: [{ keyVersion: 1, publicKeyPem: logger.publicKeyPem, activeFrom: AT }], registeredBy: 'PublicWorks', registeredAt: AT, updatedAt: AT, ...overrides };
}

const signed = (seq: number, temperatureC: number, privateKey?: KeyObject) => logger.signed(seq, AT, { privateKey, measurements: { temperatureC } });

async function setup(registered: Device | null = device()): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  ledger.registerChaincode('devices', (args) => {
    if (args[0] !== 'devices:getDevice' || registered === null || args[1] !== registered.id) throw new Error(`NOT_FOUND: device ${args[1]} does not exist`);
    return registered;
  });
  await ledger.invoke(shipments, 'createShipment', health, [
    JSON.stringify({ id: 'VAX-1', quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 5, uom: 'EA' }], temperatureRange: { minC: 2, maxC: 8 } }),
  ]);
  return ledger;
}

const record = (ledger: FakeLedger, readings: unknown[], who = health) =>
  ledger.invoke<Shipment>(coldchain, 'recordSignedSensorReadings', who, ['VAX-1', JSON.stringify(readings)]);

describe('coldchain: recordSignedSensorReadings', () => {
  it('records readings a registered logger signed, counts them as signed and flags an excursion', async () => {
    const ledger = await setup();
    const { result, event } = await record(ledger, [signed(1, 4), signed(2, 9.5)]);
    expect(result).toMatchObject({ flagged: true, readings: { count: 2, min: 4, max: 9.5, excursions: 1, signed: 2 }, firstExcursion: { sensorId: 'LOG-1', value: 9.5 } });
    expect(event).toMatchObject({ name: 'SensorReadingsRecorded', payload: { count: 2, signed: 2, excursions: 1, newlyFlagged: true } });
  });

  it('refuses a forged, replayed, unknown or suspended logger and a reading without temperatureC, changing nothing', async () => {
    const ledger = await setup();
    await record(ledger, [signed(1, 4)]);
    const before = ledger.snapshot();
    await expect(record(ledger, [signed(2, 4, p256().privateKey)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(record(ledger, [signed(1, 4)])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(record(ledger, [signed(2, 4), signed(2, 5)])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(record(ledger, [logger.signed(2, AT)])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('temperatureC is required') });
    await expect(record(ledger, [signed(2, 4)], registry)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ledger.snapshot()).toBe(before);
    const unknown = await setup(null);
    await expect(record(unknown, [signed(1, 4)])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const suspended = await setup(device({ status: 'SUSPENDED' }));
    await expect(record(suspended, [signed(1, 4)])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });

  it('answers FAILED_PRECONDITION when the devices chaincode cannot be read', async () => {
    const ledger = await setup();
    ledger.registerChaincode('devices', () => {
      throw new Error('chaincode devices not installed');
    });
    await expect(record(ledger, [signed(1, 4)])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    ledger.registerChaincode('devices', () => 'not a device');
    await expect(record(ledger, [signed(1, 4)])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });
});
