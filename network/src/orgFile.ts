import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isRemit, REMITS, type RemitName } from '@city-ledger/domain';
import { parse } from 'yaml';
import { DEFAULT_HOST, hostProblem } from './hosts';

/** Whether an org runs the city's business or only audits it. */
export type OrgRole = 'department' | 'regulator';

/** Ordering profiles: Raft by default, SmartBFT with `up --bft`. */
export type OrderingProfile = 'raft' | 'bft';
export const ORDERING_PROFILES: readonly OrderingProfile[] = ['raft', 'bft'];

export interface CaDeclaration {
  /** Where it runs (network/src/hosts.ts), as every node below. */
  readonly host: string;
  readonly port: number;
  readonly operationsPort: number;
}

export interface OrdererDeclaration {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly adminPort: number;
  readonly operationsPort: number;
  /** Profiles in which this orderer is a consenter; both by default. */
  readonly profiles: readonly OrderingProfile[];
}

export interface PeerDeclaration {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly chaincodePort: number;
  readonly operationsPort: number;
  readonly anchor: boolean;
}

export interface UserDeclaration {
  readonly name: string;
  /** Value of the `city.role` certificate attribute the chaincode checks. */
  readonly role: string;
}

/**
 * One organization, as declared in `organizations/<key>.yaml`.
 *
 * @example
 * const org = loadOrgFile('organizations/registry.yaml');
 * org.mspId; // 'RegistryMSP'
 */
export interface OrgDeclaration {
  /** File name without extension: the org's short key used for paths (`registry`). */
  readonly key: string;
  readonly file: string;
  readonly name: string;
  readonly mspId: string;
  readonly role: OrgRole;
  /** What a department is responsible for (the chaincode grants by remit); none for a regulator. */
  readonly remits: readonly RemitName[];
  readonly domain: string;
  /** Where the org's nodes run unless one names its own `host`; 127.0.0.1 by default. */
  readonly host: string;
  readonly ca: CaDeclaration;
  readonly tlsCa: CaDeclaration;
  /** Chaincode servers listen on this port plus each chaincode's `portOffset`. */
  readonly chaincodeServerBasePort: number;
  readonly chaincodeServerHost: string;
  /** The org's HTTPS gateway (gateway-api) listens here. */
  readonly gatewayPort: number;
  readonly gatewayHost: string;
  readonly orderers: readonly OrdererDeclaration[];
  readonly peers: readonly PeerDeclaration[];
  readonly users: readonly UserDeclaration[];
}

