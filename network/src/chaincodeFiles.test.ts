import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChaincodeFiles } from './chaincodes';

const REPO = path.resolve(__dirname, '..', '..');
const CHANNEL_FILE = path.join(REPO, 'chaincode', 'chaincodes.yaml');
const BASELINE_FILE = path.join(REPO, 'bench', 'baseline-chaincode', 'chaincodes.yaml');

describe('chaincodes from several files (the channel file plus an extra one)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'city-chaincodes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const extra = (declaration: object) => {
    const file = path.join(dir, 'extra.yaml');
    writeFileSync(file, JSON.stringify({ chaincodes: [declaration] }));
    return file;
  };

  test("adds bench:ledger's baseline after the channel's chaincodes", () => {
    const names = loadChaincodeFiles([CHANNEL_FILE, BASELINE_FILE]).map((c) => c.name);
    expect(names[names.length - 1]).toBe('baseline');
    expect(names).toContain('records');
    expect(loadChaincodeFiles([CHANNEL_FILE]).map((c) => c.name)).not.toContain('baseline');
  });

  test('refuses a name or a port offset declared in both, naming the file', () => {
    const base = { path: 'bench/baseline-chaincode', endorsementPolicy: 'anyDepartment' };
    expect(() => loadChaincodeFiles([CHANNEL_FILE, extra({ ...base, name: 'records', portOffset: 9 })])).toThrow(/extra\.yaml.*chaincodes\[0\].*records/);
    expect(() => loadChaincodeFiles([CHANNEL_FILE, extra({ ...base, name: 'other', portOffset: 0 })])).toThrow(/portOffset of chaincode records/);
  });
});
