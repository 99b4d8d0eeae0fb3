// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { credentialDoc } from './testing/fixtures';
import { ChaincodeError, canonicalJson, sha256Hex } from '@city-ledger/chaincode-common';
import { MAX_DOCUMENT_CHARS, credentialHash, parseCredentialDocument, parsePresentedCredential } from './credentialDocument';

function invalid(fn: () => unknown, field: string): void {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ChaincodeError);
  expect((error as ChaincodeError).code).toBe('INVALID_ARGUMENT');
  expect((error as ChaincodeError).detail.startsWith(field)).toBe(true);
}

describe('parseCredentialDocument', () => {
  it('accepts a complete document unchanged', () => {
    const doc = credentialDoc();
    expect(parseCredentialDocument(doc, 'credential')).toEqual(doc);
  });

  it.each([
    ['id', { id: 'bad id' }],
    ['type', { type: 'library' }],
    ['schema', { schema: 'x' }],
    ['schema.id', { schema: { id: '', version: '1' } }],
    ['schema.version', { schema: { id: 'x', version: '' } }],
    ['schema.extra', { schema: { id: 'x', version: '1', extra: 1 } }],
    ['subject', { subject: 5 }],
    ['issuer', { issuer: 'Registry MSP' }],
    ['validFrom', { validFrom: '2025-01-01' }],
    ['validUntil', { validUntil: '2025-02-30T00:00:00Z' }],
    ['validUntil', { validUntil: '2025-01-01T00:00:00Z' }],
    ['claims', { claims: [] }],
    ['claims', { claims: undefined }],
    ['nickname', { nickname: 'x' }],
  ])('rejects a bad %s', (field, overrides) => {
    invalid(() => parseCredentialDocument(credentialDoc('residency', 'C-1', 'S-1', overrides), 'credential'), `credential.${field}`);
  });

  it('rejects non-objects, oversized documents and non-finite numbers', () => {
    invalid(() => parseCredentialDocument('x', 'credential'), 'credential');
    const big = credentialDoc('residency', 'C-1', 'S-1', { claims: { note: 'x'.repeat(MAX_DOCUMENT_CHARS) } });
    invalid(() => parseCredentialDocument(big, 'credential'), 'credential');
    const infinite = credentialDoc('residency', 'C-1', 'S-1', { claims: JSON.parse('{"n":1e400}') });
    invalid(() => parseCredentialDocument(infinite, 'credential'), 'credential');
  });
});

describe('credentialHash', () => {
  it('is the SHA-256 of the canonical JSON, independent of key order', () => {
    const doc = credentialDoc();
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(credentialHash(doc, 'd')).toBe(sha256Hex(canonicalJson(doc)));
    expect(credentialHash(reordered, 'd')).toBe(credentialHash(doc, 'd'));
    expect(credentialHash({ ...doc, claims: { district: 'South', since: 2019 } }, 'd')).not.toBe(credentialHash(doc, 'd'));
  });

  it('matches a hand-computed value', () => {
    expect(credentialHash({ b: [1, 'x'], a: { d: true, c: null } }, 'd')).toBe(
      sha256Hex('{"a":{"c":null,"d":true},"b":[1,"x"]}'),
    );
  });
});

describe('parsePresentedCredential', () => {
  it('needs only an object with a valid id', () => {
    expect(parsePresentedCredential({ id: 'C-1', anything: 1 }, 'p')).toEqual({
      id: 'C-1',
      document: { id: 'C-1', anything: 1 },
    });
    invalid(() => parsePresentedCredential({ id: ' ' }, 'p'), 'p.id');
    invalid(() => parsePresentedCredential({}, 'p'), 'p.id');
    invalid(() => parsePresentedCredential([], 'p'), 'p');
  });
});
