import type { ArtifactManager } from "hardhat/types/artifacts";
import type { NetworkConnection } from "hardhat/types/network";

import { deployCore } from "../../deploy/core.js";
import { CORE_CONTRACTS } from "../../sdk/src/manifest.js";

export interface DeploymentGas {
  /** Every transaction of the core deployment: contract creations, upgrades to the implementations, initialisation. */
  total: bigint;
  /** Creation gas per contract (for the proxies, the sum over the seven of them). */
  perContract: Record<string, bigint>;
  /** Gas of the other transactions: installing each implementation in its proxy and initialising it. */
  installation: bigint;
  transactions: number;
}

/**
 * Deploys the core through its Ignition module (PalisadeCore: the protocol every network runs; the example AVS, test
 * tokens and reference slashers are deployed by AVS teams and devnets, per use) on a fresh network, and sums the gas
 * of every transaction it sent, attributing each contract creation to the artifact whose creation bytecode it
 * starts with: the contracts `PalisadeCore` deploys (`core` in sdk/src/manifest.ts), proxies included.
 */
export async function measureDeployment(
  connection: NetworkConnection,
  artifacts: ArtifactManager,
): Promise<DeploymentGas> {
  const { provider } = connection.ethers;
  const first = (await provider.getBlockNumber()) + 1;
  await deployCore(connection);
  const last = await provider.getBlockNumber();

  const creationCode = new Map<string, string>();
  for (const name of CORE_CONTRACTS)
    creationCode.set(name, (await artifacts.readArtifact(name)).bytecode.toLowerCase());
  const perContract: Record<string, bigint> = {};
  let total = 0n;
  let installation = 0n;
  let transactions = 0;
  for (let number = first; number <= last; number += 1) {
    const block = await provider.getBlock(number, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      const receipt = await provider.getTransactionReceipt(tx.hash);
      if (receipt === null) throw new Error(`no receipt for ${tx.hash}`);
      transactions += 1;
      total += receipt.gasUsed;
      if (tx.to !== null) {
        installation += receipt.gasUsed;
        continue;
      }
      const data = tx.data.toLowerCase();
      // The longest match: a contract's creation code may begin like another's only if one is a prefix, never here.
      const name = [...creationCode.entries()]
        .filter(([, code]) => data.startsWith(code))
        .sort(([, a], [, b]) => b.length - a.length)[0]?.[0];
      if (name === undefined) throw new Error(`a contract creation of the core matches no artifact (${tx.hash})`);
      perContract[name] = (perContract[name] ?? 0n) + receipt.gasUsed;
    }
  }
  return { total, perContract, installation, transactions };
}
