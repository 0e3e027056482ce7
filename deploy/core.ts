import type { NetworkConnection } from "hardhat/types/network";

import CoreModule from "./modules/Core.js";
import {
  StrategyFactory__factory,
  StrategyManager__factory,
  type StrategyFactory,
  type StrategyManager,
} from "../types/ethers-contracts/index.js";

/** The deposit layer, deployed, as typed contracts connected to the deployer. */
export interface CoreDeployment {
  strategyManager: StrategyManager;
  strategyFactory: StrategyFactory;
  strategyImplementation: string;
}

export interface CoreParameters {
  /** Governance; defaults to the deployer. */
  owner?: string;
  /** The pauser role; defaults to the deployer. */
  pauser?: string;
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
  return {
    strategyManager: StrategyManager__factory.connect(await deployed.strategyManager.getAddress(), deployer),
    strategyFactory: StrategyFactory__factory.connect(await deployed.strategyFactory.getAddress(), deployer),
    strategyImplementation: await deployed.strategyImplementation.getAddress(),
  };
}
