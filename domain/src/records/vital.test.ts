import { saltedHash } from '../crypto';
import { certificateHash } from './vital';

describe('certificateHash', () => {
  const salt = 'a'.repeat(64);

  it('is the salted hash of the canonical { id, type, details }', () => {
    expect(certificateHash('B-1', 'BIRTH', salt, { childName: 'A' })).toBe(
      saltedHash(salt, { details: { childName: 'A' }, id: 'B-1', type: 'BIRTH' }),
    );
  });

  it('binds the ID, the type, the salt and every detail', () => {
    const base = certificateHash('B-1', 'BIRTH', salt, { childName: 'A' });
    expect(certificateHash('B-2', 'BIRTH', salt, { childName: 'A' })).not.toBe(base);
    expect(certificateHash('B-1', 'DEATH', salt, { childName: 'A' })).not.toBe(base);
    expect(certificateHash('B-1', 'BIRTH', 'b'.repeat(64), { childName: 'A' })).not.toBe(base);
    expect(certificateHash('B-1', 'BIRTH', salt, { childName: 'B' })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
