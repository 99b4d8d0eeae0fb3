/**
 * The gateway's durable state: one SQLite file (Node's built-in `node:sqlite`, no native npm
 * module) in the runtime folder, opened once by main.ts and handed to every module that keeps
 * state. Each module creates its own tables with `CREATE TABLE IF NOT EXISTS` and notes their
 * schema version with {@link schemaVersion}.
 *
 * @example
 * ```ts
 * const database = openDatabase('.runtime/homes/registry/gateway/gateway.db');
 * const writes = new WritePipeline({ database, ledger, settings, logger });   // and the other stateful modules
 * // tests: new DatabaseSync(':memory:')
 * ```
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** How long a write waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the store at `file`: its directory is created 0700, the file is
 * 0600 (it holds answers and transaction envelopes), the journal is WAL so readers never block
 * the writer.
 */
export function openDatabase(file: string): DatabaseSync {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Create the file with its final mode before SQLite opens it, so it is never readable by others.
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const database = new DatabaseSync(file);
  database.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON;`);
  return database;
}

/**
 * Records that `module`'s tables are at `version` (in the shared `schema_versions` table) and
 * returns the version the file had before, or 0 for a new file. A module that changes its tables
 * bumps its version and migrates from the returned one.
 */
export function schemaVersion(database: DatabaseSync, module: string, version: number): number {
  database.exec('CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = database.prepare('SELECT version FROM schema_versions WHERE module = ?').get(module) as { version: number } | undefined;
  database.prepare('INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version').run(module, version);
  return row?.version ?? 0;
}
