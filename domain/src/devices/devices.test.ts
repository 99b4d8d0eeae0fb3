import { generateKeyPairSync } from 'node:crypto';
import { validate } from '../validate';
import { DeviceInput } from './device';
import { merkleProof, merkleRoot, readingLeafHash, verifyMerkleProof } from './merkle';
import { SignedDeviceReading, type DeviceReading } from './reading';
import { parseDevicePublicKey, signReading, verifyReadingSignature } from './signature';
import { TelemetryBatchInput } from './telemetry';

const device = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = device.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const reading = (seq: number, measurements: Record<string, number> = { exportedKWh: 3.2, importedKWh: 0 }): DeviceReading => ({
  deviceId: 'MTR-1',
  seq,
  takenAt: '2026-05-01T12:00:00Z',
  measurements,
});

describe('device readings: schema', () => {
  it('accepts a signed reading and a device registration', () => {
    const signed = signReading(reading(1), device.privateKey);
    expect(validate(SignedDeviceReading, signed, 'reading')).toEqual(signed);
    expect(validate(DeviceInput, { id: 'MTR-1', kind: 'METER', owner: 'CIT-9', location: 'Elm St 4', publicKeyPem: pem }, 'device').kind).toBe('METER');
  });

  it.each([
    [{ ...reading(0) }, 'reading.seq must be at least 1'],
    [reading(1, {}), 'reading.measurements must have 1..16 properties'],
    [reading(1, { '1bad': 1 }), 'reading.measurements has a property name'],
    [reading(1, { kWh: 'x' as unknown as number }), 'reading.measurements.kWh must be a number'],
    [reading(1, Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`m${i}`, i]))), 'must have 1..16 properties'],
  ])('refuses a malformed reading (%#)', (value, message) => {
    expect(() => validate(SignedDeviceReading.properties.reading, value, 'reading')).toThrow(message);
  });

  it('refuses a key that is not P-256 SPKI PEM', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(() => parseDevicePublicKey(p384)).toThrow('INVALID_ARGUMENT: publicKeyPem must be a P-256 public key');
    expect(() => parseDevicePublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toThrow('INVALID_ARGUMENT');
    expect(parseDevicePublicKey(pem)).toBe(parseDevicePublicKey(pem)); // cached
  });
});

describe('device readings: signatures', () => {
  it('verifies the device key over the canonical reading, in any key order', () => {
    const signed = signReading(reading(7), device.privateKey, 2);
    expect(signed.keyVersion).toBe(2);
    const reordered = { ...signed, reading: { measurements: { importedKWh: 0, exportedKWh: 3.2 }, takenAt: signed.reading.takenAt, seq: 7, deviceId: 'MTR-1' } };
    expect(verifyReadingSignature(reordered, pem)).toBe(true);
  });

  it('refuses a changed reading, another key, a bad PEM and a garbage signature', () => {
    const signed = signReading(reading(7), device.privateKey);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(verifyReadingSignature({ ...signed, reading: reading(7, { exportedKWh: 9, importedKWh: 0 }) }, pem)).toBe(false);
    expect(verifyReadingSignature(signed, other)).toBe(false);
    expect(verifyReadingSignature(signed, 'not a key')).toBe(false);
    expect(verifyReadingSignature({ ...signed, signature: 'AAAAAAAA' }, pem)).toBe(false);
  });
});

describe('telemetry Merkle tree', () => {
  const leaves = (n: number) => Array.from({ length: n }, (_, i) => readingLeafHash(signReading(reading(i + 1), device.privateKey)));

  it.each([1, 2, 3, 5, 8, 13])('proves every leaf of %i and refuses it against another root or leaf', (n) => {
    const all = leaves(n);
    const root = merkleRoot(all);
    all.forEach((leaf, i) => expect(verifyMerkleProof(leaf, merkleProof(all, i), root)).toBe(true));
    const other = readingLeafHash(signReading(reading(99), device.privateKey));
    expect(verifyMerkleProof(other, merkleProof(all, 0), root)).toBe(false);
    expect(verifyMerkleProof(all[0] as string, merkleProof(all, 0), merkleRoot([...all, other]))).toBe(false);
  });

  it('a changed reading changes its leaf; a proof of one position does not prove another', () => {
    const signed = signReading(reading(1), device.privateKey);
    const changed = { ...signed, reading: { ...signed.reading, measurements: { exportedKWh: 3.3, importedKWh: 0 } } };
    expect(readingLeafHash(changed)).not.toBe(readingLeafHash(signed));
    const all = leaves(4);
    expect(verifyMerkleProof(all[1] as string, merkleProof(all, 2), merkleRoot(all))).toBe(false);
  });

  it('refuses an empty tree and a leaf out of range', () => {
    expect(() => merkleRoot([])).toThrow(RangeError);
    expect(() => merkleProof(leaves(2), 2)).toThrow(RangeError);
  });

  it('validates an anchor request', () => {
    const batch = { id: 'B-1', root: 'a'.repeat(64), count: 2, devices: [{ deviceId: 'MTR-1', count: 2, firstSeq: 1, lastSeq: 2, from: '2026-05-01T12:00:00Z', to: '2026-05-01T12:00:01Z' }] };
    expect(validate(TelemetryBatchInput, batch, 'batch')).toEqual(batch);
    expect(() => validate(TelemetryBatchInput, { ...batch, devices: [] }, 'batch')).toThrow('batch.devices must have 1..1000 items');
  });
});
