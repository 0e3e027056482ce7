import type { Signer, TypedDataDomain } from "ethers";

import { DEPOSIT_TYPES, readDomain, type DepositAuthorization } from "../../sdk/src/index.js";
import type { StrategyManager } from "../../types/ethers-contracts/index.js";

export { DEPOSIT_TYPES, type DepositAuthorization };

/** Reads the StrategyManager's EIP-712 domain from the chain (ERC-5267), so a signature always matches it. */
export async function readDepositDomain(strategyManager: StrategyManager): Promise<TypedDataDomain> {
  const runner = strategyManager.runner?.provider ?? strategyManager.runner;
  if (runner === null) throw new Error("the StrategyManager is not connected to a provider");
  return readDomain(await strategyManager.getAddress(), runner);
}

/**
 * Signs a deposit authorisation as `staker` for a typed StrategyManager (the demo and the tests hold typechain
 * contracts rather than an SDK client), with the staker's current nonce unless one is given.
 */
export async function signDeposit(
  staker: Signer,
  strategyManager: StrategyManager,
  params: { strategy: string; amount: bigint; expiry: bigint; nonce?: bigint },
): Promise<{ authorization: DepositAuthorization; signature: string }> {
  const stakerAddress = await staker.getAddress();
  const authorization: DepositAuthorization = {
    staker: stakerAddress,
    strategy: params.strategy,
    amount: params.amount,
    nonce: params.nonce ?? (await strategyManager.nonces(stakerAddress)),
    expiry: params.expiry,
  };
  const signature = await staker.signTypedData(await readDepositDomain(strategyManager), DEPOSIT_TYPES, authorization);
  return { authorization, signature };
}
