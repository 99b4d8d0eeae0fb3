import { generateKeyPairSync } from 'node:crypto';
import { validate } from '../validate';
import { DeviceInput } from './device';
import { merkleProof, merkleRoot, readingLeafHash, verifyMerkleProof } from './merkle';
import { SignedDeviceReading, type DeviceReading } from './reading';
import { parseDevicePublicKey, signReading, verifyReadingSignature } from './signature';
import { TelemetryBatchInput } from './telemetry';
import { checkReadingProof } from './proofCheck';

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

describe('reading proof check', () => {
  const signed = [1, 2, 3].map((seq) => signReading({ ...reading(seq), takenAt: `2026-05-01T12:00:0${seq}Z` }, device.privateKey));
  const leaves = signed.map(readingLeafHash);
  const root = merkleRoot(leaves);
  const batch = {
    id: 'B-1', root, count: 3, from: '2026-05-01T12:00:01Z', to: '2026-05-01T12:00:03Z', anchoredBy: 'PublicWorks', anchoredAt: '2026-05-01T12:01:00Z',
    devices: [{ deviceId: 'MTR-1', count: 3, firstSeq: 1, lastSeq: 3, from: '2026-05-01T12:00:01Z', to: '2026-05-01T12:00:03Z' }],
  };
  const registered = { id: 'MTR-1', kind: 'METER' as const, owner: 'CIT-1', location: 'x', publicKeyPem: pem, status: 'ACTIVE' as const, keyVersion: 1,
    keys: [{ keyVersion: 1, publicKeyPem: pem, activeFrom: '2026-01-01T00:00:00Z' }], registeredBy: 'PublicWorks', registeredAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
  const proof = { batchId: 'B-1', root, leafIndex: 1, leafCount: 3, leafHash: leaves[1] as string, path: merkleProof(leaves, 1), signedReading: signed[1] as SignedDeviceReading };

  it('matches an untouched reading, with its signature', () => {
    expect(checkReadingProof(proof, batch, registered)).toEqual({ result: 'MATCH', batchId: 'B-1', anchoredRoot: root, checks: { leaf: true, root: true, range: true, signature: true } });
    expect(checkReadingProof(proof, batch).checks).toEqual({ leaf: true, root: true, range: true });
  });

  it('refuses a changed reading, another root, a reading outside the anchored range and a foreign key', () => {
    const changed = { ...proof, signedReading: { ...proof.signedReading, reading: { ...proof.signedReading.reading, measurements: { exportedKWh: 30, importedKWh: 0 } } } };
    expect(checkReadingProof(changed, batch, registered)).toMatchObject({ result: 'MISMATCH', checks: { leaf: false, root: false, signature: false } });
    expect(checkReadingProof(proof, { ...batch, root: 'f'.repeat(64) })).toMatchObject({ result: 'MISMATCH', checks: { root: false } });
    expect(checkReadingProof(proof, { ...batch, devices: [{ ...(batch.devices[0] as (typeof batch.devices)[number]), lastSeq: 1 }] })).toMatchObject({ result: 'MISMATCH', checks: { range: false } });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(checkReadingProof(proof, batch, { ...registered, keys: [{ keyVersion: 1, publicKeyPem: other, activeFrom: '2026-01-01T00:00:00Z' }] }).checks.signature).toBe(false);
  });
});
