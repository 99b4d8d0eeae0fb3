/**
 * Reads a peer's block file (`<peer>/data/ledgersData/chains/chains/<channel>/blockfile_NNNNNN`),
 * offline. The format is fabric `common/ledger/blkstorage`'s, not a protobuf `Block`: each
 * record is a varint length followed by that many bytes of
 *
 *   varint number | bytes dataHash | bytes previousHash
 *   varint envelopeCount | bytes envelope ...
 *   varint metadataCount | bytes metadata ...
 *
 * where `bytes` is a varint length and the bytes (protobuf's raw-bytes encoding).
 *
 * @example
 * ```ts
 * for (const { block, offset } of readBlockFile(await readFile(path))) console.log(offset, block.header.number);
 * ```
 */
import type { LedgerBlock } from './block';
import { Cursor } from './protobufWire';

/** One record of the file and where it sits. */
export interface BlockFileRecord {
  readonly block: LedgerBlock;
  /** Offset of the record's length prefix. */
  readonly offset: number;
  /** Offset and length of each envelope's bytes, in file coordinates. */
  readonly envelopes: readonly { readonly offset: number; readonly length: number }[];
}

/** The file cannot be parsed from `offset` on; `index` is the record's position (0 = first). */
export class BlockFileFormatError extends Error {
  constructor(
    readonly index: number,
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`record ${index} at offset ${offset}: ${problem}`);
    this.name = 'BlockFileFormatError';
  }
}

function readRecord(cursor: Cursor): Omit<BlockFileRecord, 'offset'> {
  const number = cursor.varint('block number');
  const dataHash = cursor.rawBytes('data hash').bytes;
  const previousHash = cursor.rawBytes('previous hash').bytes;
  const envelopeCount = cursor.varint('envelope count');
  const envelopes: { offset: number; length: number }[] = [];
  const data: Uint8Array[] = [];
  for (let i = 0; i < envelopeCount; i++) {
    const { offset, bytes } = cursor.rawBytes(`envelope ${i}`);
    envelopes.push({ offset, length: bytes.length });
    data.push(bytes);
  }
  const metadataCount = cursor.varint('metadata count');
  const metadata: Uint8Array[] = [];
  for (let i = 0; i < metadataCount; i++) metadata.push(cursor.rawBytes(`metadata ${i}`).bytes);
  if (cursor.position !== cursor.end) {
    throw new Error(`${cursor.end - cursor.position} byte(s) left over after the metadata`);
  }
  return { block: { header: { number, dataHash, previousHash }, data, metadata }, envelopes };
}

/** Yields every record in order; throws {@link BlockFileFormatError} at the first malformed one. */
export function* readBlockFile(bytes: Uint8Array): Generator<BlockFileRecord> {
  let position = 0;
  for (let index = 0; position < bytes.length; index++) {
    const offset = position;
    try {
      const prefix = new Cursor(bytes, position, bytes.length);
      const length = prefix.varint('record length');
      const start = prefix.position;
      if (length > bytes.length - start) throw new Error(`record length ${length} runs past the end of the file`);
      position = start + length;
      yield { offset, ...readRecord(new Cursor(bytes, start, position)) };
    } catch (err) {
      if (err instanceof BlockFileFormatError) throw err;
      throw new BlockFileFormatError(index, offset, (err as Error).message);
    }
  }
}
