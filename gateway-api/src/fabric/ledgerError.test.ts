import { status as GrpcStatus } from '@grpc/grpc-js';
import { LedgerError, toLedgerError } from './ledgerError';

describe('toLedgerError', () => {
  it('reads a fabric-gateway EndorseError: code, details and transaction ID', () => {
    const err = Object.assign(new Error('10 ABORTED: failed to endorse transaction'), {
      name: 'EndorseError',
      code: GrpcStatus.ABORTED,
      details: [{ address: 'peer0:7051', mspId: 'RegistryMSP', message: 'chaincode response 500, CONFLICT: parcel P-1 already exists' }],
      transactionId: 'abc',
    });
    const ledgerError = toLedgerError(err, 'endorse');
    expect(ledgerError).toMatchObject({ phase: 'endorse', grpcCode: GrpcStatus.ABORTED, txId: 'abc' });
    expect(ledgerError.text).toContain('CONFLICT: parcel P-1 already exists');
    expect(ledgerError.unavailable).toBe(false);
  });

  it('recognises an unavailable peer', () => {
    const err = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { name: 'GatewayError', code: GrpcStatus.UNAVAILABLE, details: [] });
    expect(toLedgerError(err, 'evaluate').unavailable).toBe(true);
  });

  it('names the validation code of a CommitError', () => {
    const err = Object.assign(new Error('Transaction abc failed to commit'), { name: 'CommitError', code: 11, transactionId: 'abc' });
    expect(toLedgerError(err, 'commitStatus')).toMatchObject({ phase: 'commit', validationCode: 'MVCC_READ_CONFLICT', txId: 'abc' });
    expect(toLedgerError({ ...err, name: 'CommitError', code: 42 }, 'commit').validationCode).toBe('VALIDATION_CODE_42');
  });

  it('wraps anything else, and passes LedgerErrors through', () => {
    expect(toLedgerError('boom', 'submit')).toMatchObject({ phase: 'submit', message: 'boom', details: [] });
    const existing = new LedgerError({ phase: 'evaluate', message: 'x' });
    expect(toLedgerError(existing, 'submit')).toBe(existing);
  });
});
