import { merkleProof, merkleRoot, readingLeafHash, testDevice } from '@city-ledger/domain';
import { checkReading } from './readingProof';
import { fakeReader } from './testing/fakeReader';

const meter = testDevice('MTR-1');
const readings = [1, 2, 3].map((seq) => meter.signed(seq, `2026-01-01T00:00:0${seq}Z`));
const leaves = readings.map(readingLeafHash);
const root = merkleRoot(leaves);
const range = { deviceId: 'MTR-1', count: 3, firstSeq: 1, lastSeq: 3, from: '2026-01-01T00:00:01Z', to: '2026-01-01T00:00:03Z' };
const reader = fakeReader({
  'devices telemetry:getBatch B-1': { id: 'B-1', root, count: 3, devices: [range], from: range.from, to: range.to, anchoredBy: 'PublicWorks', anchoredAt: '2026-01-01T00:01:00Z' },
  'devices devices:getDevice MTR-1': { id: 'MTR-1', keyVersion: 1, keys: [{ keyVersion: 1, publicKeyPem: meter.publicKeyPem, activeFrom: '2026-01-01T00:00:00Z' }] },
});
const proof = { batchId: 'B-1', root, leafIndex: 2, leafCount: 3, leafHash: leaves[2], path: merkleProof(leaves, 2), signedReading: readings[2], anchor: { txId: 'tx', blockNumber: 9 } };
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('check-reading', () => {
  it('matches a proof as the collector gives it, against the anchored root and the device key', async () => {
    await expect(checkReading(reader, bytes(proof))).resolves.toEqual({ result: 'MATCH', batchId: 'B-1', anchoredRoot: root, checks: { leaf: true, root: true, range: true, signature: true } });
  });

  it('does not match a changed reading, nor a proof that names its own root', async () => {
    const changed = { ...proof, signedReading: { ...readings[2], reading: { ...readings[2]?.reading, measurements: { exportedKWh: 9 } } } };
    await expect(checkReading(reader, bytes(changed))).resolves.toMatchObject({ result: 'MISMATCH', checks: { leaf: false, root: false } });
    const ownRoot = { ...changed, root: merkleRoot([readingLeafHash(changed.signedReading as never)]), path: [], leafHash: readingLeafHash(changed.signedReading as never) };
    await expect(checkReading(reader, bytes(ownRoot))).resolves.toMatchObject({ result: 'MISMATCH', checks: { leaf: true, root: false } });
  });

  it('refuses a file that is not a proof (INVALID_ARGUMENT) and an unknown batch (NOT_FOUND)', async () => {
    await expect(checkReading(reader, bytes({ batchId: 'B-1' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(checkReading(reader, bytes({ ...proof, batchId: 'B-404' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
