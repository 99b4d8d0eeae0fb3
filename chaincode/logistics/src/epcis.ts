/**
 * Where a shipment's EPCIS 2.0 events live (their shapes and vocabulary are declared once, in
 * @city-ledger/domain, logistics/epcis): every shipment state change appends one
 * `ObjectEvent` (what, when, where, why, how) under its own key, indexed by shipment and
 * sequence number so that `trace` returns the history in order.
 *
 * Keys: `epcisEvent` + eventId (the event's primary key; eventId = the transaction ID, as one
 * transaction changes one shipment) and index `shipment~event` + [shipmentId, seq (10 digits),
 * eventId].
 *
 * @example
 * ```ts
 * await appendEpcisEvent(ctx, event);           // writes the event and its index entry
 * const page = await listEpcisEvents(ctx, 'SH-1', '50', '');
 * ```
 */
import { keyFor, listByIndex, putIndex, writeJson, type Page } from '@city-ledger/chaincode-common';
import type { EpcisEvent } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';

export {
  BIZ_STEPS,
  DISPOSITIONS,
  MAX_EPCS,
  MAX_QUANTITIES,
  type BizStep,
  type Disposition,
  type EpcisAction,
  type EpcisEvent,
  type PartyRef,
  type QuantityElement,
  type SensorElement,
  type SensorReport,
} from '@city-ledger/domain';

/** One page of a shipment's trace. */
export type EpcisEventPage = Page<EpcisEvent>;

const EVENT_KEY = 'epcisEvent';
const EVENT_INDEX = 'shipment~event';

/** The eventID of the transaction's event. */
export function eventIdFor(txId: string): string {
  return `urn:city-ledger:logistics:event:${txId}`;
}

/** Zero-padded sequence number so that index keys sort in event order. */
export function seqAttr(seq: number): string {
  return String(seq).padStart(10, '0');
}

/** Writes `event` under its own key and its `shipment~event` index entry. */
export async function appendEpcisEvent(ctx: Context, event: EpcisEvent): Promise<void> {
  await writeJson(ctx, keyFor(ctx, EVENT_KEY, event.txId), event);
  await putIndex(ctx, EVENT_INDEX, [event.shipmentId, seqAttr(event.seq), event.txId]);
}

/** One page of a shipment's events, oldest first. Paginated: evaluate-only. */
export async function listEpcisEvents(
  ctx: Context,
  shipmentId: string,
  pageSize: string,
  bookmark: string,
): Promise<EpcisEventPage> {
  return listByIndex<EpcisEvent>(ctx, EVENT_INDEX, [shipmentId], {
    pageSize,
    bookmark,
    primaryKey: (txId) => keyFor(ctx, EVENT_KEY, txId),
  });
}
