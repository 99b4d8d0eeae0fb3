/**
 * The collector's cache of the device registry (devices chaincode, `getDevice`). A device is
 * kept for `ttlMs`, so a suspension or retirement reaches the collector within that time; a
 * device the ledger does not know, or a key version the cached copy lacks (a rotation), is asked
 * again, but at most once per `retryMs` per device, so a flood of unknown IDs cannot turn into
 * a flood of queries.
 *
 * @example
 * ```ts
 * const cache = new DeviceCache({ lookup: (id) => ledger.evaluate(collector, 'devices', 'devices', 'getDevice', [id]), ttlMs: 30_000 });
 * const device = await cache.get('MTR-1');                  // undefined when not registered
 * const fresh = await cache.get('MTR-1', { keyVersion: 3 }); // asks again if version 3 is not cached
 * ```
 */
import { parseChaincodeError, type Device } from '@city-ledger/domain';
import { LedgerError } from '../fabric/ledgerError';

export interface DeviceCacheOptions {
  /** The device's JSON from the ledger; throws (NOT_FOUND inside) when it is not registered. */
  readonly lookup: (deviceId: string) => Promise<Uint8Array>;
  /** How long a device is trusted without asking again (default 30 s). */
  readonly ttlMs?: number;
  /** Least time between two lookups of one device that was missing or lacked a key (default 1 s). */
  readonly retryMs?: number;
  /** Most devices kept (default 100,000); the oldest go first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  device: Device | undefined;
  fetchedAt: number;
}

const utf8 = new TextDecoder();

export class DeviceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: DeviceCacheOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.retryMs = options.retryMs ?? 1_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** The device, or undefined when the ledger does not know it. `keyVersion`: a version the answer should have. */
  async get(deviceId: string, wanted: { keyVersion?: number } = {}): Promise<Device | undefined> {
    const entry = this.entries.get(deviceId);
    const age = entry ? this.now() - entry.fetchedAt : Infinity;
    const lacking = entry !== undefined && (entry.device === undefined || (wanted.keyVersion !== undefined && !entry.device.keys.some((k) => k.keyVersion === wanted.keyVersion)));
    if (entry && age < this.ttlMs && !(lacking && age >= this.retryMs)) return entry.device;
    return (await this.fetch(deviceId)).device;
  }

  private fetch(deviceId: string): Promise<Entry> {
    let pending = this.inFlight.get(deviceId);
    if (!pending) {
      pending = this.lookup(deviceId).finally(() => this.inFlight.delete(deviceId));
      this.inFlight.set(deviceId, pending);
    }
    return pending;
  }

  private async lookup(deviceId: string): Promise<Entry> {
    let device: Device | undefined;
    try {
      device = JSON.parse(utf8.decode(await this.options.lookup(deviceId))) as Device;
    } catch (err) {
      if (!(err instanceof LedgerError && parseChaincodeError(err.text)?.code === 'NOT_FOUND')) throw err;
    }
    const entry = { device, fetchedAt: this.now() };
    this.entries.delete(deviceId);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(deviceId, entry);
    return entry;
  }
}
