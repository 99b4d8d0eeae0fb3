/**
 * Chaincode events out of full blocks. The gateway streams all chaincodes through ONE block
 * event stream rather than one chaincode-event stream per chaincode: a block carries every
 * chaincode's transactions in their commit order, so `(block, txIndex)` is a total order and an
 * exact checkpoint. Three chaincode-event streams could not be merged in block order (a stream
 * says nothing about blocks where its chaincode emitted nothing), and a resumed merge could drop
 * or repeat events. Filtered blocks are not enough: they strip event payloads.
 *
 * Only the chaincode event of each VALID endorser transaction is read; the rest of the block
 * (read/write sets, hashes of private data) is never passed on.
 *
 * @example
 * ```ts
 * for await (const event of eventsAfter(await network.getBlockEvents({ startBlock: 12n }), { after: { blockNumber: 12n, txIndex: 3 } })) …
 * ```
 */
import { common, peer } from '@hyperledger/fabric-protos';
import { isAfter, type LedgerEvent, type StreamStart } from '../events/ledgerEvent';

/** The chaincode events of a block's valid transactions, in transaction order. */
export function chaincodeEvents(block: common.Block): LedgerEvent[] {
  const blockNumber = BigInt(block.getHeader()?.getNumber() ?? 0);
  const validation = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
  const events: LedgerEvent[] = [];
  (block.getData()?.getDataList_asU8() ?? []).forEach((envelope, txIndex) => {
    if (validation?.[txIndex] !== peer.TxValidationCode.VALID) return;
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8());
    const header = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
    if (header.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
    for (const action of peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()) {
      const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
      const response = peer.ProposalResponsePayload.deserializeBinary(endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array());
      const event = peer.ChaincodeEvent.deserializeBinary(peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8()).getEvents_asU8());
      if (event.getEventName() === '') continue;
      events.push({ blockNumber, txIndex, chaincode: event.getChaincodeId(), eventName: event.getEventName(), txId: header.getTxId(), payload: event.getPayload_asU8() });
    }
  });
  return events;
}

/** The events of a block stream that lie after `start` (the first block may hold some before it). */
export async function* eventsAfter(blocks: AsyncIterable<common.Block>, start: StreamStart): AsyncGenerator<LedgerEvent> {
  for await (const block of blocks) {
    for (const event of chaincodeEvents(block)) {
      if (start === 'now' || isAfter(event, start.after)) yield event;
    }
  }
}
