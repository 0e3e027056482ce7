import type { TypedDataDomain } from "ethers";

import { DEPOSIT_TYPES, readDomain, type DepositAuthorization } from "../../sdk/src/index.js";
import type { StrategyManager } from "../../types/ethers-contracts/index.js";

// What test/ts/fixtures.ts still imports from here; the signing itself is the SDK's `signDeposit`.
export { DEPOSIT_TYPES, type DepositAuthorization };

/** Reads the StrategyManager's EIP-712 domain from the chain (ERC-5267), so a signature always matches it. */
export async function readDepositDomain(strategyManager: StrategyManager): Promise<TypedDataDomain> {
  const runner = strategyManager.runner?.provider ?? strategyManager.runner;
  if (runner === null) throw new Error("the StrategyManager is not connected to a provider");
  return readDomain(await strategyManager.getAddress(), runner);
}
