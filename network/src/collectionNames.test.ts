// The collections' names stand in two places by design: chaincode/chaincodes.yaml declares
// them with their members (the generator's input), and @city-ledger/domain names them for the
// code that reads and writes them. This test keeps the two in step.
import path from 'node:path';
import { LogisticsCollection, RecordsCollection } from '@city-ledger/domain';
import { loadChaincodes } from './chaincodes';

const declared = loadChaincodes(path.resolve(__dirname, '..', '..', 'chaincode', 'chaincodes.yaml'));
const namesOf = (chaincode: string): string[] =>
  (declared.find((c) => c.name === chaincode)?.collections ?? []).filter((c) => !c.perDepartment).map((c) => c.name).sort();

describe('collection names', () => {
  it.each([
    ['records', RecordsCollection],
    ['logistics', LogisticsCollection],
  ])('%s: the domain names exactly the collections chaincodes.yaml declares', (chaincode, names) => {
    expect(namesOf(chaincode)).toEqual(Object.values(names).sort());
  });
});
