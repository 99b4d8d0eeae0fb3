import {
  ChaincodeError,
  ERROR_CODES,
  conflict,
  failedPrecondition,
  forbidden,
  invalidArgument,
  notFound,
  parseChaincodeError,
} from './errors';

describe('ChaincodeError', () => {
  it('puts the code in front of the message', () => {
    const err = notFound('parcel', 'P-1');
    expect(err).toBeInstanceOf(ChaincodeError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('NOT_FOUND');
    expect(err.detail).toBe('parcel P-1 does not exist');
    expect(err.message).toBe('NOT_FOUND: parcel P-1 does not exist');
  });

  it.each([
    [invalidArgument('x'), 'INVALID_ARGUMENT'],
    [conflict('x'), 'CONFLICT'],
    [forbidden('x'), 'FORBIDDEN'],
    [failedPrecondition('x'), 'FAILED_PRECONDITION'],
  ])('factory %#', (err, code) => {
    expect(err.code).toBe(code);
    expect(err.message).toBe(`${code}: x`);
  });

  it('keeps the message on one line', () => {
    expect(conflict('a\nb\r\nc').message).toBe('CONFLICT: a b c');
  });
});

describe('parseChaincodeError', () => {
  it('finds the code inside a wrapped Fabric message', () => {
    expect(parseChaincodeError('chaincode response 500, NOT_FOUND: parcel P-1 does not exist')).toEqual({
      code: 'NOT_FOUND',
      message: 'parcel P-1 does not exist',
    });
  });

  it('round-trips every code', () => {
    for (const code of ERROR_CODES) {
      const err = new ChaincodeError(code, 'detail text');
      expect(parseChaincodeError(`10 ABORTED: failed to endorse transaction, ${err.message}`)).toEqual({
        code,
        message: 'detail text',
      });
    }
  });

  it('stops at the end of the line', () => {
    expect(parseChaincodeError('FORBIDDEN: regulators are read-only\nstack')).toEqual({
      code: 'FORBIDDEN',
      message: 'regulators are read-only',
    });
  });

  it('returns undefined for uncoded errors and lookalikes', () => {
    expect(parseChaincodeError('chaincode response 500, TypeError: x is undefined')).toBeUndefined();
    expect(parseChaincodeError('MY_NOT_FOUND: x')).toBeUndefined();
    expect(parseChaincodeError('')).toBeUndefined();
  });
});
