/**
 * Base class for City Ledger contracts.
 *
 * @example
 * ```ts
 * @Info({ title: 'Property', description: 'Parcels and titles' })
 * export class PropertyContract extends CityContract {
 *   constructor() { super('property'); }
 *
 *   @Transaction()
 *   async registerParcel(ctx: Context, parcelJson: string): Promise<string> { ... }
 * }
 * ```
 */
import { Contract, type Context } from 'fabric-contract-api';
import { invalidArgument } from '@city-ledger/domain';
import { activeConsortium } from './activeConsortium';
import { requireCollectionsDeclared } from '@city-ledger/domain';

export class CityContract extends Contract {
  /**
   * The chaincode server constructs every contract when it starts: a missing or invalid
   * consortium descriptor ($CITY_LEDGER_CONSORTIUM), or one without the `collections` this
   * contract uses, stops it there with a clear message. (Importing a contract module, as the unit
   * tests do, checks nothing.)
   */
  constructor(name: string, collections: readonly string[] = []) {
    super(name);
    requireCollectionsDeclared(activeConsortium(), collections);
  }

  /**
   * Runs before every transaction function (after argument marshalling). Override to add
   * cross-cutting checks; call `super.beforeTransaction(ctx)` first.
   */
  override async beforeTransaction(ctx: Context): Promise<void> {
    void ctx;
  }

  /** An unknown function name is the client's mistake: INVALID_ARGUMENT, not a bare Error. */
  override async unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    throw invalidArgument(`unknown transaction function ${fcn} in contract ${this.getName()}`);
  }
}
