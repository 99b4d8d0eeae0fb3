/**
 * `carbon` contract: carbon credits, all public.
 *
 * - `recordReduction` (officers of `environment` departments): a verified emission reduction of
 *   a department, whole tonnes CO2e of one vintage year, with the evidence document's hash.
 * - `issueCredits` (the same): a lot of credits against a reduction, held by the department that
 *   achieved it; the lots of a reduction never add up to more than it verified.
 * - `transferCredit` and `retireCredit` (officers of the holding department): a lot moves whole
 *   to another department while ACTIVE; retiring makes it RETIRED once and only once (a second
 *   retirement is a CONFLICT) and a retired lot never moves again.
 * - Totals per department and vintage year: issued to it, transferred by it, retired by it
 *   (`getCarbonTotals(year)`). Counting by vintage lets anyone check that, per year, what was
 *   retired never exceeds what was issued, and that never exceeds what was verified.
 *
 * Endorsement: a reduction's key needs a peer of the verifying department; a lot's key a peer
 * of the department holding it (so only the holder's peer can endorse its transfer or
 * retirement). Totals keys are written by many departments and follow the chaincode policy.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  conflict,
  emitEvent,
  failedPrecondition,
  forbidden,
  fromBytes,
  invalidArgument,
  readJson,
  requireAbsent,
  requireId,
  requireKeyEndorsers,
  requireNumber,
  requireWriter,
  tryReadJson,
  txTimestamp,
  writeJson,
  CityContract,
} from '@city-ledger/chaincode-common';
import { IssueInput, parseJson, ReductionInput, RetirementInput, type CarbonCredit, type CarbonTotals, type EmissionReduction } from '@city-ledger/domain';
import { CARBON_TOTALS, creditKey, reductionKey, totalsKey } from './keys';
import { HOLDER_ROLES, holderMsps, VERIFIER_ROLES, verifierMsps } from './roles';

/** The contract's transaction context (see logistics' MaterialsContext for why it is declared here). */
export class CarbonContext extends Context {}

type Counter = 'issuedTonnes' | 'transferredTonnes' | 'retiredTonnes';

@Info({ title: 'Carbon', description: 'Verified emission reductions and carbon credits: issue, transfer, retire once; public totals per department and year' })
export class CarbonContract extends CityContract {
  constructor() {
    super('carbon');
  }

  override createContext(): CarbonContext {
    return new CarbonContext();
  }

  /** Records a verified reduction. `reductionJson`: `{id, department, year, tonnes, description, evidenceHash}`. */
  @Transaction()
  @Returns('EmissionReduction')
  async recordReduction(ctx: CarbonContext, reductionJson: string) {
    const who = requireWriter(ctx, verifierMsps(), VERIFIER_ROLES);
    const input = parseJson(ReductionInput, reductionJson, 'reduction');
    if (!holderMsps().includes(input.department)) {
      throw invalidArgument(`reduction.department must be the MSP ID of a department: ${holderMsps().join(', ')}`);
    }
    const key = reductionKey(ctx, input.id);
    await requireAbsent(ctx, key, 'reduction');
    const reduction: EmissionReduction = { ...input, issuedTonnes: 0, verifiedBy: who.msp, verifiedAt: txTimestamp(ctx) };
    await writeJson(ctx, key, reduction);
    await requireKeyEndorsers(ctx, key, [who.msp]);
    emitEvent(ctx, 'EmissionReductionRecorded', { reductionId: input.id, department: input.department, year: input.year, tonnes: input.tonnes, evidenceHash: input.evidenceHash, txTime: reduction.verifiedAt });
    return reduction;
  }

  /** Issues a lot of credits against a reduction to the department that achieved it. `issueJson`: `{id, reductionId, tonnes}`. FAILED_PRECONDITION beyond what was verified. */
  @Transaction()
  @Returns('CarbonCredit')
  async issueCredits(ctx: CarbonContext, issueJson: string) {
    const who = requireWriter(ctx, verifierMsps(), VERIFIER_ROLES);
    const input = parseJson(IssueInput, issueJson, 'issue');
    const key = creditKey(ctx, input.id);
    await requireAbsent(ctx, key, 'carbon credit');
    const reduction = await readJson<EmissionReduction>(ctx, reductionKey(ctx, input.reductionId), 'reduction');
    if (reduction.issuedTonnes + input.tonnes > reduction.tonnes) {
      throw failedPrecondition(`reduction ${reduction.id} verified ${reduction.tonnes} t and has ${reduction.issuedTonnes} t issued; ${input.tonnes} t more would exceed it`);
    }
    const now = txTimestamp(ctx);
    const credit: CarbonCredit = { ...input, year: reduction.year, holder: reduction.department, status: 'ACTIVE', issuedBy: who.msp, issuedAt: now };
    await writeJson(ctx, reductionKey(ctx, reduction.id), { ...reduction, issuedTonnes: reduction.issuedTonnes + input.tonnes });
    await writeJson(ctx, key, credit);
    await requireKeyEndorsers(ctx, key, [credit.holder]);
    await this.count(ctx, credit, credit.holder, 'issuedTonnes');
    emitEvent(ctx, 'CarbonCreditsIssued', { creditId: credit.id, reductionId: reduction.id, holder: credit.holder, year: credit.year, tonnes: credit.tonnes, txTime: now });
    return credit;
  }

