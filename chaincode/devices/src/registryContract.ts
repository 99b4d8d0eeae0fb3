/**
 * `devices` contract: the device registry. A department holding `devices` registers a meter,
 * logger or sensor with its P-256 public key, suspends and reactivates it, retires it for good,
 * and rotates its key: the new key becomes version n + 1 and the old one stays in `keys` with
 * `retiredAt`, so readings signed before the rotation still verify.
 *
 * Status machine: ACTIVE <-> SUSPENDED, ACTIVE | SUSPENDED -> RETIRED (final). A transition
 * that is not allowed -> FAILED_PRECONDITION. Events: DeviceRegistered, DeviceSuspended,
 * DeviceReactivated, DeviceRetired, DeviceKeyRotated, each with the device ID, status and key
 * version (no owner: a citizen's pseudonym stays off the event stream).
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  emitEvent,
  failedPrecondition,
  getHistory,
  notFound,
  requireAbsent,
  requireGrant,
  requireId,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { DeviceInput, KeyRotationInput, parseDevicePublicKey, parseJson, type Device, type DeviceStatus } from '@city-ledger/domain';
import { departmentName, deviceKey, loadDevice } from './deviceState';
import { REGISTRY_GRANTS } from './roles';

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class DevicesContext extends Context {}

/** Which statuses each change may start from, and where it leads. */
const TRANSITIONS = {
  suspendDevice: { from: ['ACTIVE'], to: 'SUSPENDED', event: 'DeviceSuspended' },
  reactivateDevice: { from: ['SUSPENDED'], to: 'ACTIVE', event: 'DeviceReactivated' },
  retireDevice: { from: ['ACTIVE', 'SUSPENDED'], to: 'RETIRED', event: 'DeviceRetired' },
} as const satisfies Record<string, { from: readonly DeviceStatus[]; to: DeviceStatus; event: string }>;

@Info({ title: 'Devices', description: 'Meters, loggers and sensors, with the P-256 keys that sign their readings' })
export class DevicesContract extends CityContract {
  constructor() {
    super('devices');
  }

  override createContext(): DevicesContext {
    return new DevicesContext();
  }

  /**
   * Registers a device. `deviceJson`: `{id, kind: METER|LOGGER|SENSOR, owner, location, publicKeyPem}`;
   * the key must be P-256 SPKI PEM. Event: DeviceRegistered.
   */
  @Transaction()
  @Returns('Device')
  async registerDevice(ctx: DevicesContext, deviceJson: string) {
    const who = requireGrant(ctx, REGISTRY_GRANTS);
    const input = parseJson(DeviceInput, deviceJson, 'device');
    parseDevicePublicKey(input.publicKeyPem, 'device.publicKeyPem');
    const key = deviceKey(ctx, input.id);
    await requireAbsent(ctx, key, 'device');
    const now = txTimestamp(ctx);
    const device: Device = {
      ...input,
      status: 'ACTIVE',
      keyVersion: 1,
      keys: [{ keyVersion: 1, publicKeyPem: input.publicKeyPem, activeFrom: now }],
      registeredBy: departmentName(who.msp),
      registeredAt: now,
      updatedAt: now,
    };
    await writeJson(ctx, key, device);
    emitEvent(ctx, 'DeviceRegistered', { deviceId: device.id, kind: device.kind, status: device.status, keyVersion: 1, txTime: now });
    return device;
  }

  /** ACTIVE -> SUSPENDED: its readings are refused until reactivated. Event: DeviceSuspended. */
  @Transaction()
  @Returns('Device')
  async suspendDevice(ctx: DevicesContext, deviceId: string) {
    return this.transition(ctx, deviceId, 'suspendDevice');
  }

  /** SUSPENDED -> ACTIVE. Event: DeviceReactivated. */
  @Transaction()
  @Returns('Device')
  async reactivateDevice(ctx: DevicesContext, deviceId: string) {
    return this.transition(ctx, deviceId, 'reactivateDevice');
  }

  /** ACTIVE or SUSPENDED -> RETIRED, for good. Event: DeviceRetired. */
  @Transaction()
  @Returns('Device')
  async retireDevice(ctx: DevicesContext, deviceId: string) {
    return this.transition(ctx, deviceId, 'retireDevice');
  }

  /**
   * Replaces the device's key: `rotationJson` `{publicKeyPem}` becomes version n + 1; version n
   * keeps verifying readings taken before now. Not on a RETIRED device, nor to the same key.
   * Event: DeviceKeyRotated.
   */
  @Transaction()
  @Returns('Device')
  async rotateDeviceKey(ctx: DevicesContext, deviceId: string, rotationJson: string) {
    requireGrant(ctx, REGISTRY_GRANTS);
    const id = requireId(deviceId, 'deviceId');
    const { publicKeyPem } = parseJson(KeyRotationInput, rotationJson, 'rotation');
    parseDevicePublicKey(publicKeyPem, 'rotation.publicKeyPem');
    const device = await loadDevice(ctx, id);
    if (device.status === 'RETIRED') {
      throw failedPrecondition(`device ${id} is RETIRED: its key cannot change`);
    }
    if (device.keys.some((k) => k.publicKeyPem === publicKeyPem)) {
      throw failedPrecondition(`device ${id} has already used this key`);
    }
    const now = txTimestamp(ctx);
    const keyVersion = device.keyVersion + 1;
    const next: Device = {
      ...device,
      publicKeyPem,
      keyVersion,
      keys: [...device.keys.map((k) => (k.keyVersion === device.keyVersion ? { ...k, retiredAt: now } : k)), { keyVersion, publicKeyPem, activeFrom: now }],
      updatedAt: now,
    };
    await writeJson(ctx, deviceKey(ctx, id), next);
    emitEvent(ctx, 'DeviceKeyRotated', { deviceId: id, status: next.status, keyVersion, txTime: now });
    return next;
  }

  /** A device, with every key version. Any channel member. */
  @Transaction(false)
  @Returns('Device')
  async getDevice(ctx: DevicesContext, deviceId: string) {
    return loadDevice(ctx, requireId(deviceId, 'deviceId'));
  }

  /** Every committed version of a device, newest first. Any channel member. */
  @Transaction(false)
  @Returns('Device[]')
  async getDeviceHistory(ctx: DevicesContext, deviceId: string) {
    const id = requireId(deviceId, 'deviceId');
    const history = await getHistory<Device>(ctx, deviceKey(ctx, id));
    if (history.length === 0) {
      throw notFound('device', id);
    }
    // Devices are never deleted, so every version has a value.
    return history.map((entry) => entry.value as Device);
  }

  private async transition(ctx: DevicesContext, deviceId: string, change: keyof typeof TRANSITIONS): Promise<Device> {
    requireGrant(ctx, REGISTRY_GRANTS);
    const id = requireId(deviceId, 'deviceId');
    const { from, to, event } = TRANSITIONS[change];
    const device = await loadDevice(ctx, id);
    if (!(from as readonly DeviceStatus[]).includes(device.status)) {
      throw failedPrecondition(`device ${id} is ${device.status}; ${change} needs ${from.join(' or ')}`);
    }
    const now = txTimestamp(ctx);
    const next: Device = { ...device, status: to, updatedAt: now };
    await writeJson(ctx, deviceKey(ctx, id), next);
    emitEvent(ctx, event, { deviceId: id, status: to, keyVersion: device.keyVersion, txTime: now });
    return next;
  }
}
