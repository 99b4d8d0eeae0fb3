// The scalar rules every record shares (text, booleans, timestamps, hashes), each checked
// through `validate` as the chaincode and the audit tool apply them.
import { Type } from '@sinclair/typebox';
import { ChaincodeError } from './errors';
import { HexHash, Text, Timestamp } from './schemas';
import { validate } from './validate';

function invalid(run: () => unknown, field: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChaincodeError);
    expect((error as ChaincodeError).code).toBe('INVALID_ARGUMENT');
    expect((error as ChaincodeError).detail.startsWith(field)).toBe(true);
    return;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('Text', () => {
  it('checks type, length and control characters', () => {
    expect(validate(Text(), 'hello\tworld\n', 'note')).toBe('hello\tworld\n');
    expect(validate(Text(1000, { min: 0 }), '', 'note')).toBe('');
    invalid(() => validate(Text(), '', 'note'), 'note');
    invalid(() => validate(Text(3), 'abcd', 'note'), 'note');
    invalid(() => validate(Text(), 'a'.repeat(1001), 'note'), 'note');
    invalid(() => validate(Text(), 'a\u0000b', 'note'), 'note');
    invalid(() => validate(Text(), 'a\u001bb', 'note'), 'note');
    invalid(() => validate(Text(), 5, 'note'), 'note');
  });
});

describe('Boolean', () => {
  it('accepts booleans and their strings only', () => {
    expect(validate(Type.Boolean(), true, 'b')).toBe(true);
    expect(validate(Type.Boolean(), 'true', 'b')).toBe(true);
    expect(validate(Type.Boolean(), false, 'b')).toBe(false);
    expect(validate(Type.Boolean(), 'false', 'b')).toBe(false);
    invalid(() => validate(Type.Boolean(), 'yes', 'b'), 'b');
    invalid(() => validate(Type.Boolean(), 1, 'b'), 'b');
  });
});

describe('Timestamp', () => {
  it('accepts RFC 3339 UTC and returns it unchanged', () => {
    expect(validate(Timestamp, '2025-01-31T12:00:00Z', 'at')).toBe('2025-01-31T12:00:00Z');
    expect(validate(Timestamp, '2025-01-31T12:00:00.123Z', 'at')).toBe('2025-01-31T12:00:00.123Z');
    invalid(() => validate(Timestamp, '2025-02-30T12:00:00Z', 'at'), 'at');
    invalid(() => validate(Timestamp, '2025-01-31T12:00:00+00:00', 'at'), 'at');
    invalid(() => validate(Timestamp, 0, 'at'), 'at');
  });
});

describe('HexHash', () => {
  it('accepts 64 lowercase hex characters only', () => {
    const hash = 'a'.repeat(64);
    expect(validate(HexHash, hash, 'hash')).toBe(hash);
    invalid(() => validate(HexHash, 'A'.repeat(64), 'hash'), 'hash');
    invalid(() => validate(HexHash, 'a'.repeat(63), 'hash'), 'hash');
    invalid(() => validate(HexHash, undefined, 'hash'), 'hash');
  });
});