  /** Moves an ACTIVE lot to another department. The holding department's officers only. */
  @Transaction()
  @Returns('CarbonCredit')
  async transferCredit(ctx: CarbonContext, creditId: string, toMsp: string) {
    const who = requireWriter(ctx, holderMsps(), HOLDER_ROLES);
    const credit = await this.heldCredit(ctx, creditId, who.msp);
    if (!holderMsps().includes(toMsp)) {
      throw invalidArgument(`toMsp must be the MSP ID of a department: ${holderMsps().join(', ')}`);
    }
    if (toMsp === credit.holder) {
      throw invalidArgument(`toMsp must not be the holder ${credit.holder}`);
    }
    if (credit.status !== 'ACTIVE') {
      throw failedPrecondition(`carbon credit ${credit.id} is ${credit.status}; only an ACTIVE credit moves`);
    }
    const moved: CarbonCredit = { ...credit, holder: toMsp };
    const key = creditKey(ctx, credit.id);
    await writeJson(ctx, key, moved);
    await requireKeyEndorsers(ctx, key, [toMsp]);
    await this.count(ctx, credit, credit.holder, 'transferredTonnes');
    emitEvent(ctx, 'CarbonCreditTransferred', { creditId: credit.id, from: credit.holder, to: toMsp, year: credit.year, tonnes: credit.tonnes, txTime: txTimestamp(ctx) });
    return moved;
  }

  /** Retires a lot, once and only once (CONFLICT the second time). `retirementJson`: `{reason}`. The holding department's officers only. */
  @Transaction()
  @Returns('CarbonCredit')
  async retireCredit(ctx: CarbonContext, creditId: string, retirementJson: string) {
    const who = requireWriter(ctx, holderMsps(), HOLDER_ROLES);
    const credit = await this.heldCredit(ctx, creditId, who.msp);
    const input = parseJson(RetirementInput, retirementJson, 'retirement');
    if (credit.status === 'RETIRED') {
      throw conflict(`carbon credit ${credit.id} was already retired at ${credit.retiredAt ?? '?'}`);
    }
    const now = txTimestamp(ctx);
    const retired: CarbonCredit = { ...credit, status: 'RETIRED', retiredBy: who.msp, retiredAt: now, retirementReason: input.reason };
    await writeJson(ctx, creditKey(ctx, credit.id), retired);
    await this.count(ctx, credit, credit.holder, 'retiredTonnes');
    emitEvent(ctx, 'CarbonCreditRetired', { creditId: credit.id, holder: credit.holder, year: credit.year, tonnes: credit.tonnes, txTime: now });
    return retired;
  }

  /** A reduction. Any channel member. */
  @Transaction(false)
  @Returns('EmissionReduction')
  async getReduction(ctx: CarbonContext, reductionId: string) {
    return readJson<EmissionReduction>(ctx, reductionKey(ctx, requireId(reductionId, 'reductionId')), 'reduction');
  }

  /** A lot of credits. Any channel member. */
  @Transaction(false)
  @Returns('CarbonCredit')
  async getCredit(ctx: CarbonContext, creditId: string) {
    return readJson<CarbonCredit>(ctx, creditKey(ctx, requireId(creditId, 'creditId')), 'carbon credit');
  }

  /** Totals of every department with credits of vintage `year`, in MSP-ID order. Any channel member. */
  @Transaction(false)
  @Returns('CarbonTotalsList')
  async getCarbonTotals(ctx: CarbonContext, year: string) {
    const vintage = requireNumber(year, 'year', { integer: true, min: 2000, max: 2100 });
    const totals: CarbonTotals[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(CARBON_TOTALS, [String(vintage)])) {
      totals.push(fromBytes<CarbonTotals>(kv.value));
    }
    return totals;
  }

  /** The lot, which the caller's department must hold (FORBIDDEN otherwise). */
  private async heldCredit(ctx: CarbonContext, creditId: string, msp: string): Promise<CarbonCredit> {
    const credit = await readJson<CarbonCredit>(ctx, creditKey(ctx, requireId(creditId, 'creditId')), 'carbon credit');
    if (credit.holder !== msp) {
      throw forbidden(`carbon credit ${credit.id} is held by ${credit.holder}, not ${msp}`);
    }
    return credit;
  }

  /** Adds the lot's tonnes to one counter of `department`'s totals for the lot's vintage. */
  private async count(ctx: CarbonContext, credit: CarbonCredit, department: string, counter: Counter): Promise<void> {
    const key = totalsKey(ctx, credit.year, department);
    const totals = (await tryReadJson<CarbonTotals>(ctx, key)) ?? { department, year: credit.year, issuedTonnes: 0, transferredTonnes: 0, retiredTonnes: 0 };
    await writeJson(ctx, key, { ...totals, [counter]: totals[counter] + credit.tonnes });
  }
}
