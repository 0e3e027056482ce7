/**
 * A real JSON-RPC node for the SDK's end-to-end tests and its read bench: `hardhat node` in a child process on a free loopback port,
 * Palisade deployed to it through the Ignition module, the deployment record written where the CLI reads it, and
 * wallets for the node's funded accounts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { JsonRpcProvider, Wallet } from "ethers";
import { network } from "hardhat";

import { deploymentRecord, writeDeploymentRecord } from "../../deploy/addressBook.js";
import { deployCore, type CoreDeployment } from "../../deploy/core.js";
import type { PalisadeDeployment } from "../../sdk/src/index.js";
import { freePort, startHardhatNode, testAccountKey } from "./hardhatNode.js";

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
  const port = await freePort();
  const child = await startHardhatNode({ network: "testNode", port });
  const url = `http://127.0.0.1:${port}`;
  const directory = await mkdtemp(path.join(tmpdir(), "palisade-node-"));
  // No request cache: transactions sent back to back must each see the nonce the one before left.
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  const chainId = (await provider.getNetwork()).chainId;

  // Ignition keeps a journal per chain for networks it reaches over HTTP; every node here is fresh, so is the journal.
  const journal = path.resolve("deploy/deployments", `chain-${chainId}`);
  await rm(journal, { recursive: true, force: true });
  const connection = await network.create({ network: "localhost", override: { url } });
  const deploymentBlock = (await provider.getBlockNumber()) + 1;
  const core = await deployCore(connection);
  await rm(journal, { recursive: true, force: true });
  const deployment = await deploymentRecord(core, chainId, deploymentBlock);
  const deploymentFile = await writeDeploymentRecord(deployment, directory);

  const wallets = Array.from({ length: 10 }, (_, index) => new Wallet(testAccountKey(index), provider));

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
      provider.destroy();
      await connection.close();
      child.kill();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
