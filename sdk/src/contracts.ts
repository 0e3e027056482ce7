/**
 * Palisade's contracts as typed ethers contracts (typechain types over the ABIs the SDK ships).
 */
import { Contract, type ContractRunner, type InterfaceAbi } from "ethers";

import * as abis from "./generated/abis/index.js";
import type {
  ContractTypes,
  ERC20Strategy,
  EquivocationSlasher,
  InstantSlasher,
  PriceOracleAVS,
  VetoSlasher,
} from "./generated/abis/index.js";
import type { PalisadeAddresses } from "./deployment.js";
import type { Erc20 } from "./erc20.js";
import { ERC20_ABI } from "./erc20.js";
import { ADDRESS_BOOK_CONTRACTS, CONTRACT_MANIFEST, type AddressBookContract } from "./manifest.js";

/** The contracts of one deployment's address book (the core and the lens), connected to one runner. */
export type PalisadeContracts = {
  [N in AddressBookContract as (typeof CONTRACT_MANIFEST)[N]["key"]]: ContractTypes[N];
};

/** A typed contract at `address`: the typechain type describes exactly the ABI it is built from. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type its ABI matches
function typed<T>(address: string, abi: InterfaceAbi, runner: ContractRunner | null): T {
  return new Contract(address, abi, runner) as unknown as T;
}

export function connectContracts(addresses: PalisadeAddresses, runner: ContractRunner | null): PalisadeContracts {
  const contracts = ADDRESS_BOOK_CONTRACTS.map((name) => {
    const key = CONTRACT_MANIFEST[name].key;
    return [key, new Contract(addresses[key], abis[`${name}Abi`], runner)] as const;
  });
  // Each key holds the contract the manifest names for it, built from that contract's ABI.
  return Object.fromEntries(contracts) as unknown as PalisadeContracts;
}

export const strategyAt = (address: string, runner: ContractRunner | null): ERC20Strategy =>
  typed(address, abis.ERC20StrategyAbi, runner);
export const instantSlasherAt = (address: string, runner: ContractRunner | null): InstantSlasher =>
  typed(address, abis.InstantSlasherAbi, runner);
export const vetoSlasherAt = (address: string, runner: ContractRunner | null): VetoSlasher =>
  typed(address, abis.VetoSlasherAbi, runner);
export const equivocationSlasherAt = (address: string, runner: ContractRunner | null): EquivocationSlasher =>
  typed(address, abis.EquivocationSlasherAbi, runner);
export const priceOracleAt = (address: string, runner: ContractRunner | null): PriceOracleAVS =>
  typed(address, abis.PriceOracleAVSAbi, runner);
export const erc20At = (address: string, runner: ContractRunner | null): Erc20 => typed(address, ERC20_ABI, runner);
