import { common, peer } from '@hyperledger/fabric-protos';
import { chaincodeEvents, eventsAfter } from './blockEvents';

interface Tx {
  readonly txId: string;
  readonly valid?: boolean;
  readonly type?: number;
  /** No event when undefined. */
  readonly event?: { chaincode: string; name: string; payload: string };
}

/** A block as the peer delivers it: envelopes of endorser transactions and the validation filter. */
function block(number: number, txs: readonly Tx[]): common.Block {
  const envelopes = txs.map((tx) => {
    const event = new peer.ChaincodeEvent();
    if (tx.event) {
      event.setChaincodeId(tx.event.chaincode);
      event.setTxId(tx.txId);
      event.setEventName(tx.event.name);
      event.setPayload(new TextEncoder().encode(tx.event.payload));
    }
    const chaincodeAction = new peer.ChaincodeAction();
    chaincodeAction.setEvents(event.serializeBinary());
    const responsePayload = new peer.ProposalResponsePayload();
    responsePayload.setExtension$(chaincodeAction.serializeBinary());
    const endorsed = new peer.ChaincodeEndorsedAction();
    endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setAction(endorsed);
    const action = new peer.TransactionAction();
    action.setPayload(actionPayload.serializeBinary());
    const transaction = new peer.Transaction();
    transaction.setActionsList([action]);

    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(tx.type ?? common.HeaderType.ENDORSER_TRANSACTION);
    channelHeader.setTxId(tx.txId);
    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(transaction.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope.serializeBinary();
  });
  const result = new common.Block();
  const blockHeader = new common.BlockHeader();
  blockHeader.setNumber(number);
  result.setHeader(blockHeader);
  const data = new common.BlockData();
  data.setDataList(envelopes);
  result.setData(data);
  const metadata = new common.BlockMetadata();
  const filter = Uint8Array.from(txs.map((tx) => (tx.valid === false ? peer.TxValidationCode.MVCC_READ_CONFLICT : peer.TxValidationCode.VALID)));
  metadata.setMetadataList([new Uint8Array(), new Uint8Array(), filter, new Uint8Array(), new Uint8Array()]);
  result.setMetadata(metadata);
  return result;
}

const ev = (chaincode: string, name: string, payload = '{}') => ({ chaincode, name, payload });

describe('chaincodeEvents', () => {
  it('reads the event of each valid endorser transaction, with its index in the block', () => {
    const events = chaincodeEvents(
      block(12, [
        { txId: 'a', event: ev('records', 'parcel.registered', '{"parcelId":"P-1"}') },
        { txId: 'b', event: ev('logistics', 'WasteCollected'), valid: false },
        { txId: 'c' },
        { txId: 'd', event: ev('identity', 'citizen.registered') },
        { txId: 'e', event: ev('records', 'x'), type: common.HeaderType.CONFIG },
      ]),
    );
    expect(events.map(({ payload, ...rest }) => ({ ...rest, payload: new TextDecoder().decode(payload) }))).toEqual([
      { blockNumber: 12n, txIndex: 0, chaincode: 'records', eventName: 'parcel.registered', txId: 'a', payload: '{"parcelId":"P-1"}' },
      { blockNumber: 12n, txIndex: 3, chaincode: 'identity', eventName: 'citizen.registered', txId: 'd', payload: '{}' },
    ]);
  });
});

describe('eventsAfter', () => {
  async function* blocks() {
    yield block(12, [
      { txId: 'a', event: ev('records', 'one') },
      { txId: 'b', event: ev('records', 'two') },
    ]);
    yield block(13, [{ txId: 'c', event: ev('records', 'three') }]);
  }

  it('drops the first block events up to the checkpoint', async () => {
    const seen: string[] = [];
    for await (const event of eventsAfter(blocks(), { after: { blockNumber: 12n, txIndex: 0 } })) seen.push(event.txId);
    expect(seen).toEqual(['b', 'c']);
  });

  it('keeps everything from the next block', async () => {
    const seen: string[] = [];
    for await (const event of eventsAfter(blocks(), 'now')) seen.push(event.txId);
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});
