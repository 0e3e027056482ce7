/**
 * Palisade's contracts as typed ethers contracts (typechain types over the ABIs the SDK ships).
 */
import { Contract, type ContractRunner, type InterfaceAbi } from "ethers";

import {
  AVSRegistryAbi,
  AllocationManagerAbi,
  ERC20StrategyAbi,
  EquivocationSlasherAbi,
  InstantSlasherAbi,
  OperatorRegistryAbi,
  PalisadeLensAbi,
  PriceOracleAVSAbi,
  SlashingCoordinatorAbi,
  StrategyFactoryAbi,
  StrategyManagerAbi,
  VetoSlasherAbi,
  WithdrawalQueueAbi,
} from "./generated/abis/index.js";
import type {
  AVSRegistry,
  AllocationManager,
  ERC20Strategy,
  EquivocationSlasher,
  InstantSlasher,
  OperatorRegistry,
  PalisadeLens,
  PriceOracleAVS,
  SlashingCoordinator,
  StrategyFactory,
  StrategyManager,
  VetoSlasher,
  WithdrawalQueue,
} from "./generated/typechain/index.js";
import type { PalisadeAddresses } from "./deployment.js";
import type { Erc20 } from "./erc20.js";
import { ERC20_ABI } from "./erc20.js";

/** The core contracts of one deployment, connected to one runner. */
export interface PalisadeContracts {
  strategyManager: StrategyManager;
  withdrawalQueue: WithdrawalQueue;
  operatorRegistry: OperatorRegistry;
  avsRegistry: AVSRegistry;
  allocationManager: AllocationManager;
  slashingCoordinator: SlashingCoordinator;
  strategyFactory: StrategyFactory;
  lens: PalisadeLens;
}

/** A typed contract at `address`: the typechain type describes exactly the ABI it is built from. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type its ABI matches
function typed<T>(address: string, abi: InterfaceAbi, runner: ContractRunner | null): T {
  return new Contract(address, abi, runner) as unknown as T;
}

export function connectContracts(addresses: PalisadeAddresses, runner: ContractRunner | null): PalisadeContracts {
  return {
    strategyManager: typed(addresses.strategyManager, StrategyManagerAbi, runner),
    withdrawalQueue: typed(addresses.withdrawalQueue, WithdrawalQueueAbi, runner),
    operatorRegistry: typed(addresses.operatorRegistry, OperatorRegistryAbi, runner),
    avsRegistry: typed(addresses.avsRegistry, AVSRegistryAbi, runner),
    allocationManager: typed(addresses.allocationManager, AllocationManagerAbi, runner),
    slashingCoordinator: typed(addresses.slashingCoordinator, SlashingCoordinatorAbi, runner),
    strategyFactory: typed(addresses.strategyFactory, StrategyFactoryAbi, runner),
    lens: typed(addresses.lens, PalisadeLensAbi, runner),
  };
}

export const strategyAt = (address: string, runner: ContractRunner | null): ERC20Strategy =>
  typed(address, ERC20StrategyAbi, runner);
export const instantSlasherAt = (address: string, runner: ContractRunner | null): InstantSlasher =>
  typed(address, InstantSlasherAbi, runner);
export const vetoSlasherAt = (address: string, runner: ContractRunner | null): VetoSlasher =>
  typed(address, VetoSlasherAbi, runner);
export const equivocationSlasherAt = (address: string, runner: ContractRunner | null): EquivocationSlasher =>
  typed(address, EquivocationSlasherAbi, runner);
export const priceOracleAt = (address: string, runner: ContractRunner | null): PriceOracleAVS =>
  typed(address, PriceOracleAVSAbi, runner);
export const erc20At = (address: string, runner: ContractRunner | null): Erc20 => typed(address, ERC20_ABI, runner);
