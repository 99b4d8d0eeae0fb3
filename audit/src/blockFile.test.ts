import { fromProtoBlock } from './block';
import { BlockFileFormatError, readBlockFile } from './blockFile';
import { toHex } from './blockHash';
import { chainOfBlocks, encodeBlockFile } from './testing/blocks';

describe('readBlockFile', () => {
  const blocks = chainOfBlocks(4).map(fromProtoBlock);
  const file = encodeBlockFile(blocks);

  it('reads back every block, field for field, with its offset and envelope positions', () => {
    const records = [...readBlockFile(file)];
    expect(records.map((r) => r.block.header.number)).toEqual([0, 1, 2, 3]);
    records.forEach((record, i) => {
      const original = blocks[i];
      expect(toHex(record.block.header.dataHash)).toBe(toHex(original?.header.dataHash as Uint8Array));
      expect(toHex(record.block.header.previousHash)).toBe(toHex(original?.header.previousHash as Uint8Array));
      expect(record.block.data.map(toHex)).toEqual(original?.data.map(toHex));
      expect(record.block.metadata.map(toHex)).toEqual(original?.metadata.map(toHex));
      record.envelopes.forEach((span, j) => {
        expect(toHex(file.subarray(span.offset, span.offset + span.length))).toBe(toHex(original?.data[j] as Uint8Array));
      });
    });
    expect(records[0]?.offset).toBe(0);
  });

  it('reads an empty file as no blocks', () => {
    expect([...readBlockFile(new Uint8Array())]).toEqual([]);
  });

  it('names the record and offset of a truncated file', () => {
    const records = [...readBlockFile(file)];
    const cut = file.subarray(0, file.length - 5);
    expect(() => [...readBlockFile(cut)]).toThrow(BlockFileFormatError);
    expect(() => [...readBlockFile(cut)]).toThrow(`record 3 at offset ${records[3]?.offset}: record length`);
  });

  it('refuses a record whose length prefix no longer matches its contents', () => {
    const records = [...readBlockFile(file)];
    const changed = Buffer.from(file);
    const at = records[1]?.offset as number;
    changed[at] = (changed[at] as number) - 1; // one byte shorter: the metadata no longer fits
    expect(() => [...readBlockFile(changed)]).toThrow(/^record 1 at offset \d+: /);
  });
});
