import type { ContractRunner } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { PalisadeAddresses } from "../sdk/src/deployment.js";
import { connectContracts, type PalisadeContracts } from "../sdk/src/contracts.js";
import { addressesOf } from "./addressBook.js";
import CoreModule from "./modules/Core.js";

/** The core, deployed, as typed contracts connected to the deployer. */
export type CoreDeployment = PalisadeContracts & {
  /** The ERC20Strategy implementation every strategy clone runs. */
  strategyImplementation: string;
};

export interface CoreParameters {
  /** Governance; defaults to the deployer. */
  owner?: string;
  /** The pauser role; defaults to the deployer. */
  pauser?: string;
  /** Seconds between queueing a withdrawal and completing it; defaults to 7 days. */
  withdrawalDelay?: number;
  /** The shortest allocation delay operators may choose, in seconds; defaults to 1 minute. */
  minAllocationDelay?: number;
  /** The longest allocation delay operators may choose, in seconds; defaults to 21 days. */
  maxAllocationDelay?: number;
  /** Seconds a redistributing set's slashed funds stay in escrow before release; defaults to 4 days. */
  escrowDelay?: number;
}

/** Deploys the `PalisadeCore` Ignition module on `connection` and returns its contracts, typed. */
export async function deployCore(
  connection: NetworkConnection,
  parameters: CoreParameters = {},
): Promise<CoreDeployment> {
  const { ethers, ignition } = connection;
  const [deployer] = await ethers.getSigners();
  const deployed = await ignition.deploy(CoreModule, {
    parameters: { PalisadeCore: { ...parameters } },
    displayUi: false,
  });
  const addresses = await addressesOf(deployed);
  return {
    ...connectCore(addresses, deployer ?? null),
    strategyImplementation: await deployed.strategyImplementation.getAddress(),
  };
}

/** The core at `addresses` (an address book's), as typed contracts connected to `runner`. */
export function connectCore(addresses: PalisadeAddresses, runner: ContractRunner | null): PalisadeContracts {
  return connectContracts(addresses, runner);
}
