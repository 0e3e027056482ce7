import type { Signer, TypedDataDomain, TypedDataField } from "ethers";

import type { StrategyManager } from "../../types/ethers-contracts/index.js";
import { readDomain } from "./eip712.js";

/** The EIP-712 type a staker signs to let someone else deposit on its behalf. */
export const DEPOSIT_TYPES: Record<string, TypedDataField[]> = {
  Deposit: [
    { name: "staker", type: "address" },
    { name: "strategy", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
};

export interface DepositAuthorization {
  staker: string;
  strategy: string;
  amount: bigint;
  nonce: bigint;
  expiry: bigint;
}

/** Reads the StrategyManager's EIP-712 domain from the chain (ERC-5267), so a signature always matches it. */
export async function readDepositDomain(strategyManager: StrategyManager): Promise<TypedDataDomain> {
  return readDomain(strategyManager);
}

/**
 * Signs a deposit authorisation as `staker`, with the staker's current nonce unless one is given.
 * Whoever submits it with `depositWithSignature` pays the tokens; the staker is credited.
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
  const domain = await readDepositDomain(strategyManager);
  const signature = await staker.signTypedData(domain, DEPOSIT_TYPES, authorization);
  return { authorization, signature };
}
