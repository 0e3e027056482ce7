import type { Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

/**
 * Deploys contract `name` from its build artifact, read at the time of the call, and returns its address. The bench
 * must not deploy through typechain's factories: they embed the bytecode of whichever build last generated the
 * types, which can be the unoptimised test build, and a bench that builds the production profile in-process has
 * already loaded them by then (the benchmark's token then cost 8,000 gas more per deposit).
 */
export async function deployFromArtifact(
  connection: NetworkConnection,
  name: string,
  deployer: Signer,
  args: readonly unknown[],
): Promise<string> {
  const factory = await connection.ethers.getContractFactory(name, deployer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract.getAddress();
}
