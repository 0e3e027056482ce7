/**
 * The governance handover: the deployer proposes the plan's owner on every owned contract (a two-step transfer), and
 * the owner takes over by calling `acceptOwnership()` on each. These helpers say where a deployment stands and give
 * the calls a multisig or a timelock submits.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { Contract, Interface, getAddress } from "ethers";

import type { PalisadeDeployment } from "../sdk/src/deployment.js";
import { OWNED_CONTRACTS } from "./modules/Palisade.js";

const OWNABLE = new Interface([
  "function owner() view returns (address)",
  "function pendingOwner() view returns (address)",
  "function acceptOwnership()",
]);

export interface HandoverCall {
  /** The contract's name in the address book. */
  contract: (typeof OWNED_CONTRACTS)[number];
  to: string;
  /** `acceptOwnership()`, encoded. */
  data: string;
  owner: string;
  pendingOwner: string;
  /** The call is still to be made: `governance` is pending, not yet the owner. */
  pending: boolean;
}

/** Each owned contract's owner and pending owner, and the call that completes its handover to `governance`. */
export async function handoverCalls(
  connection: NetworkConnection,
  record: PalisadeDeployment,
  governance: string,
): Promise<HandoverCall[]> {
  const data = OWNABLE.encodeFunctionData("acceptOwnership");
  const calls: HandoverCall[] = [];
  for (const name of OWNED_CONTRACTS) {
    const to = record.addresses[name];
    const contract = new Contract(to, OWNABLE, connection.ethers.provider);
    const owner = getAddress((await contract.getFunction("owner")()) as string);
    const pendingOwner = getAddress((await contract.getFunction("pendingOwner")()) as string);
    calls.push({
      contract: name,
      to,
      data,
      owner,
      pendingOwner,
      pending: owner !== getAddress(governance) && pendingOwner === getAddress(governance),
    });
  }
  return calls;
}
