import { createHash } from 'node:crypto';
import { blockDataHash, blockHeaderBytes, blockHeaderHash, equalBytes, toHex } from './blockHash';

const filled = (byte: number, length = 32) => new Uint8Array(length).fill(byte);

describe('blockHeaderBytes', () => {
  it('is the DER SEQUENCE of number, previous hash and data hash (fabric BlockHeaderBytes)', () => {
    const bytes = blockHeaderBytes({ number: 1, previousHash: filled(0x11), dataHash: filled(0x22) });
    expect(toHex(bytes)).toBe(`3047020101` + `0420${'11'.repeat(32)}` + `0420${'22'.repeat(32)}`);
  });

  it('encodes the genesis block with an empty previous hash', () => {
    expect(toHex(blockHeaderBytes({ number: 0, previousHash: new Uint8Array(), dataHash: filled(0xaa) }))).toBe(
      `3027020100` + `0400` + `0420${'aa'.repeat(32)}`,
    );
  });

  it('gives block numbers with the top bit set a leading zero byte', () => {
    expect(toHex(blockHeaderBytes({ number: 200, previousHash: filled(1), dataHash: filled(2) })).slice(0, 12)).toBe('3048020200c8');
  });
});

describe('blockHeaderHash', () => {
  it('is SHA-256 of the header bytes, and changes with every field', () => {
    const header = { number: 3, previousHash: filled(1), dataHash: filled(2) };
    const hash = blockHeaderHash(header);
    expect(toHex(hash)).toBe(createHash('sha256').update(blockHeaderBytes(header)).digest('hex'));
    expect(equalBytes(blockHeaderHash({ ...header, number: 4 }), hash)).toBe(false);
    expect(equalBytes(blockHeaderHash({ ...header, previousHash: filled(9) }), hash)).toBe(false);
    expect(equalBytes(blockHeaderHash({ ...header, dataHash: filled(9) }), hash)).toBe(false);
  });
});

describe('blockDataHash', () => {
  it('is SHA-256 of the envelopes concatenated', () => {
    const envelopes = [Buffer.from('first'), Buffer.from('second')];
    expect(toHex(blockDataHash(envelopes))).toBe(createHash('sha256').update('firstsecond').digest('hex'));
  });

  it('of no envelopes is SHA-256 of nothing', () => {
    expect(toHex(blockDataHash([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('equalBytes', () => {
  it('compares views by content, not by buffer', () => {
    const backing = Uint8Array.from([0, 1, 2, 3]);
    expect(equalBytes(backing.subarray(1, 3), Uint8Array.from([1, 2]))).toBe(true);
    expect(equalBytes(backing.subarray(1, 3), Uint8Array.from([1, 3]))).toBe(false);
  });
});
