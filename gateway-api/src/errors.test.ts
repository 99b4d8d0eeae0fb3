import { status as GrpcStatus } from '@grpc/grpc-js';
import { HttpProblem, mapError, problem, PROBLEM_CODES, Problems } from './errors';
import { LedgerError } from './fabric/ledgerError';
import { chaincodeFailure, grpcFailure } from './testing';

describe('mapError', () => {
  it.each([
    ['INVALID_ARGUMENT: areaM2 must be a number from 1 to 1000000000', 400, 'INVALID_ARGUMENT'],
    ['FORBIDDEN: regulators are read-only', 403, 'FORBIDDEN'],
    ['NOT_FOUND: parcel P-9 does not exist', 404, 'NOT_FOUND'],
    ['CONFLICT: parcel P-1 already exists', 409, 'CONFLICT'],
    ['FAILED_PRECONDITION: parcel P-1 already belongs to C-1', 422, 'FAILED_PRECONDITION'],
  ])('maps the chaincode error %j to %i', (message, status, code) => {
    for (const phase of ['evaluate', 'endorse'] as const) {
      const { problem: body, internal } = mapError(chaincodeFailure(message, phase));
      expect(body).toMatchObject({ status, code, detail: message.slice(message.indexOf(': ') + 2) });
      expect(body.type).toBe(`urn:city-ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`);
      expect(internal).toBe(false);
    }
  });

  it('keeps the transaction ID of a failed endorsement', () => {
    expect(mapError(chaincodeFailure('CONFLICT: parcel P-1 already exists', 'endorse')).problem.txId).toBe('tx-failed');
  });

  it('maps an unreachable peer to 503 with Retry-After', () => {
    const mapped = mapError(grpcFailure(GrpcStatus.UNAVAILABLE));
    expect(mapped.problem).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(mapped.headers).toEqual({ 'Retry-After': '5' });
  });

  it('maps a deadline to 504, with the transaction ID to look up', () => {
    expect(mapError(grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', 'tx9')).problem).toMatchObject({
      status: 504,
      code: 'DEADLINE_EXCEEDED',
      txId: 'tx9',
      detail: expect.stringContaining('may still commit'),
    });
  });

  it('maps a peer PERMISSION_DENIED to 403', () => {
    expect(mapError(grpcFailure(GrpcStatus.PERMISSION_DENIED)).problem).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('maps an MVCC conflict at commit to 409 MVCC_CONFLICT', () => {
    const err = new LedgerError({ phase: 'commit', message: 'failed', txId: 'tx3', validationCode: 'MVCC_READ_CONFLICT' });
    expect(mapError(err).problem).toMatchObject({ status: 409, code: 'MVCC_CONFLICT', txId: 'tx3' });
  });

  it('hides other ledger failures behind a bare 500', () => {
    const err = new LedgerError({ phase: 'endorse', message: 'secret internals at /var/hyperledger', grpcCode: GrpcStatus.INTERNAL, txId: 'tx4' });
    const mapped = mapError(err);
    expect(mapped.internal).toBe(true);
    expect(mapped.problem).toEqual({ ...problem('INTERNAL'), txId: 'tx4' });
    expect(JSON.stringify(mapped.problem)).not.toContain('secret');
  });

  it.each([
    [{ type: 'entity.parse.failed', status: 400 }, 400, 'MALFORMED_JSON'],
    [{ type: 'entity.too.large', status: 413 }, 413, 'BODY_TOO_LARGE'],
    [{ type: 'charset.unsupported', status: 415 }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [{ type: 'request.aborted', status: 400 }, 400, 'BAD_REQUEST'],
  ])('maps the body-parser error %j to %i', (err, status, code) => {
    expect(mapError(Object.assign(new Error('raw parser message'), err)).problem).toMatchObject({ status, code });
  });

  it('answers malformed percent-encoding in the path (the router\'s URIError) with 400 BAD_REQUEST', () => {
    const err = Object.assign(new URIError("Failed to decode param '%E0%A4'"), { status: 400 });
    expect(mapError(err)).toEqual({ problem: problem('BAD_REQUEST', 'the URL is not valid percent-encoded UTF-8'), internal: false });
    expect(mapError(new URIError('URI malformed')).problem.status).toBe(400);
  });

  it('answers any other 4xx error of Express\'s libraries with 400 BAD_REQUEST, never 500', () => {
    expect(mapError(Object.assign(new Error('x'), { status: 400 })).problem).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(mapError(Object.assign(new Error('x'), { status: 503 })).problem).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it('answers an unknown error with a bare 500 and no detail or stack', () => {
    const err = new TypeError('cannot read properties of undefined (reading "x")');
    const mapped = mapError(err);
    expect(mapped).toEqual({ problem: problem('INTERNAL'), internal: true });
    expect(JSON.stringify(mapped.problem)).not.toMatch(/reading|at |\.ts/);
  });

  it('never parses a code out of an error that is not from the ledger', () => {
    expect(mapError(new Error('NOT_FOUND: nothing')).problem.status).toBe(500);
  });

  it('passes HttpProblems through', () => {
    expect(mapError(Problems.readOnly()).problem).toMatchObject({ status: 403, code: 'READ_ONLY' });
    expect(new HttpProblem('INVALID_ARGUMENT', 'bad', { errors: [] }).problem).not.toHaveProperty('errors');
  });

  it('gives every code a 4xx or 5xx status', () => {
    for (const { status } of Object.values(PROBLEM_CODES)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
