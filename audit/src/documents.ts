/**
 * Checks a presented document against the hash its record keeps on the ledger, with the
 * chaincodes' own hash functions, so that the check and the chaincode cannot drift apart.
 * The record is read from the audited peer; the hash is recomputed here, not by the chaincode.
 *
 * | kind | record (chaincode `contract:function`) | presented document | hash |
 * |---|---|---|---|
 * | `vital` | records `vital:getVitalRecord` → `hash` | the certificate `{salt, details}` | `certificateHash(id, type, salt, details)` |
 * | `credential` | identity `credentials:getCredential` → `hash` | the whole credential | `credentialHash(document)` |
 * | `citizen` | identity `citizens:getCitizen` → `dataHash` | the stored personal data | SHA-256 of its canonical JSON |
 * | `supplier-terms` | logistics `materials:getDelivery` → `supplierTermsHash` | the supplier terms | SHA-256 of their canonical JSON |
 * | `decision` | governance `council:getDecision` → `documentHash` | the decision document, any format | SHA-256 of its bytes |
 *
 * @example
 * ```ts
 * const check = await checkDocument(session, 'credential', 'CRED-1', await readFile('cred.json'));
 * check.result; // 'MATCH' | 'MISMATCH'
 * ```
 */
import { canonicalJson, certificateHash, credentialHash, PresentedCertificate, sha256Hex, validate, type VitalType } from '@city-ledger/domain';
import { AuditError } from './errors';
import { asInvalidArgument, JsonObject, parseJsonObject } from './json';
import type { ChaincodeReader } from './peerSession';

interface DocumentSpec {
  readonly chaincode: string;
  readonly fn: string;
  readonly hashField: string;
  /** The presented document's hash; throws the chaincode's INVALID_ARGUMENT for an unusable document. */
  presentedHash(presented: Uint8Array, record: JsonObject): string;
}

/** A spec's hash of a JSON document (an unreadable one is INVALID_ARGUMENT). */
const ofJson =
  (hash: (document: JsonObject, record: JsonObject) => string) =>
  (presented: Uint8Array, record: JsonObject): string =>
    hash(parseJsonObject(presented, 'the presented document'), record);

const canonicalHash = (document: JsonObject) => sha256Hex(canonicalJson(document));

const DOCUMENTS = {
  vital: {
    chaincode: 'records',
    fn: 'vital:getVitalRecord',
    hashField: 'hash',
    presentedHash: ofJson((document, record) => {
      // The same validation as the chaincode's vital:verify.
      const { salt, details } = validate(PresentedCertificate, document, 'certificate');
      return certificateHash(String(record['id']), record['type'] as VitalType, salt, details);
    }),
  },
  credential: { chaincode: 'identity', fn: 'credentials:getCredential', hashField: 'hash', presentedHash: ofJson((document) => credentialHash(document, 'document')) },
  citizen: { chaincode: 'identity', fn: 'citizens:getCitizen', hashField: 'dataHash', presentedHash: ofJson(canonicalHash) },
  'supplier-terms': { chaincode: 'logistics', fn: 'materials:getDelivery', hashField: 'supplierTermsHash', presentedHash: ofJson(canonicalHash) },
  decision: { chaincode: 'governance', fn: 'council:getDecision', hashField: 'documentHash', presentedHash: (presented) => sha256Hex(presented) },
} as const satisfies Record<string, DocumentSpec>;

/** The kinds of record that keep a document hash. */
export type DocumentKind = keyof typeof DOCUMENTS;
export const DOCUMENT_KINDS = Object.keys(DOCUMENTS) as DocumentKind[];

/** The verdict, with both hashes so that a reader can see what was compared. */
export interface DocumentCheck {
  readonly kind: DocumentKind;
  readonly id: string;
  readonly result: 'MATCH' | 'MISMATCH';
  readonly onChainHash: string;
  readonly presentedHash: string;
  /** The record's status (e.g. a vital record's VOID, a credential's REVOKED): a MATCH on a void record is still void. */
  readonly status?: string;
}

export function documentKind(value: string): DocumentKind {
  if (!(DOCUMENT_KINDS as string[]).includes(value)) {
    throw new AuditError('INVALID_ARGUMENT', `unknown document kind "${value}" (known: ${DOCUMENT_KINDS.join(', ')})`);
  }
  return value as DocumentKind;
}

/** Compares the presented document's hash with its record's on-chain hash. */
export async function checkDocument(reader: ChaincodeReader, kind: DocumentKind, id: string, presented: Uint8Array): Promise<DocumentCheck> {
  const spec: DocumentSpec = DOCUMENTS[kind];
  const record = parseJsonObject(await reader.evaluate(spec.chaincode, spec.fn, [id]), `the ${kind} record`);
  const onChainHash = record[spec.hashField];
  if (typeof onChainHash !== 'string') throw new AuditError('NOT_FOUND', `${kind} ${id} keeps no document hash`);
  const presentedHash = asInvalidArgument(() => spec.presentedHash(presented, record));
  const status = record['status'];
  return {
    kind,
    id,
    result: presentedHash === onChainHash ? 'MATCH' : 'MISMATCH',
    onChainHash,
    presentedHash,
    ...(typeof status === 'string' && { status }),
  };
}
