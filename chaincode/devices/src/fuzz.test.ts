// Hostile arguments to every transaction function of the devices chaincode (common/src/testing/fuzzTransactions.ts).
import { fuzzTransactions } from '@city-ledger/chaincode-common/testing';
import { contracts } from './index';

jest.setTimeout(120_000);

it('answers hostile arguments to every transaction function only with coded errors, changing nothing', async () => {
  const report = await fuzzTransactions({ contracts, title: 'devices' });
  console.log(`devices chaincode fuzz: ${report.calls} calls, ${report.succeeded} succeeded`);
  expect(report.failures).toEqual([]);
});
