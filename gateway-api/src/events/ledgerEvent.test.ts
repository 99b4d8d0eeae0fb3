import { eventJson, formatCheckpoint, isAfter, parseCheckpoint } from './ledgerEvent';

describe('checkpoints', () => {
  it('round-trip through <block>:<txIndex>', () => {
    expect(formatCheckpoint({ blockNumber: 12n, txIndex: 3 })).toBe('12:3');
    expect(parseCheckpoint('12:3')).toEqual({ blockNumber: 12n, txIndex: 3 });
    expect(parseCheckpoint(' 9007199254740993:0 ')).toEqual({ blockNumber: 9007199254740993n, txIndex: 0 });
  });

  it.each(['', '12', '12:', ':3', '12:-1', '1e3:0', '12:3:4', 'abc', '12:3x'])('refuses %j', (text) => {
    expect(parseCheckpoint(text)).toBeUndefined();
  });

  it('order events by block, then transaction index', () => {
    const at = { blockNumber: 12n, txIndex: 3 };
    expect(isAfter({ blockNumber: 12n, txIndex: 4 }, at)).toBe(true);
    expect(isAfter({ blockNumber: 13n, txIndex: 0 }, at)).toBe(true);
    expect(isAfter({ blockNumber: 12n, txIndex: 3 }, at)).toBe(false);
    expect(isAfter({ blockNumber: 11n, txIndex: 9 }, at)).toBe(false);
    expect(isAfter({ blockNumber: 12n, txIndex: 0 }, { blockNumber: 12n, txIndex: -1 })).toBe(true);
  });
});

describe('eventJson', () => {
  const base = { blockNumber: 7n, txIndex: 1, chaincode: 'records', eventName: 'parcel.registered', txId: 'tx1' };

  it('parses a JSON payload', () => {
    expect(eventJson({ ...base, payload: new TextEncoder().encode('{"parcelId":"P-1"}') })).toEqual({
      id: '7:1',
      chaincode: 'records',
      eventName: 'parcel.registered',
      txId: 'tx1',
      blockNumber: 7,
      payload: { parcelId: 'P-1' },
    });
  });

  it('passes a payload that is not JSON as base64', () => {
    const json = eventJson({ ...base, payload: Uint8Array.of(0xff, 0x00) });
    expect(json.payload).toBeNull();
    expect(json.payloadBase64).toBe('/wA=');
    expect(eventJson({ ...base, payload: new Uint8Array() }).payload).toBeNull();
  });
});
