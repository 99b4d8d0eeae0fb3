import path from 'node:path';
import type { ConsortiumDescriptor } from '@city-ledger/domain';
import type { ChaincodeInterface, ChaincodeStub } from 'fabric-shim';
import { activeConsortium } from '../activeConsortium';
import { FOUNDING_CONSORTIUM } from '../testing/foundingConsortium';
import { constructedWith } from './fixtures/fixtureChaincode';
import { inConsortium, loadChaincode } from './loadChaincode';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
const regulatorless: ConsortiumDescriptor = { ...FOUNDING_CONSORTIUM, orgs: FOUNDING_CONSORTIUM.orgs.filter((o) => o.role === 'department') };
const stub = {} as ChaincodeStub;

describe('loadChaincode', () => {
  it('serves each chaincode its own components and constructs it with its own descriptor', async () => {
    const alpha = await loadChaincode(fixture('alpha'), regulatorless);
    const beta = await loadChaincode(fixture('beta'), FOUNDING_CONSORTIUM);
    expect(Object.keys(alpha.metadata.components.schemas)).toEqual(['AlphaRecord']);
    expect(Object.keys(beta.metadata.components.schemas)).toEqual(['BetaRecord']);
    expect(constructedWith.get('alpha')).toBe(regulatorless);
    expect(constructedWith.get('beta')).toBe(FOUNDING_CONSORTIUM);
    expect(alpha.title).toBe('host-fixture-alpha');
  });

  it('serves a workspace loaded a second time (a chaincode under another name) its own components again', async () => {
    await loadChaincode(fixture('beta'), FOUNDING_CONSORTIUM);
    const again = await loadChaincode(fixture('alpha'), FOUNDING_CONSORTIUM);
    expect(Object.keys(again.metadata.components.schemas)).toEqual(['AlphaRecord']);
    expect(constructedWith.get('alpha')).toBe(FOUNDING_CONSORTIUM);
  });

  it('fails on a workspace without a chaincode', async () => {
    await expect(loadChaincode(fixture('none'), FOUNDING_CONSORTIUM)).rejects.toThrow(/package\.json/);
  });
});

describe('inConsortium', () => {
  /** A chaincode that answers with the MSP IDs in force after awaiting, as a transaction reads them. */
  const echo: ChaincodeInterface = {
    Init: async () => ({ status: 200, message: 'init', payload: Buffer.from(String(activeConsortium().orgs.length)) }),
    Invoke: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return { status: 200, message: 'ok', payload: Buffer.from(String(activeConsortium().orgs.length)) };
    },
  };
  const orgsSeen = async (answer: Promise<{ payload: Uint8Array }>) => Number(Buffer.from((await answer).payload).toString());

  it('puts the chaincode’s descriptor in force for its transactions, concurrent ones included', async () => {
    const a = inConsortium(echo, regulatorless);
    const b = inConsortium(echo, FOUNDING_CONSORTIUM);
    const [fromA, fromB, initA] = await Promise.all([orgsSeen(a.Invoke(stub)), orgsSeen(b.Invoke(stub)), orgsSeen(a.Init(stub))]);
    expect(fromA).toBe(regulatorless.orgs.length);
    expect(fromB).toBe(FOUNDING_CONSORTIUM.orgs.length);
    expect(initA).toBe(regulatorless.orgs.length);
    expect(regulatorless.orgs.length).toBeLessThan(FOUNDING_CONSORTIUM.orgs.length);
  });

  it('leaves the process descriptor in force outside', () => {
    expect(activeConsortium()).toBe(FOUNDING_CONSORTIUM);
  });
});
