import { FakeLedger, registryClerk } from './testing';
import { readFromChaincode } from './crossChaincode';

const read = { chaincode: 'identity', fn: 'credentials:getCredential', kind: 'credential', id: 'CRED-1' };

describe('readFromChaincode', () => {
  it('answers the record, NOT_FOUND when the other chaincode says so, FAILED_PRECONDITION otherwise', async () => {
    const ctx = new FakeLedger().context(registryClerk);
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 200, payload: Buffer.from('{"id":"CRED-1","type":"residency"}') } as never);
    await expect(readFromChaincode(ctx, read)).resolves.toEqual({ id: 'CRED-1', type: 'residency' });
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 500, message: 'NOT_FOUND: credential CRED-1 does not exist' } as never);
    await expect(readFromChaincode(ctx, read)).rejects.toMatchObject({ message: 'NOT_FOUND: credential CRED-1 does not exist' });
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 404 } as never);
    await expect(readFromChaincode(ctx, read)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('status 404') });
    ctx.stub.invokeChaincode = () => Promise.reject('peer said no');
    await expect(readFromChaincode(ctx, read)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('status 500') });
    ctx.stub.invokeChaincode = () => Promise.reject(new Error('down'));
    await expect(readFromChaincode(ctx, read)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    for (const payload of ['[]', 'null', '{"id":"CRED-2"}', '{']) {
      ctx.stub.invokeChaincode = () => Promise.resolve({ status: 200, payload: Buffer.from(payload) } as never);
      await expect(readFromChaincode(ctx, read)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('unreadable credential') });
    }
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 200 } as never);
    await expect(readFromChaincode(ctx, read)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });
});
