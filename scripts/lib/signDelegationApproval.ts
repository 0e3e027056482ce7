import { type Signer } from "ethers";

import { DELEGATION_APPROVAL_TYPES, randomSalt, readDomain, type DelegationApproval } from "../../sdk/src/index.js";
import type { OperatorRegistry } from "../../types/ethers-contracts/index.js";

/**
 * Signs, as `approver`, the approval for `staker` to delegate to `operator` under a typed registry's domain (for the
 * demo and the tests, which hold typechain contracts). A fresh random salt is used unless one is given.
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
    salt: params.salt ?? randomSalt(),
    expiry: params.expiry,
  };
  const runner = registry.runner?.provider ?? approver;
  const domain = await readDomain(await registry.getAddress(), runner);
  const signature = await approver.signTypedData(domain, DELEGATION_APPROVAL_TYPES, approval);
  return { approval, signature };
}