/** An org file that cannot be used; the message names the file and the field. */
export class OrgFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: field "${field}" ${problem}`);
    this.name = 'OrgFileError';
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;
const NODE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const MSP_ID = /^[A-Za-z][A-Za-z0-9.-]{0,62}MSP$/;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const ROLE = /^[a-z][a-z-]{0,30}$/;

/** Reads typed fields out of untrusted YAML, naming the field on failure. */
class FieldReader {
  constructor(
    private readonly file: string,
    private readonly prefix: string,
    private readonly value: Record<string, unknown>,
  ) {}

  private fail(field: string, problem: string): never {
    throw new OrgFileError(this.file, this.prefix + field, problem);
  }

  string(field: string, pattern: RegExp, hint: string): string {
    const v = this.value[field];
    if (v === undefined || v === null) this.fail(field, 'is missing');
    if (typeof v !== 'string' || !pattern.test(v)) this.fail(field, `must be ${hint}, got ${JSON.stringify(v)}`);
    return v;
  }

  port(field: string): number {
    const v = this.value[field];
    if (v === undefined || v === null) this.fail(field, 'is missing');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1024 || v > 65535) {
      this.fail(field, `must be a port number from 1024 to 65535, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  host(field: string, fallback: string): string {
    const v = this.value[field];
    if (v === undefined) return fallback;
    const problem = hostProblem(v);
    if (problem !== undefined) this.fail(field, problem);
    return v as string;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.value[field];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(field, `must be true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  object(field: string): FieldReader {
    const v = this.value[field];
    if (v === undefined || v === null) this.fail(field, 'is missing');
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(field, 'must be a mapping');
    return new FieldReader(this.file, `${this.prefix}${field}.`, v as Record<string, unknown>);
  }

  list(field: string, required: boolean): FieldReader[] {
    const v = this.value[field];
    if (v === undefined || v === null) {
      if (required) this.fail(field, 'is missing');
      return [];
    }
    if (!Array.isArray(v)) this.fail(field, 'must be a list');
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) this.fail(`${field}[${i}]`, 'must be a mapping');
      return new FieldReader(this.file, `${this.prefix}${field}[${i}].`, item as Record<string, unknown>);
    });
  }

  profiles(field: string): OrderingProfile[] {
    const v = this.value[field];
    if (v === undefined) return [...ORDERING_PROFILES];
    if (!Array.isArray(v) || v.length === 0 || v.some((p) => !ORDERING_PROFILES.includes(p as OrderingProfile))) {
      this.fail(field, `must be a non-empty list of ${ORDERING_PROFILES.join(', ')}`);
    }
    return v as OrderingProfile[];
  }

  remits(field: string): RemitName[] {
    const v = this.value[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(field, `must be a list of remits (${REMITS.join(', ')})`);
    v.forEach((remit, i) => {
      if (!isRemit(remit)) this.fail(`${field}[${i}]`, `must be one of ${REMITS.join(', ')}, got ${JSON.stringify(remit)}`);
      if (v.indexOf(remit) !== i) this.fail(`${field}[${i}]`, `repeats ${remit}`);
    });
    return v as RemitName[];
  }

  rejectUnknown(known: readonly string[]): void {
    for (const field of Object.keys(this.value)) {
      if (!known.includes(field)) this.fail(field, `is not a known field (expected one of: ${known.join(', ')})`);
    }
  }
}

function readCa(reader: FieldReader, host: string): CaDeclaration {
  reader.rejectUnknown(['host', 'port', 'operationsPort']);
  return { host: reader.host('host', host), port: reader.port('port'), operationsPort: reader.port('operationsPort') };
}

/** Parses and validates one org file. Throws {@link OrgFileError} naming the bad field. */
export function parseOrg(file: string, text: string): OrgDeclaration {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new OrgFileError(file, '(document)', `is not valid YAML: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new OrgFileError(file, '(document)', 'must be a YAML mapping');
  }
  const r = new FieldReader(file, '', doc as Record<string, unknown>);
  r.rejectUnknown([
    'name',
    'mspId',
    'role',
    'remits',
    'domain',
    'host',
    'ca',
    'tlsCa',
    'chaincodeServerBasePort',
    'chaincodeServerHost',
    'gatewayPort',
    'gatewayHost',
    'orderers',
    'peers',
    'users',
  ]);
  const host = r.host('host', DEFAULT_HOST);
  const role = r.string('role', /^(department|regulator)$/, '"department" or "regulator"') as OrgRole;
  const remits = r.remits('remits');
  if (role === 'regulator' && remits.length > 0) throw new OrgFileError(file, 'remits', 'must be absent for a regulator: it only reads');
  const orderers = r.list('orderers', false).map((o) => {
    o.rejectUnknown(['name', 'host', 'port', 'adminPort', 'operationsPort', 'profiles']);
    return {
      name: o.string('name', NODE_NAME, 'a lower-case node name'),
      host: o.host('host', host),
      port: o.port('port'),
      adminPort: o.port('adminPort'),
      operationsPort: o.port('operationsPort'),
      profiles: o.profiles('profiles'),
    };
  });
  const peers = r.list('peers', true).map((p) => {
    p.rejectUnknown(['name', 'host', 'port', 'chaincodePort', 'operationsPort', 'anchor']);
    return {
      name: p.string('name', NODE_NAME, 'a lower-case node name'),
      host: p.host('host', host),
      port: p.port('port'),
      chaincodePort: p.port('chaincodePort'),
      operationsPort: p.port('operationsPort'),
      anchor: p.boolean('anchor', false),
    };
  });
  if (peers.length === 0) throw new OrgFileError(file, 'peers', 'must list at least one peer');
  const users = r.list('users', false).map((u) => {
    u.rejectUnknown(['name', 'role']);
    return { name: u.string('name', NODE_NAME, 'a lower-case user name'), role: u.string('role', ROLE, 'a lower-case role') };
  });
  return {
    key: path.basename(file).replace(/\.ya?ml$/, ''),
    file,
    name: r.string('name', NAME, 'a name of letters, digits and dashes'),
    mspId: r.string('mspId', MSP_ID, 'an MSP ID ending in "MSP"'),
    role,
    remits,
    domain: r.string('domain', DOMAIN, 'a lower-case DNS domain'),
    host,
    ca: readCa(r.object('ca'), host),
    tlsCa: readCa(r.object('tlsCa'), host),
    chaincodeServerBasePort: r.port('chaincodeServerBasePort'),
    chaincodeServerHost: r.host('chaincodeServerHost', host),
    gatewayPort: r.port('gatewayPort'),
    gatewayHost: r.host('gatewayHost', host),
    orderers,
    peers,
    users,
  };
}

/** Reads and validates `organizations/<key>.yaml`. */
export function loadOrgFile(file: string): OrgDeclaration {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new OrgFileError(file, '(file)', `cannot be read: ${(err as Error).message}`);
  }
  return parseOrg(file, text);
}
