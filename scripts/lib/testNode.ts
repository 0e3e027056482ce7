/**
 * A real JSON-RPC node for the SDK's end-to-end tests and its read bench: `hardhat node` in a child process on a free loopback port,
 * Palisade deployed to it through the Ignition module, the deployment record written where the CLI reads it, and
 * wallets for the node's funded accounts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { JsonRpcProvider, Wallet } from "ethers";

import { deploymentRecord, writeDeploymentRecord } from "../../deploy/addressBook.js";
import { deployCore, type CoreDeployment } from "../../deploy/core.js";
import type { PalisadeDeployment } from "../../sdk/src/index.js";
import { startLocalChain } from "./hardhatNode.js";

export interface TestNode {
  url: string;
  chainId: bigint;
  provider: JsonRpcProvider;
  /** The node's funded accounts as wallets on `provider`. */
  wallets: Wallet[];
  core: CoreDeployment;
  deployment: PalisadeDeployment;
  /** The deployment record on disk (what `--deployment` takes). */
  deploymentFile: string;
  /** A scratch directory removed on `stop`. */
  directory: string;
  /** Moves the node's clock forward and mines a block. */
  increaseTime(seconds: number | bigint): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a node, deploys Palisade to it and writes the deployment record. */
export async function startTestNode(): Promise<TestNode> {
  const chain = await startLocalChain("testNode");
  const { url, provider, connection } = chain;
  const directory = await mkdtemp(path.join(tmpdir(), "palisade-node-"));
  const chainId = (await provider.getNetwork()).chainId;

  // Ignition keeps a journal per chain for networks it reaches over HTTP; every node here is fresh, so is the journal.
  const journal = path.resolve("deploy/deployments", `chain-${chainId}`);
  await rm(journal, { recursive: true, force: true });
  const deploymentBlock = (await provider.getBlockNumber()) + 1;
  const core = await deployCore(connection);
  await rm(journal, { recursive: true, force: true });
  const deployment = await deploymentRecord(core, chainId, deploymentBlock);
  const deploymentFile = await writeDeploymentRecord(deployment, directory);

  const wallets = Array.from({ length: 10 }, (_, index) => chain.wallet(index));

  return {
    url,
    chainId,
    provider,
    wallets,
    core,
    deployment,
    deploymentFile,
    directory,
    async increaseTime(seconds) {
      await provider.send("evm_increaseTime", [Number(seconds)]);
      await provider.send("evm_mine", []);
    },
    async stop() {
      await chain.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
