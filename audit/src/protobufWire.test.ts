import { common } from '@hyperledger/fabric-protos';
import { bytesField, bytesFields, protoFields, stringField, uintField } from './protobufWire';

describe('protoFields', () => {
  it('reads what fabric-protos writes: bytes, repeated messages, varints and strings', () => {
    const header = new common.ChannelHeader();
    header.setType(common.HeaderType.CONFIG);
    header.setChannelId('city');
    header.setEpoch(7);
    const fields = protoFields(header.serializeBinary());
    expect([uintField(fields, 1), stringField(fields, 4), uintField(fields, 6), uintField(fields, 5)]).toEqual([1, 'city', 7, 0]);

    const metadata = new common.Metadata();
    metadata.setValue(Buffer.from('value'));
    const signatures = ['a', 'b'].map((s) => {
      const signature = new common.MetadataSignature();
      signature.setSignature(Buffer.from(s));
      return signature;
    });
    metadata.setSignaturesList(signatures);
    const read = protoFields(metadata.serializeBinary());
    expect(Buffer.from(bytesField(read, 1)).toString()).toBe('value');
    expect(bytesFields(read, 2).map((m) => Buffer.from(bytesField(protoFields(m), 2)).toString())).toEqual(['a', 'b']);
    expect(bytesField(read, 9)).toHaveLength(0);
  });

  it.each([
    ['a group (wire type 3)', [0x0b], /unsupported wire type 3/],
    ['a truncated length', [0x0a, 0x05, 0x01], /runs past the end/],
    ['a truncated varint', [0x08, 0x80], /truncated varint/],
  ])('refuses %s', (_case, bytes, message) => {
    expect(() => protoFields(Uint8Array.from(bytes))).toThrow(message);
  });

  it('refuses a field of the wrong kind', () => {
    const fields = protoFields(Uint8Array.from([0x08, 0x01, 0x12, 0x00]));
    expect(() => bytesField(fields, 1)).toThrow(/varint, bytes expected/);
    expect(() => uintField(fields, 2)).toThrow(/bytes, a varint expected/);
  });
});
