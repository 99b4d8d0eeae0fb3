import { canonicalJson, saltedHash, sha256Hex } from '@city-ledger/domain';
import { checkDocument, documentKind } from './documents';
import { AuditError } from './errors';
import { fakeReader } from './testing/fakeReader';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('checkDocument', () => {
  const salt = 'ab'.repeat(32);
  const details = { childName: 'Ada', bornAt: '2025-01-31T08:00:00Z', placeOfBirth: 'North', parent1Name: 'Grace' };
  // Written out here (not with certificateHash) so that the test pins the chaincode's formula.
  const vitalHash = saltedHash(salt, { id: 'B-1', type: 'BIRTH', details });
  const reader = fakeReader({
    'records vital:getVitalRecord B-1': { id: 'B-1', type: 'BIRTH', status: 'VOID', issuingDepartment: 'RegistryMSP', hash: vitalHash },
    'identity credentials:getCredential C-1': { id: 'C-1', hash: sha256Hex(canonicalJson({ id: 'C-1', claims: { district: 'North' } })), status: 'REVOKED' },
    'identity citizens:getCitizen Z-1': { id: 'Z-1', dataHash: sha256Hex('{"citizenId":"Z-1","salt":"s"}') },
    'logistics materials:getDelivery D-1': { id: 'D-1' },
    'governance council:getDecision DEC-1': { id: 'DEC-1', documentHash: sha256Hex('%PDF-1.7 resolution'), outcome: 'ADOPTED' },
  });

  it('hashes a decision document byte for byte, whatever its format', async () => {
    await expect(checkDocument(reader, 'decision', 'DEC-1', bytes('%PDF-1.7 resolution'))).resolves.toMatchObject({ result: 'MATCH', onChainHash: sha256Hex('%PDF-1.7 resolution') });
    await expect(checkDocument(reader, 'decision', 'DEC-1', bytes('%PDF-1.7 resolution '))).resolves.toMatchObject({ result: 'MISMATCH' });
  });

  it('matches a vital certificate, whatever its key order, and reports the record status', async () => {
    const presented = `{"details": {"placeOfBirth":"North","parent1Name":"Grace","bornAt":"2025-01-31T08:00:00Z","childName":"Ada"}, "salt": "${salt}"}`;
    await expect(checkDocument(reader, 'vital', 'B-1', bytes(presented))).resolves.toEqual({
      kind: 'vital', id: 'B-1', result: 'MATCH', onChainHash: vitalHash, presentedHash: vitalHash, status: 'VOID',
    });
  });

  it('rejects a certificate with one detail changed', async () => {
    const check = await checkDocument(reader, 'vital', 'B-1', bytes({ salt, details: { ...details, childName: 'Adb' } }));
    expect(check.result).toBe('MISMATCH');
    expect(check.presentedHash).not.toBe(vitalHash);
  });

  it('hashes credentials and citizens over canonical JSON', async () => {
    await expect(checkDocument(reader, 'credential', 'C-1', bytes('{ "claims": {"district":"North"}, "id": "C-1" }'))).resolves.toMatchObject({ result: 'MATCH', status: 'REVOKED' });
    await expect(checkDocument(reader, 'credential', 'C-1', bytes({ id: 'C-1', claims: { district: 'South' } }))).resolves.toMatchObject({ result: 'MISMATCH' });
    await expect(checkDocument(reader, 'citizen', 'Z-1', bytes({ salt: 's', citizenId: 'Z-1' }))).resolves.toMatchObject({ result: 'MATCH' });
  });

  it.each([
    ['not JSON', 'vital', 'B-1', '{nope', /^the presented document is not UTF-8 JSON: /],
    ['not an object', 'credential', 'C-1', '[1]', /^the presented document must be a JSON object$/],
    ['a certificate without salt', 'vital', 'B-1', '{"details":{}}', /^certificate\.salt /],
    ['a non-finite number', 'credential', 'C-1', '{"id":"C-1","n":1e400}', /finite numbers/],
  ])('refuses %s as INVALID_ARGUMENT', async (_what, kind, id, presented, message) => {
    const failure = checkDocument(reader, kind as 'vital', id, bytes(presented));
    await expect(failure).rejects.toBeInstanceOf(AuditError);
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
  });

  it('answers NOT_FOUND for an unknown record and for a record without a document hash', async () => {
    await expect(checkDocument(reader, 'vital', 'B-404', bytes({ salt, details }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(checkDocument(reader, 'supplier-terms', 'D-1', bytes({ salt }))).rejects.toEqual(new AuditError('NOT_FOUND', 'supplier-terms D-1 keeps no document hash'));
  });
});

describe('documentKind', () => {
  it('names the known kinds when given another', () => {
    expect(documentKind('credential')).toBe('credential');
    expect(() => documentKind('parcel')).toThrow('unknown document kind "parcel" (known: vital, credential, citizen, supplier-terms, decision)');
  });
});
