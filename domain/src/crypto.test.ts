import { saltedHash, sha256Hex } from './crypto';

describe('crypto', () => {
  it('hashes strings and bytes alike', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(sha256Hex('')).toBe(empty);
    expect(sha256Hex(new Uint8Array())).toBe(empty);
    expect(sha256Hex('abc')).toBe(sha256Hex(Buffer.from('abc')));
  });

  it('salted hash = sha256(salt + canonical JSON)', () => {
    expect(saltedHash('s1', { b: 2, a: 1 })).toBe(sha256Hex('s1{"a":1,"b":2}'));
    expect(saltedHash('s1', { a: 1, b: 2 })).toBe(saltedHash('s1', { b: 2, a: 1 }));
    expect(saltedHash('s2', { a: 1 })).not.toBe(saltedHash('s1', { a: 1 }));
  });
});
