/**
 * Test fixtures: a chain of protobuf blocks built with fabric-protos, and their encoding in a
 * peer's block-file format (the writer side of `readBlockFile`, as fabric's `serializeBlock`).
 *
 * @example
 * ```ts
 * const blocks = chainOfBlocks(4);                  // common.Block[] with correct hashes
 * const file = encodeBlockFile(blocks.map(fromProtoBlock));
 * ```
 */
import { common } from '@hyperledger/fabric-protos';
import type { LedgerBlock } from '../block';
import { blockDataHash, blockHeaderHash } from '../blockHash';

/** `count` linked blocks from block 0, each with `1 + number % 3` made-up envelopes and two metadata entries. */
export function chainOfBlocks(count: number): common.Block[] {
  const blocks: common.Block[] = [];
  let previousHash: Uint8Array = new Uint8Array();
  for (let number = 0; number < count; number++) {
    const envelopes = Array.from({ length: 1 + (number % 3) }, (_, i) => Buffer.from(`envelope ${number}.${i} `.repeat(20 + i)));
    const header = new common.BlockHeader();
    header.setNumber(number);
    header.setPreviousHash(previousHash);
    header.setDataHash(blockDataHash(envelopes));
    const data = new common.BlockData();
    data.setDataList(envelopes);
    const metadata = new common.BlockMetadata();
    metadata.setMetadataList([Buffer.from(`signatures of ${number}`), Buffer.alloc(envelopes.length)]);
    const block = new common.Block();
    block.setHeader(header);
    block.setData(data);
    block.setMetadata(metadata);
    blocks.push(block);
    previousHash = blockHeaderHash({ number, previousHash, dataHash: header.getDataHash_asU8() });
  }
  return blocks;
}

/** A protobuf varint. */
export function varint(value: number): Buffer {
  const bytes: number[] = [];
  let n = value;
  while (n >= 0x80) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** Length-delimited bytes: a varint length, then the bytes. */
export const rawBytes = (bytes: Uint8Array): Buffer => Buffer.concat([varint(bytes.length), bytes]);

/** The blocks as a peer writes them to `blockfile_NNNNNN`. */
export function encodeBlockFile(blocks: readonly LedgerBlock[]): Buffer {
  return Buffer.concat(
    blocks.map(({ header, data, metadata }) => {
      const record = Buffer.concat([
        varint(header.number),
        rawBytes(header.dataHash),
        rawBytes(header.previousHash),
        varint(data.length),
        ...data.map(rawBytes),
        varint(metadata.length),
        ...metadata.map(rawBytes),
      ]);
      return Buffer.concat([varint(record.length), record]);
    }),
  );
}

/** A block as a peer serves it (qscc's protobuf), e.g. for a fake ledger client. */
export function toProtoBlock({ header, data, metadata }: LedgerBlock): common.Block {
  const protoHeader = new common.BlockHeader();
  protoHeader.setNumber(header.number);
  protoHeader.setPreviousHash(header.previousHash);
  protoHeader.setDataHash(header.dataHash);
  const protoData = new common.BlockData();
  protoData.setDataList([...data]);
  const protoMetadata = new common.BlockMetadata();
  protoMetadata.setMetadataList([...metadata]);
  const block = new common.Block();
  block.setHeader(protoHeader);
  block.setData(protoData);
  block.setMetadata(protoMetadata);
  return block;
}
