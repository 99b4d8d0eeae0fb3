import { AuditError } from './errors';
import { historyCsv, historyKind, recordHistory } from './history';
import { fakeReader } from './testing/fakeReader';

describe('recordHistory', () => {
  const reader = fakeReader({
    // Newest first, as the chaincodes answer.
    'records property:getParcelHistory P-1': [
      { txId: 'tx3', timestamp: '2025-01-03T00:00:00.000Z', isDelete: false, value: { id: 'P-1', ownerId: 'C-2', encumbrances: [{ id: 'E-1', note: 'a "lien", paid' }] } },
      { txId: 'tx2', timestamp: '2025-01-02T00:00:00.000Z', isDelete: false, value: { id: 'P-1', ownerId: 'C-1\nsecond line', encumbrances: [] } },
      { txId: 'tx1', timestamp: '2025-01-01T00:00:00.000Z', isDelete: false, value: { id: 'P-1', ownerId: 'C-1', landUse: 'RESIDENTIAL' } },
    ],
    'logistics waste:getManifestHistory W-1': [{ txId: 'tx9', timestamp: '2025-02-01T00:00:00.000Z', manifest: { id: 'W-1', stage: 'COLLECTED' } }],
    'records permits:getPermitHistory BAD': '{"not":"an array"}',
  });

  it('numbers the versions oldest first', async () => {
    const history = await recordHistory(reader, 'parcel', 'P-1');
    expect(history).toMatchObject({ kind: 'parcel', id: 'P-1', chaincode: 'records', function: 'property:getParcelHistory' });
    expect(history.versions.map((v) => [v.version, v.txId])).toEqual([[1, 'tx1'], [2, 'tx2'], [3, 'tx3']]);
    expect(history.versions[0]?.value).toEqual({ id: 'P-1', ownerId: 'C-1', landUse: 'RESIDENTIAL' });
  });

  it("reads a waste manifest's versions from their `manifest` field", async () => {
    const history = await recordHistory(reader, 'waste-manifest', 'W-1');
    expect(history.versions).toEqual([{ version: 1, txId: 'tx9', timestamp: '2025-02-01T00:00:00.000Z', isDelete: false, value: { id: 'W-1', stage: 'COLLECTED' } }]);
  });

  it('passes NOT_FOUND on and refuses an answer that is not a history', async () => {
    await expect(recordHistory(reader, 'vital', 'B-404')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordHistory(reader, 'permit', 'BAD')).rejects.toEqual(new AuditError('INVALID_ARGUMENT', 'the permit history must be an array'));
  });

  it('names the known kinds when given another', () => {
    expect(() => historyKind('credential')).toThrow('unknown record kind "credential" (known: parcel, vital, permit, waste-manifest)');
  });
});

describe('historyCsv', () => {
  it('writes one quoted, escaped line per version with a column per field of any version', async () => {
    const csv = historyCsv(await recordHistory(fakeReader({
      'records property:getParcelHistory P-1': [
        { txId: 'tx2', timestamp: 't2', isDelete: false, value: { id: 'P-1', ownerId: 'C-1\nsecond line', encumbrances: [{ note: 'a "lien", paid' }] } },
        { txId: 'tx1', timestamp: 't1', isDelete: false, value: { id: 'P-1', landUse: 'RESIDENTIAL' } },
      ],
    }), 'parcel', 'P-1'));
    expect(csv).toBe(
      'version,txId,timestamp,isDelete,encumbrances,id,landUse,ownerId\r\n' +
        '1,tx1,t1,false,,P-1,RESIDENTIAL,\r\n' +
        '2,tx2,t2,false,"[{""note"":""a \\""lien\\"", paid""}]",P-1,,"C-1\nsecond line"\r\n',
    );
  });
});
