// The gateway shares the domain model with the chaincode through @city-ledger/domain, which is
// Fabric-free: building and starting the app must not load the chaincode runtime.
import request from 'supertest';

const mockLoaded: string[] = [];
jest.mock('fabric-contract-api', () => {
  mockLoaded.push('fabric-contract-api');
  return jest.requireActual('fabric-contract-api');
});
jest.mock('fabric-shim', () => {
  mockLoaded.push('fabric-shim');
  return jest.requireActual('fabric-shim');
});

describe('the gateway and the chaincode runtime', () => {
  it('builds and answers without loading fabric-contract-api or fabric-shim', async () => {
    const { KEYS, testApp } = await import('./testing');
    const { app } = testApp();
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk);
    expect(mockLoaded).toEqual([]);
  });
});
