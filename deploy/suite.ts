/**
 * Deploys the whole suite from a plan through the `Palisade` Ignition module and returns its address book.
 *
 * Used by `npm run deploy` (scripts/deploy.ts), `npm run devnet` (scripts/devnet.ts), the demo and the tests.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import { getAddress, type Provider } from "ethers";

import type { PalisadeDeployment } from "../sdk/src/deployment.js";
import { deploymentRecord } from "./addressBook.js";
import { buildPalisadeModule } from "./modules/Palisade.js";
import type { DeploymentPlan } from "./plan.js";

export interface SuiteDeployment {
  record: PalisadeDeployment;
  /** The deployer, who owns everything until the governance accepts the handover. */
  deployer: string;
  /** Where Ignition keeps this deployment's journal; undefined for the in-process network, which keeps none. */
  journal?: string;
}

/** The account that deploys: the connection's first. */
export async function firstSigner(connection: NetworkConnection): Promise<HardhatEthersSigner> {
  const [signer] = await connection.ethers.getSigners();
  if (signer === undefined) throw new Error(`the network ${connection.networkName} has no account to deploy from`);
  return signer;
}

/** A journal that records contracts this chain does not have: the node it was written for is gone. */
export class StaleJournalError extends Error {
  constructor(
    readonly journal: string,
    readonly missing: string,
  ) {
    super(
      `Ignition's journal ${journal} records ${missing}, which has no code on this chain: the journal belongs to an ` +
        "earlier chain with the same id (a restarted local node?). Delete the journal to deploy afresh " +
        "(PALISADE_RESET_JOURNAL=1 does it), or point the deploy at the chain it belongs to.",
    );
    this.name = "StaleJournalError";
  }
}

/** The first block at which `address` has code (binary search over an archive node's history). */
export async function firstBlockWithCode(provider: Provider, address: string): Promise<number> {
  let high = await provider.getBlockNumber();
  if ((await provider.getCode(address, high)) === "0x") throw new Error(`${address} has no code`);
  let low = 0;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await provider.getCode(address, middle)) === "0x") low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Throws StaleJournalError when the journal's recorded contracts are missing from the chain. */
async function checkJournal(journal: string, provider: Provider): Promise<void> {
  const addressesFile = path.join(journal, "deployed_addresses.json");
  if (!existsSync(addressesFile)) return;
  const recorded = JSON.parse(await readFile(addressesFile, "utf8")) as Record<string, string>;
  for (const [future, address] of Object.entries(recorded)) {
    if ((await provider.getCode(address)) === "0x") throw new StaleJournalError(journal, `${future} at ${address}`);
  }
}

export interface DeploySuiteOptions {
  /** Ignition's deployment id (its journal's folder name); default `chain-<chainId>`. */
  deploymentId?: string;
  /** Deletes the journal first: for a chain known to be fresh (the devnet's node). */
  resetJournal?: boolean;
  /** Shows Ignition's progress display. */
  displayUi?: boolean;
}

/** Deploys (or, with a complete journal, finds) the suite the plan describes, on `connection`. */
export async function deploySuite(
  connection: NetworkConnection,
  plan: DeploymentPlan,
  options: DeploySuiteOptions = {},
): Promise<SuiteDeployment> {
  const { ethers, ignition } = connection;
  const deployer = await firstSigner(connection);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const deploymentId = options.deploymentId ?? `chain-${chainId}`;
  const journal =
    connection.networkConfig.type === "edr-simulated"
      ? undefined
      : path.resolve(import.meta.dirname, "deployments", deploymentId);
  if (journal !== undefined) {
    if (options.resetJournal === true) await rm(journal, { recursive: true, force: true });
    else await checkJournal(journal, ethers.provider);
  }

  const { pauser, ...delays } = plan.core;
  const coreParameters = Object.fromEntries(
    Object.entries({ ...delays, pauser }).filter(([, value]) => value !== undefined),
  ) as Record<string, string | number>;
  const deployed = await ignition.deploy(buildPalisadeModule(plan), {
    parameters: { PalisadeCore: coreParameters },
    deploymentId,
    displayUi: options.displayUi ?? false,
  });

  const address = async (contract: { getAddress(): Promise<string> }): Promise<string> =>
    getAddress(await contract.getAddress());
  const named = deployed as Record<string, { getAddress(): Promise<string> } | undefined>;
  const strategies: NonNullable<PalisadeDeployment["strategies"]> = [];
  for (const token of plan.tokens) {
    const strategy = named[`strategy_${token.symbol}`];
    const created = named[`token_${token.symbol}`];
    if (strategy === undefined) throw new Error(`the deployment has no strategy for ${token.symbol}`);
    strategies.push({
      symbol: token.symbol,
      token: created === undefined ? getAddress(token.address ?? "") : await address(created),
      strategy: await address(strategy),
    });
  }
  const record = await deploymentRecord(
    deployed,
    chainId,
    await firstBlockWithCode(ethers.provider, getAddress(await deployed.strategyManager.getAddress())),
  );
  record.strategies = strategies;
  const oracle = named.exampleAVS;
  const slasher = named.exampleAVSSlasher;
  if (oracle !== undefined && slasher !== undefined) {
    record.exampleAVS = { avs: await address(oracle), slasher: await address(slasher), setId: 0 };
  }
  return { record, deployer: deployer.address, journal };
}
