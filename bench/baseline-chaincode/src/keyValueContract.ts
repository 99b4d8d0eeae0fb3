/**
 * The baseline bench:ledger measures the city's chaincode against: create and read of a small
 * JSON asset, with no access control, validation, index, event or private data, which is all
 * that the domain chaincodes add.
 *
 * @example
 * ```ts
 * await contract.create(ctx, 'A-1', '{"colour":"blue","size":5}');
 * await contract.read(ctx, 'A-1'); // '{"colour":"blue","size":5}'
 * ```
 */
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';

@Info({ title: 'baseline', description: 'bench:ledger baseline: create and read of a JSON asset' })
export class KeyValueContract extends Contract {
  constructor() {
    super('kv');
  }

  /** Stores the asset under `id`; refuses an ID already taken, as every domain create does. */
  @Transaction()
  async create(ctx: Context, id: string, assetJson: string): Promise<void> {
    const existing = await ctx.stub.getState(id);
    if (existing.length > 0) throw new Error(`CONFLICT: asset ${id} exists`);
    await ctx.stub.putState(id, Buffer.from(assetJson));
  }

  /** The asset stored under `id`. */
  @Transaction(false)
  async read(ctx: Context, id: string): Promise<string> {
    const value = await ctx.stub.getState(id);
    if (value.length === 0) throw new Error(`NOT_FOUND: no asset ${id}`);
    return Buffer.from(value).toString('utf8');
  }
}
