#!/usr/bin/env node
/**
 * The regulator's audit command (`npm run audit -- <command>`). Prints JSON (or CSV) on stdout.
 *
 *   verify-ledger  [--compare org[/peer]]... [--no-compare] [--from N] [--to N]
 *   verify-file    <blockfile_NNNNNN | folder of block files | backup folder (manifest.json)>
 *   check-document <vital|credential|citizen|supplier-terms|decision> <record id> <document file>
 *   check-reading  <proof.json>   (a telemetry reading's inclusion proof, from the collector)
 *   history        <parcel|vital|permit|waste-manifest> <record id> [--format json|csv] [--output file]
 *   recount        <budgeting round id>
 *
 * Live commands act as `--org auditor --user auditor1` on the org's first peer (`--peer`).
 * Exit codes: 0 sound / MATCH / the recount AGREES, 1 a check failed (bad block, peers disagree, MISMATCH, DISAGREES),
 * 2 bad input (unknown command, kind or record, bad block number, unreadable file),
 * 3 the network cannot be reached or refused. Errors print one line, `error: CODE: message`,
 * on stderr; never a stack trace.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { networkEnvironment } from './environment';
import { AuditError, AuditErrorCode, fileError } from './errors';
import type { AuditEnvironment, PeerSession, SessionTarget } from './peerSession';
import { isBackupFolder, verifyBackup } from './verifyBackup';
import { verifyBlockFiles } from './verifyBlockFiles';
import { verifyLedger } from './verifyLedger';

/** Where the CLI writes, and how it finds the network (injectable for tests). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly environment: () => AuditEnvironment;
}

export const EXIT = { ok: 0, failed: 1, badInput: 2, unavailable: 3 } as const;

const EXIT_FOR: Record<AuditErrorCode, number> = {
  INVALID_ARGUMENT: EXIT.badInput,
  NOT_FOUND: EXIT.badInput,
  UNREADABLE: EXIT.badInput,
  UNAVAILABLE: EXIT.unavailable,
};

const SESSION_OPTIONS = {
  org: { type: 'string', default: 'auditor' },
  user: { type: 'string', default: 'auditor1' },
  peer: { type: 'string' },
} as const;

const USAGE = `usage: audit <command> [options]
  verify-ledger  [--compare org[/peer]]... [--no-compare] [--from N] [--to N]
  verify-file    <blockfile_NNNNNN | folder of block files | backup folder>
  check-document <vital|credential|citizen|supplier-terms|decision> <record id> <document file>
  check-reading  <proof.json>
  history        <parcel|vital|permit|waste-manifest> <record id> [--format json|csv] [--output file]
  recount        <budgeting round id>
live commands take --org (auditor), --user (auditor1) and --peer (the org's first)`;

type Values = Record<string, string | boolean | string[] | undefined>;

function parse(args: string[], options: ParseArgsConfig['options'], positionals: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new AuditError('INVALID_ARGUMENT', (err as Error).message);
  }
  if (parsed.positionals.length !== positionals.length) {
    throw new AuditError('INVALID_ARGUMENT', `expected ${positionals.length ? positionals.join(', ') : 'no arguments'}, got ${parsed.positionals.length} argument(s)`);
  }
  return { values: parsed.values as Values, positionals: parsed.positionals };
}

function blockNumber(value: string | boolean | string[] | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new AuditError('INVALID_ARGUMENT', `--${name} must be a block number (0, 1, 2, ...), got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** `registry/peer1` or `registry` (its first peer), asked as the audited identity. */
function compareTarget(value: string, values: Values): SessionTarget {
  const [peerOrg = '', peer, ...rest] = value.split('/');
  if (!peerOrg || rest.length > 0) throw new AuditError('INVALID_ARGUMENT', `--compare takes org or org/peer, got ${JSON.stringify(value)}`);
  return { org: String(values['org']), user: String(values['user']), peerOrg, ...(peer !== undefined && { peer }) };
}

/** Opens a session per target, runs `run`, and closes them all. */
async function withSessions<T>(env: AuditEnvironment, targets: readonly SessionTarget[], run: (sessions: PeerSession[]) => Promise<T>): Promise<T> {
  const { PeerSession } = await import('./peerSession');
  const sessions: PeerSession[] = [];
  try {
    for (const target of targets) sessions.push(PeerSession.open(env, target));
    return await run(sessions);
  } finally {
    for (const session of sessions) session.close();
  }
}

function sessionTarget(values: Values): SessionTarget {
  const peer = values['peer'];
  return { org: String(values['org']), user: String(values['user']), ...(typeof peer === 'string' && { peer }) };
}

