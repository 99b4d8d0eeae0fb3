/**
 * `credentials` contract: issue, suspend, reinstate, revoke and verify credentials.
 * Who may issue a type (and change its status) is the issuance table in @city-ledger/domain (identity/issuance).
 *
 * | function | kind | who |
 * |---|---|---|
 * | issueCredential(credentialId) | submit | the type's issuing org and role (transient `credential`) |
 * | suspendCredential(credentialId) | submit | the issuing org, with a role that may issue the type |
 * | reinstateCredential(credentialId) | submit | same |
 * | revokeCredential(credentialId) | submit | same |
 * | getCredential(credentialId) | evaluate | anyone |
 * | listCredentialsBySubject(subjectId, pageSize, bookmark) | evaluate | anyone |
 * | verify(presentedCredential) | evaluate | anyone, including the Auditor |
 *
 * Endorsement: every write of a credential sets its key-level policy to the issuer org's peer,
 * so suspend, reinstate and revoke need the issuer's peer (./statusList does the same for the
 * issuer's status lists and index claims). The subject index entry is written once, never changed.
 */
import {
  CityContract,
  activeConsortium,
  remitsOf,
  requireDepartment,
  requireRemit,
  emitEvent,
  failedPrecondition,
  invalidArgument,
  isoToMillis,
  listByIndex,
  parseJsonArg,
  putIndex,
  readTransientJson,
  requireAbsent,
  requireId,
  requireKeyEndorsers,
  requireRole,
  requireWriter,
  tryReadJson,
  txTimeMillis,
  txTimestamp,
  writeJson,
  type Caller,
  type Page,
} from '@city-ledger/chaincode-common';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { CitizenStatus, readCitizen } from './citizen';
import {
  CredentialStatus,
  type Credential,
  SUBJECT_INDEX,
  VerificationStatus,
  type VerificationResult,
  credentialKey,
  nextStatus,
  readCredential,
  statusBits,
  type StatusAction,
} from './credential';
import { credentialHash, parseCredentialDocument, parsePresentedCredential } from './credentialDocument';
import { ISSUANCE_RULES, issuerRolesOf, type CredentialType } from '@city-ledger/domain';
import './components';
import { claimStatusIndex, writeStatusBits } from './statusList';

/** Transient map field carrying the credential document of `issueCredential`. */
export const CREDENTIAL_TRANSIENT_FIELD = 'credential';

const EVENT_OF_ACTION: Readonly<Record<StatusAction, string>> = {
  suspend: 'credential.suspended',
  reinstate: 'credential.reinstated',
  revoke: 'credential.revoked',
};

/**
 * Transaction context of the `credentials` contract. Declared in this file, not imported, so that the
 * decorator metadata refers to a local class (no unreachable type-guard branches are emitted).
 */
class CredentialsContext extends Context {}

@Info({ title: 'Credentials', description: 'Department-issued credentials with status lists and verification' })
export class CredentialsContract extends CityContract {
  constructor() {
    super('credentials');
  }

  override createContext(): CredentialsContext {
    return new CredentialsContext();
  }

  /**
   * Issues the credential whose document (see ./credentialDocument) arrives in transient
   * field `credential`; its `id` must equal `credentialId`. Only the hash and metadata are
   * stored. Returns the public record. Event `credential.issued`.
   */
  @Transaction()
  @Returns('Credential')
  async issueCredential(ctx: CredentialsContext, credentialId: string) {
    requireSomeIssuer(ctx);
    const id = requireId(credentialId, 'credentialId');
    const field = CREDENTIAL_TRANSIENT_FIELD;
    const doc = parseCredentialDocument(readTransientJson(ctx, field), field);
    if (doc.id !== id) {
      throw invalidArgument(`${field}.id must equal credentialId`);
    }
    const rule = ISSUANCE_RULES[doc.type];
    const writer = requireRemit(ctx, [rule.issuerRemit], rule.roles);
    if (doc.issuer !== writer.msp) {
      throw invalidArgument(`${field}.issuer must be ${writer.msp} for type ${doc.type}`);
    }
    if (doc.schema.id !== rule.schemaId) {
      throw invalidArgument(`${field}.schema.id must be ${rule.schemaId} for type ${doc.type}`);
    }
    if ((isoToMillis(doc.validUntil) as number) <= txTimeMillis(ctx)) {
      throw invalidArgument(`${field}.validUntil must be after the transaction time`);
    }
    const key = credentialKey(ctx, id);
    await requireAbsent(ctx, key, 'credential');
    const subject = await readCitizen(ctx, doc.subject);
    if (subject.status !== CitizenStatus.Active) {
      throw failedPrecondition(`citizen ${doc.subject} is ${subject.status}`);
    }
    const now = txTimestamp(ctx);
    const credential: Credential = {
      id,
      type: doc.type,
      hash: credentialHash(doc, field),
      schema: doc.schema,
      subject: doc.subject,
      validFrom: doc.validFrom,
      validUntil: doc.validUntil,
      issuer: { msp: writer.msp, id: writer.id },
      status: CredentialStatus.Active,
      statusListIndex: await claimStatusIndex(ctx, writer.msp, id),
      issuedAt: now,
      updatedAt: now,
    };
    await writeJson(ctx, key, credential);
    await requireKeyEndorsers(ctx, key, [writer.msp]);
    await putIndex(ctx, SUBJECT_INDEX, [credential.subject, id]);
    emitEvent(ctx, 'credential.issued', {
      credentialId: id,
      type: credential.type,
      issuer: writer.msp,
      subject: credential.subject,
      hash: credential.hash,
      statusListIndex: credential.statusListIndex,
      at: now,
    });
    return credential;
  }

