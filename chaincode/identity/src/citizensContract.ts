/**
 * `citizens` contract: pseudonymous citizen records. Personal data arrives in the transient
 * field `citizen` and is stored in the REGISTERING department's collection; the public record
 * holds only the ID, department, status, times and a hash.
 *
 * | function | kind | who |
 * |---|---|---|
 * | registerCitizen(citizenId) | submit | a department's clerk, registrar or officer |
 * | deactivateCitizen(citizenId) | submit | the registering department's clerk, registrar or officer |
 * | getCitizen(citizenId) | evaluate | anyone |
 * | readCitizenPrivate(citizenId) | evaluate | members of the registering department |
 *
 * Endorsement: every write of a citizen's public record sets its key-level policy to the
 * registering department's peer, so only that department can change it (the chaincode policy
 * alone would accept any department). The personal data follows its collection's policy.
 */
import {
  CityContract,
  requireDepartment,
  Role,
  callerMsp,
  emitEvent,
  failedPrecondition,
  forbidden,
  putPrivateJson,
  readPrivateJson,
  requireAbsent,
  requireId,
  requireKeyEndorsers,
  requireMsp,
  sha256Hex,
  toBytes,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CitizenStatus,
  type Citizen,
  type CitizenPersonalData,
  citizenKey,
  parsePersonalData,
  readCitizen,
} from './citizen';
import { citizenCollectionOf, isCollectionMember, requireCitizenCollections } from './collections';

/** Roles that may register and deactivate citizens (in their own department). */
export const CITIZEN_WRITER_ROLES: readonly string[] = [Role.Clerk, Role.Registrar, Role.Officer];

/**
 * Transaction context of the `citizens` contract. Declared in this file, not imported, so that the
 * decorator metadata refers to a local class (no unreachable type-guard branches are emitted).
 */
class CitizensContext extends Context {}

@Info({ title: 'Citizens', description: 'Pseudonymous citizen records; personal data in per-department private collections' })
export class CitizensContract extends CityContract {
  constructor() {
    super('citizens');
    requireCitizenCollections();
  }

  override createContext(): CitizensContext {
    return new CitizensContext();
  }

  /**
   * Registers `citizenId` for the caller's department. Transient `citizen`:
   * `{ salt, givenName, familyName, dateOfBirth, address }`. Returns the public record.
   * Event `citizen.registered`.
   */
  @Transaction()
  @Returns('Citizen')
  async registerCitizen(ctx: CitizensContext, citizenId: string) {
    const writer = requireDepartment(ctx, CITIZEN_WRITER_ROLES);
    const id = requireId(citizenId, 'citizenId');
    const personal = parsePersonalData(ctx, id);
    const key = citizenKey(ctx, id);
    await requireAbsent(ctx, key, 'citizen');
    const now = txTimestamp(ctx);
    const citizen: Citizen = {
      id,
      department: writer.msp,
      status: CitizenStatus.Active,
      registeredAt: now,
      updatedAt: now,
      dataHash: sha256Hex(toBytes(personal)),
    };
    await writeJson(ctx, key, citizen);
    await requireKeyEndorsers(ctx, key, [writer.msp]);
    await putPrivateJson(ctx, citizenCollectionOf(writer.msp) as string, key, personal);
    emitEvent(ctx, 'citizen.registered', { citizenId: id, department: writer.msp, dataHash: citizen.dataHash, at: now });
    return citizen;
  }

  /**
   * Marks the citizen INACTIVE and purges its personal data from the department's collection
   * (the public record and its hash stay). Registering department only; INACTIVE is final.
   * Event `citizen.deactivated`.
   */
  @Transaction()
  @Returns('Citizen')
  async deactivateCitizen(ctx: CitizensContext, citizenId: string) {
    requireDepartment(ctx, CITIZEN_WRITER_ROLES);
    const id = requireId(citizenId, 'citizenId');
    const citizen = await readCitizen(ctx, id);
    requireMsp(ctx, [citizen.department]);
    if (citizen.status !== CitizenStatus.Active) {
      throw failedPrecondition(`citizen ${id} is ${citizen.status}`);
    }
    const now = txTimestamp(ctx);
    const updated: Citizen = { ...citizen, status: CitizenStatus.Inactive, updatedAt: now };
    const key = citizenKey(ctx, id);
    await writeJson(ctx, key, updated);
    await requireKeyEndorsers(ctx, key, [citizen.department]);
    await ctx.stub.purgePrivateData(citizenCollectionOf(citizen.department) as string, key);
    emitEvent(ctx, 'citizen.deactivated', { citizenId: id, department: citizen.department, at: now });
    return updated;
  }

  /** The public record of a citizen (no personal data). */
  @Transaction(false)
  @Returns('Citizen')
  async getCitizen(ctx: CitizensContext, citizenId: string) {
    return readCitizen(ctx, requireId(citizenId, 'citizenId'));
  }

  /**
   * The personal data of a citizen: evaluate only, and only for members of the registering
   * department's collection (FORBIDDEN for every other org, including the Auditor).
   */
  @Transaction(false)
  @Returns('CitizenPersonalData')
  async readCitizenPrivate(ctx: CitizensContext, citizenId: string) {
    const msp = callerMsp(ctx);
    if (citizenCollectionOf(msp) === undefined) {
      throw forbidden(`organization ${msp} is a member of no citizen collection`);
    }
    const id = requireId(citizenId, 'citizenId');
    const citizen = await readCitizen(ctx, id);
    const collection = citizenCollectionOf(citizen.department);
    if (collection === undefined) {
      // The registering department left: its collection is owned by no one, and its citizens'
      // personal data is served to nobody, whatever peers may still hold.
      throw forbidden(`citizen ${id} was registered by ${citizen.department}, which is no longer a department of the consortium`);
    }
    if (!isCollectionMember(collection, msp)) {
      throw forbidden(`organization ${msp} is not a member of collection ${collection}`);
    }
    return readPrivateJson<CitizenPersonalData>(ctx, collection, citizenKey(ctx, id), 'personal data of citizen');
  }
}
