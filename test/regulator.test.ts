import { StatusCode } from '@hyperledger/fabric-gateway';
import { ClientSession, connectAs } from './support/gateway';
import { failureOf } from './support/errors';
import { networkEnv } from './support/network';

/**
 * The regulator reads everything public and never counts as an endorser:
 * channel ACLs let its clients read blocks and events, and an endorsement
 * from its peer alone satisfies no policy.
 */
let auditor: ClientSession;
let works: ClientSession;
const run = Date.now().toString(36);

beforeAll(async () => {
  auditor = await connectAs('auditor', 'auditor1');
  works = await connectAs('publicworks', 'officer1');
});
afterAll(() => [auditor, works].forEach((s) => s.close()));

describe('the regulator on the real network', () => {
  test('reads blocks (event/Block) from the genesis block on, and the chain info (qscc)', async () => {
    const network = auditor.gateway.getNetwork(networkEnv().CHANNEL_NAME);
    const blocks = await network.getBlockEvents({ startBlock: 0n });
    try {
      const first = await blocks[Symbol.asyncIterator]().next();
      expect(first.done).toBe(false);
      expect(first.value?.getHeader()?.getNumber()).toBe(0);
    } finally {
      blocks.close();
    }
    const info = await network.getContract('qscc').evaluateTransaction('GetChainInfo', networkEnv().CHANNEL_NAME);
    expect(info.length).toBeGreaterThan(0);
  });

  test('receives chaincode events', async () => {
    const created = await works
      .contract('logistics', 'shipments')
      .submitAsync('createShipment', { arguments: [JSON.stringify({ id: `SHP-${run}-reg`, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 1, uom: 'KGM' }] })] });
    const status = await created.getStatus();
    const events = await auditor.gateway.getNetwork(networkEnv().CHANNEL_NAME).getChaincodeEvents('logistics', { startBlock: status.blockNumber });
    try {
      const event = await events[Symbol.asyncIterator]().next();
      expect(event.value?.transactionId).toBe(created.getTransactionId());
    } finally {
      events.close();
    }
  });

  test("an endorsement by the regulator's peer alone satisfies no chaincode policy", async () => {
    const proposal = works.contract('logistics', 'shipments').newProposal('createShipment', {
      arguments: [JSON.stringify({ id: `SHP-${run}-aud`, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 1, uom: 'KGM' }] })],
      endorsingOrganizations: ['AuditorMSP'],
    });
    const status = await (await (await proposal.endorse()).submit()).getStatus();
    expect(status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    expect(await failureOf(auditor.contract('logistics', 'shipments').evaluateTransaction('getShipment', `SHP-${run}-aud`))).toMatch(/NOT_FOUND/);
  });
});
