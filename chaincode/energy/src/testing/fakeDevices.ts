/**
 * Test support for the energy chaincode's unit tests: a FakeLedger with the founding
 * collections and a fake `devices` chaincode that knows meters and their readings.
 *
 * @example
 * ```ts
 * const { ledger, meters } = energyLedger();
 * meters.add('MTR-H1', 'CIT-H1');
 * meters.read('MTR-H1', '2026-06-01T10:05:00Z', { exportedKWh: 1.2 });
 * ```
 */
import { FakeLedger, FOUNDING_CONSORTIUM } from '@city-ledger/chaincode-common/testing';
import { GET_DEVICE_FUNCTION, READINGS_FUNCTION } from '../meters';

export interface FakeMeters {
  /** Registers a device (an ACTIVE METER unless told otherwise). */
  add(id: string, owner: string, fields?: { kind?: string; status?: string }): void;
  /** Records a reading of `id` taken at `takenAt`. */
  read(id: string, takenAt: string, measurements: Record<string, number>): void;
  /** Every call the energy chaincode made. */
  readonly calls: string[][];
}

export function energyLedger(options: { start?: string } = {}): { ledger: FakeLedger; meters: FakeMeters } {
  const ledger = new FakeLedger({ start: options.start ?? '2026-06-01T09:00:00.000Z' });
  for (const [name, spec] of Object.entries(FOUNDING_CONSORTIUM.collections)) ledger.defineCollection(name, { members: spec.members });
  const devices = new Map<string, { id: string; kind: string; owner: string; status: string }>();
  const readings = new Map<string, { reading: { deviceId: string; seq: number; takenAt: string; measurements: Record<string, number> }; keyVersion: number; signature: string }[]>();
  const calls: string[][] = [];
  ledger.registerChaincode('devices', (args) => {
    calls.push(args);
    const [fn, id = ''] = args;
    const device = devices.get(id);
    if (device === undefined) throw new Error(`NOT_FOUND: device ${id} does not exist`);
    if (fn === GET_DEVICE_FUNCTION) return device;
    if (fn === READINGS_FUNCTION) return readings.get(id) ?? [];
    throw new Error(`INVALID_ARGUMENT: unknown transaction function ${fn}`);
  });
  const meters: FakeMeters = {
    add: (id, owner, fields = {}) => devices.set(id, { id, kind: fields.kind ?? 'METER', owner, status: fields.status ?? 'ACTIVE' }),
    read: (id, takenAt, measurements) => {
      const list = readings.get(id) ?? [];
      list.push({ reading: { deviceId: id, seq: list.length + 1, takenAt, measurements }, keyVersion: 1, signature: 'c2lnbmF0dXJl' });
      readings.set(id, list);
    },
    calls,
  };
  return { ledger, meters };
}
