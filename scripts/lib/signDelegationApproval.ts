import { hexlify, randomBytes, type Signer, type TypedDataField } from "ethers";

import type { OperatorRegistry } from "../../types/ethers-contracts/index.js";
import { readDomain } from "./eip712.js";

/** The EIP-712 type an operator's delegation approver signs to let a staker delegate to the operator. */
export const DELEGATION_APPROVAL_TYPES: Record<string, TypedDataField[]> = {
  DelegationApproval: [
    { name: "staker", type: "address" },
    { name: "operator", type: "address" },
    { name: "salt", type: "bytes32" },
    { name: "expiry", type: "uint256" },
  ],
};

export interface DelegationApproval {
  staker: string;
  operator: string;
  salt: string;
  expiry: bigint;
}

/**
 * Signs, as `approver`, the approval for `staker` to delegate to `operator`, under the registry's domain as the
 * chain publishes it. A fresh random salt is used unless one is given; each salt works once per approver.
 * Returns what `OperatorRegistry.delegate(operator, { signature, expiry }, salt)` takes.
 */
export async function signDelegationApproval(
  approver: Signer,
  registry: OperatorRegistry,
  params: { staker: string; operator: string; expiry: bigint; salt?: string },
): Promise<{ approval: DelegationApproval; signature: string }> {
  const approval: DelegationApproval = {
    staker: params.staker,
    operator: params.operator,
    salt: params.salt ?? hexlify(randomBytes(32)),
    expiry: params.expiry,
  };
  const signature = await approver.signTypedData(await readDomain(registry), DELEGATION_APPROVAL_TYPES, approval);
  return { approval, signature };
}