async function readInput(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw fileError(`cannot read ${what}`, file, err);
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Each command prints its result and answers the exit code. Modules are loaded on demand, so
 * that verify-file never loads gRPC, the Fabric Gateway client or the chaincode packages.
 */
const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  'verify-ledger': async (args, io) => {
    const { values } = parse(args, { ...SESSION_OPTIONS, compare: { type: 'string', multiple: true }, 'no-compare': { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' } }, []);
    const range = { from: blockNumber(values['from'], 'from'), to: blockNumber(values['to'], 'to') };
    const audited = sessionTarget(values);
    const env = io.environment();
    // By default: the first peer of every department (every org that is not a regulator).
    const departments = env.consortium.orgs.filter((o) => o.role === 'department').map((o) => o.key);
    const compare = values['no-compare'] ? [] : ((values['compare'] as string[] | undefined) ?? departments);
    return withSessions(env, [audited, ...compare.map((c) => compareTarget(c, values))], async ([session, ...others]) => {
      const report = await verifyLedger(session as PeerSession, others, range);
      io.stdout(json(report));
      return report.ok ? EXIT.ok : EXIT.failed;
    });
  },
  'verify-file': async (args, io) => {
    const { positionals } = parse(args, {}, ['block file, folder of block files, or backup folder']);
    const target = positionals[0] as string;
    // A node's backup (network/backup.sh) is checked against its manifest, block files included.
    const report = (await isBackupFolder(target)) ? await verifyBackup(target) : await verifyBlockFiles(target);
    io.stdout(json(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
  'check-document': async (args, io) => {
    const { values, positionals } = parse(args, SESSION_OPTIONS, ['kind', 'record id', 'document file']);
    const [kind, id, file] = positionals as [string, string, string];
    const { checkDocument, documentKind } = await import('./documents');
    const validKind = documentKind(kind);
    const document = await readInput(file, 'the document');
    return withSessions(io.environment(), [sessionTarget(values)], async ([session]) => {
      const check = await checkDocument(session as PeerSession, validKind, id, document);
      io.stdout(json(check));
      return check.result === 'MATCH' ? EXIT.ok : EXIT.failed;
    });
  },
  recount: async (args, io) => {
    const { values, positionals } = parse(args, SESSION_OPTIONS, ['round id']);
    const { recountRound } = await import('./recount');
    return withSessions(io.environment(), [sessionTarget(values)], async ([session]) => {
      const recount = await recountRound(session as PeerSession, positionals[0] as string);
      io.stdout(json(recount));
      return recount.result === 'AGREES' ? EXIT.ok : EXIT.failed;
    });
  },
  'check-reading': async (args, io) => {
    const { values, positionals } = parse(args, SESSION_OPTIONS, ['proof file']);
    const { checkReading } = await import('./readingProof');
    const proof = await readInput(positionals[0] as string, 'the proof');
    return withSessions(io.environment(), [sessionTarget(values)], async ([session]) => {
      const check = await checkReading(session as PeerSession, proof);
      io.stdout(json(check));
      return check.result === 'MATCH' ? EXIT.ok : EXIT.failed;
    });
  },
  history: async (args, io) => {
    const { values, positionals } = parse(args, { ...SESSION_OPTIONS, format: { type: 'string', default: 'json' }, output: { type: 'string' } }, ['kind', 'record id']);
    const [kind, id] = positionals as [string, string];
    const format = values['format'];
    if (format !== 'json' && format !== 'csv') throw new AuditError('INVALID_ARGUMENT', `--format must be json or csv, got ${JSON.stringify(format)}`);
    const { historyCsv, historyKind, recordHistory } = await import('./history');
    const validKind = historyKind(kind);
    return withSessions(io.environment(), [sessionTarget(values)], async ([session]) => {
      const history = await recordHistory(session as PeerSession, validKind, id);
      const text = format === 'csv' ? historyCsv(history) : json(history);
      const output = values['output'];
      if (typeof output === 'string') {
        try {
          await writeFile(output, text);
        } catch (err) {
          throw fileError('cannot write', output, err);
        }
      } else {
        io.stdout(text);
      }
      return EXIT.ok;
    });
  },
};

/** Runs one command; never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.stderr(`${name === undefined || name === '--help' ? '' : `error: INVALID_ARGUMENT: unknown command ${JSON.stringify(name)}\n`}${USAGE}\n`);
    return name === '--help' ? EXIT.ok : EXIT.badInput;
  }
  try {
    return await command(args, io);
  } catch (err) {
    if (err instanceof AuditError) {
      io.stderr(`error: ${err.code}: ${err.message}\n`);
      return EXIT_FOR[err.code];
    }
    io.stderr(`error: INTERNAL: ${(err as Error).message ?? String(err)}\n`);
    return EXIT.unavailable;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    environment: networkEnvironment,
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
