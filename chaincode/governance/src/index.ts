/**
 * @city-ledger/chaincode-governance: participatory budgeting, the open budget (appropriations,
 * contracts, payments) and council decisions. See README.md.
 */
import type { Contract } from 'fabric-contract-api';
import { BudgetContract } from './budget';
import { BudgetingContract } from './budgeting';
import { CouncilContract } from './council';

export { BudgetContract, BudgetingContract, CouncilContract };

/** Every contract of the chaincode; the first (`budgeting`) is the default. */
export const contracts: (typeof Contract)[] = [BudgetingContract, BudgetContract, CouncilContract];
