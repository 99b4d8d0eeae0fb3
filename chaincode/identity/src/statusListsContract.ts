/**
 * `statusLists` contract: the per-issuer status lists, for verifiers that check credentials
 * offline. Evaluate only; anyone may call it (the lists hold no personal data).
 *
 * | function | kind | who |
 * |---|---|---|
 * | getStatusList(issuerMsp, purpose) | evaluate | anyone |
 */
import { CityContract, remitHolders, requireEnum } from '@city-ledger/chaincode-common';
import { ISSUER_REMITS, StatusPurpose, validate } from '@city-ledger/domain';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import { readStatusList, type StatusList } from './statusList';

/**
 * Transaction context of the `statusLists` contract. Declared in this file, not imported, so that the
 * decorator metadata refers to a local class (no unreachable type-guard branches are emitted).
 */
class StatusListsContext extends Context {}

@Info({ title: 'Status lists', description: 'Bitstring status lists (revocation, suspension) per issuing department' })
export class StatusListsContract extends CityContract {
  constructor() {
    super('statusLists');
  }

  override createContext(): StatusListsContext {
    return new StatusListsContext();
  }

  /** The list of `issuerMsp` (an issuing department) for `purpose` (revocation or suspension). */
  @Transaction(false)
  @Returns('StatusList')
  async getStatusList(ctx: StatusListsContext, issuerMsp: string, purpose: string) {
    const msp = requireEnum(issuerMsp, 'issuerMsp', remitHolders(ISSUER_REMITS));
    const list: StatusList = await readStatusList(ctx, msp, validate(StatusPurpose, purpose, 'purpose'));
    return list;
  }
}
