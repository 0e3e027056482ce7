import type { NetworkConnection } from "hardhat/types/network";

import CoreModule from "./modules/Core.js";
import {
  AVSRegistry__factory,
  AllocationManager__factory,
  OperatorRegistry__factory,
  PalisadeLens__factory,
  SlashingCoordinator__factory,
  StrategyFactory__factory,
  StrategyManager__factory,
  WithdrawalQueue__factory,
  type AVSRegistry,
  type AllocationManager,
  type OperatorRegistry,
  type PalisadeLens,
  type SlashingCoordinator,
  type StrategyFactory,
  type StrategyManager,
  type WithdrawalQueue,
} from "../types/ethers-contracts/index.js";

/** The core, deployed, as typed contracts connected to the deployer. */
export interface CoreDeployment {
  strategyManager: StrategyManager;
  withdrawalQueue: WithdrawalQueue;
  operatorRegistry: OperatorRegistry;
  avsRegistry: AVSRegistry;
  allocationManager: AllocationManager;
  slashingCoordinator: SlashingCoordinator;
  strategyFactory: StrategyFactory;
  strategyImplementation: string;
  /** Read-only views over the core, for the SDK. */
  lens: PalisadeLens;
}

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
    withdrawalQueue: WithdrawalQueue__factory.connect(await deployed.withdrawalQueue.getAddress(), deployer),
    operatorRegistry: OperatorRegistry__factory.connect(await deployed.operatorRegistry.getAddress(), deployer),
    avsRegistry: AVSRegistry__factory.connect(await deployed.avsRegistry.getAddress(), deployer),
    allocationManager: AllocationManager__factory.connect(await deployed.allocationManager.getAddress(), deployer),
    slashingCoordinator: SlashingCoordinator__factory.connect(
      await deployed.slashingCoordinator.getAddress(),
      deployer,
    ),
    strategyFactory: StrategyFactory__factory.connect(await deployed.strategyFactory.getAddress(), deployer),
    strategyImplementation: await deployed.strategyImplementation.getAddress(),
    lens: PalisadeLens__factory.connect(await deployed.lens.getAddress(), deployer),
  };
}
