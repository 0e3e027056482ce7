import type { ContractRunner } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { PalisadeAddresses } from "../sdk/src/deployment.js";

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
  const addresses: Record<keyof PalisadeAddresses, string> = {
    strategyManager: await deployed.strategyManager.getAddress(),
    withdrawalQueue: await deployed.withdrawalQueue.getAddress(),
    operatorRegistry: await deployed.operatorRegistry.getAddress(),
    avsRegistry: await deployed.avsRegistry.getAddress(),
    allocationManager: await deployed.allocationManager.getAddress(),
    slashingCoordinator: await deployed.slashingCoordinator.getAddress(),
    strategyFactory: await deployed.strategyFactory.getAddress(),
    lens: await deployed.lens.getAddress(),
  };
  return {
    ...connectCore(addresses, deployer ?? null),
    strategyImplementation: await deployed.strategyImplementation.getAddress(),
  };
}

/** The core at `addresses` (an address book's), as typed contracts connected to `runner`. */
export function connectCore(
  addresses: PalisadeAddresses,
  runner: ContractRunner | null,
): Omit<CoreDeployment, "strategyImplementation"> {
  return {
    strategyManager: StrategyManager__factory.connect(addresses.strategyManager, runner),
    withdrawalQueue: WithdrawalQueue__factory.connect(addresses.withdrawalQueue, runner),
    operatorRegistry: OperatorRegistry__factory.connect(addresses.operatorRegistry, runner),
    avsRegistry: AVSRegistry__factory.connect(addresses.avsRegistry, runner),
    allocationManager: AllocationManager__factory.connect(addresses.allocationManager, runner),
    slashingCoordinator: SlashingCoordinator__factory.connect(addresses.slashingCoordinator, runner),
    strategyFactory: StrategyFactory__factory.connect(addresses.strategyFactory, runner),
    lens: PalisadeLens__factory.connect(addresses.lens, runner),
  };
}
