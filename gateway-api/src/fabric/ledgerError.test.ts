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

  it('recognises a submit the BFT orderers refuse because they already have the transaction, and nothing else', () => {
    const refused = Object.assign(new Error('14 UNAVAILABLE: insufficient number of orderers could successfully process transaction to satisfy quorum requirement'), {
      name: 'SubmitError',
      code: GrpcStatus.UNAVAILABLE,
      details: [{ address: 'orderer0:7050', mspId: 'RegistryMSP', message: 'received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info=failed to submit request: request already processed' }],
      transactionId: 'abc',
    });
    expect(toLedgerError(refused, 'submit').alreadyOrdered).toBe(true);
    expect(toLedgerError(refused, 'endorse').alreadyOrdered).toBe(false);
    const noLeader = Object.assign(new Error('14 UNAVAILABLE: no orderers could successfully process transaction'), { name: 'SubmitError', code: GrpcStatus.UNAVAILABLE, details: [] });
    expect(toLedgerError(noLeader, 'submit').alreadyOrdered).toBe(false);
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