  /** ACTIVE -> SUSPENDED; sets the suspension bit. Event `credential.suspended`. */
  @Transaction()
  @Returns('Credential')
  async suspendCredential(ctx: CredentialsContext, credentialId: string) {
    return this.changeStatus(ctx, credentialId, 'suspend');
  }

  /** SUSPENDED -> ACTIVE; clears the suspension bit. Event `credential.reinstated`. */
  @Transaction()
  @Returns('Credential')
  async reinstateCredential(ctx: CredentialsContext, credentialId: string) {
    return this.changeStatus(ctx, credentialId, 'reinstate');
  }

  /** ACTIVE or SUSPENDED -> REVOKED (final); sets the revocation bit. Event `credential.revoked`. */
  @Transaction()
  @Returns('Credential')
  async revokeCredential(ctx: CredentialsContext, credentialId: string) {
    return this.changeStatus(ctx, credentialId, 'revoke');
  }

  /** The public record of a credential. */
  @Transaction(false)
  @Returns('Credential')
  async getCredential(ctx: CredentialsContext, credentialId: string) {
    return readCredential(ctx, requireId(credentialId, 'credentialId'));
  }

  /** Credentials of a subject, in credential-ID order; `pageSize` 1..100, `bookmark` '' for the first page. */
  @Transaction(false)
  @Returns('CredentialPage')
  async listCredentialsBySubject(
    ctx: CredentialsContext,
    subjectId: string,
    pageSize: string,
    bookmark: string,
  ) {
    const subject = requireId(subjectId, 'subjectId');
    const page: Page<Credential> = await listByIndex<Credential>(ctx, SUBJECT_INDEX, [subject], {
      pageSize,
      bookmark,
      primaryKey: (id) => credentialKey(ctx, id),
    });
    return page;
  }

  /**
   * Checks a presented credential document (JSON) against the ledger at the transaction time:
   * UNKNOWN (no such id), TAMPERED (hash differs), REVOKED, SUSPENDED, EXPIRED (before
   * validFrom or after validUntil), else VALID, in that order of precedence.
   */
  @Transaction(false)
  @Returns('VerificationResult')
  async verify(ctx: CredentialsContext, presentedCredential: string) {
    const field = 'presentedCredential';
    const { id, document } = parsePresentedCredential(parseJsonArg(presentedCredential, field), field);
    const hash = credentialHash(document, field);
    const checkedAt = txTimestamp(ctx);
    const answer = (status: VerificationResult['status'], reason?: VerificationResult['reason']): VerificationResult => ({ credentialId: id, status, checkedAt, reason });
    const credential = await tryReadJson<Credential>(ctx, credentialKey(ctx, id));
    if (credential === undefined) {
      return answer(VerificationStatus.Unknown);
    }
    if (credential.hash !== hash) {
      return answer(VerificationStatus.Tampered);
    }
    if (credential.status === CredentialStatus.Revoked) {
      return answer(VerificationStatus.Revoked);
    }
    if (credential.status === CredentialStatus.Suspended) {
      return answer(VerificationStatus.Suspended);
    }
    const now = txTimeMillis(ctx);
    if (now < (isoToMillis(credential.validFrom) as number)) {
      return answer(VerificationStatus.Expired, 'NOT_YET_VALID');
    }
    if (now > (isoToMillis(credential.validUntil) as number)) {
      return answer(VerificationStatus.Expired, 'PAST_VALID_UNTIL');
    }
    return answer(VerificationStatus.Valid);
  }

  private async changeStatus(ctx: Context, credentialId: string, action: StatusAction): Promise<Credential> {
    requireSomeIssuer(ctx);
    const id = requireId(credentialId, 'credentialId');
    const credential = await readCredential(ctx, id);
    const rule = ISSUANCE_RULES[credential.type as CredentialType];
    requireWriter(ctx, [credential.issuer.msp], rule.roles);
    const status = nextStatus(credential.status, action, id);
    const now = txTimestamp(ctx);
    const updated: Credential = { ...credential, status, updatedAt: now };
    const key = credentialKey(ctx, id);
    await writeJson(ctx, key, updated);
    await requireKeyEndorsers(ctx, key, [credential.issuer.msp]);
    await writeStatusBits(ctx, credential.issuer.msp, credential.statusListIndex, statusBits(status));
    emitEvent(ctx, EVENT_OF_ACTION[action], {
      credentialId: id,
      issuer: credential.issuer.msp,
      status,
      statusListIndex: credential.statusListIndex,
      at: now,
    });
    return updated;
  }
}

/**
 * First guard of every credential write, before any input is read: regulators are refused,
 * then any caller who may issue no credential type at all (wrong org or role).
 */
function requireSomeIssuer(ctx: Context): Caller {
  const caller = requireDepartment(ctx);
  requireRole(ctx, issuerRolesOf(remitsOf(activeConsortium(), caller.msp)));
  return caller;
}
