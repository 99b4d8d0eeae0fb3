/**
 * A chaincode event as the gateway sees it, and the checkpoint that places it exactly on the
 * ledger: the block it committed in and the transaction's index in that block. Fabric keeps at
 * most one event per transaction (chaincode/common/src/events.ts), so `(block, txIndex)`
 * identifies one event and orders every event of every chaincode.
 *
 * @example
 * ```ts
 * formatCheckpoint({ blockNumber: 12n, txIndex: 3 });   // '12:3'  (the SSE id, the webhook event ID)
 * parseCheckpoint('12:3');                              // { blockNumber: 12n, txIndex: 3 }
 * isAfter(event, parseCheckpoint(lastEventId));         // resume: only what came after
 * ```
 */

/** A position on the ledger: everything up to and including `txIndex` of `blockNumber` is behind it. */
export interface Checkpoint {
  readonly blockNumber: bigint;
  /** Index of the transaction in its block; -1 stands before the block's first transaction. */
  readonly txIndex: number;
}

/** One chaincode event of a valid (committed) transaction. */
export interface LedgerEvent extends Checkpoint {
  readonly chaincode: string;
  readonly eventName: string;
  readonly txId: string;
  /** The payload bytes the chaincode set (canonical JSON for City Ledger chaincode). */
  readonly payload: Uint8Array;
}

/** Where a stream starts: after a checkpoint, or with the next block to commit. */
export type StreamStart = { readonly after: Checkpoint } | 'now';

const CHECKPOINT = /^(\d{1,19}):(\d{1,9})$/;

/** The text form, `<blockNumber>:<txIndex>`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.blockNumber}:${checkpoint.txIndex}`;
}

/** Reads `<blockNumber>:<txIndex>`; undefined when the text is not one. */
export function parseCheckpoint(text: string): Checkpoint | undefined {
  const match = CHECKPOINT.exec(text.trim());
  if (!match) return undefined;
  return { blockNumber: BigInt(match[1] ?? ''), txIndex: Number(match[2]) };
}

/** True when `event` lies after `checkpoint` on the ledger. */
export function isAfter(event: Checkpoint, checkpoint: Checkpoint): boolean {
  return event.blockNumber > checkpoint.blockNumber || (event.blockNumber === checkpoint.blockNumber && event.txIndex > checkpoint.txIndex);
}

/** The event as JSON for clients: SSE `data:` and webhook bodies. A payload that is not JSON comes as base64. */
export function eventJson(event: LedgerEvent): EventJson {
  const base = { id: formatCheckpoint(event), chaincode: event.chaincode, eventName: event.eventName, txId: event.txId, blockNumber: Number(event.blockNumber) };
  try {
    const text = utf8.decode(event.payload);
    return { ...base, payload: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch {
    return { ...base, payload: null, payloadBase64: Buffer.from(event.payload).toString('base64') };
  }
}

export interface EventJson {
  /** The checkpoint, `<blockNumber>:<txIndex>`. */
  readonly id: string;
  readonly chaincode: string;
  readonly eventName: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly payload: unknown;
  readonly payloadBase64?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
