import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, schemaVersion } from './database';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'gateway-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the folder and a file only its owner can read, in WAL mode', () => {
    const file = path.join(dir, 'gateway', 'registry', 'gateway.db');
    const database = openDatabase(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(database.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(database.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 5000 });
    database.close();
  });

  it('keeps what was written across a reopen', () => {
    const file = path.join(dir, 'gateway.db');
    const first = openDatabase(file);
    first.exec('CREATE TABLE t (v TEXT)');
    first.prepare('INSERT INTO t VALUES (?)').run('kept');
    first.close();
    const second = openDatabase(file);
    expect(second.prepare('SELECT v FROM t').all()).toEqual([{ v: 'kept' }]);
    second.close();
  });
});

describe('schemaVersion', () => {
  it('records a module version and returns the previous one', () => {
    const database = openDatabase(path.join(dir, 'gateway.db'));
    expect(schemaVersion(database, 'jobs', 1)).toBe(0);
    expect(schemaVersion(database, 'jobs', 2)).toBe(1);
    expect(schemaVersion(database, 'keys', 1)).toBe(0);
    database.close();
  });
});
