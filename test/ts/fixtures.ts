/**
 * Shared set-up for Palisade's TypeScript integration tests.
 *
 * Every test file runs on the one simulated chain created here, and every fixture is a named function handed to
 * `networkHelpers.loadFixture`, so a fixture's deployment is mined once and each test starts from a snapshot of it.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";
import type { AddressLike, Signer, TypedDataDomain } from "ethers";

import { deployCore, type CoreDeployment } from "../../deploy/core.js";
import { DEPOSIT_TYPES, readDomain, type DepositAuthorization } from "../../sdk/src/index.js";
import {
  ERC20Strategy__factory,
  MockERC20__factory,
  type ERC20Strategy,
  type MockERC20,
  type StrategyFactory,
  type StrategyManager,
} from "../../types/ethers-contracts/index.js";

/**
 * The in-process network, on the hardfork the contracts are compiled for (see `networks.default` in
 * hardhat.config.ts), with mainnet's contract size limit: the test build's artifacts of `contracts/` are the
 * production bytecode (test/ts/deployedBytecode.test.ts). Only the coverage run builds the contracts without the
 * optimizer, whose runtimes exceed the 24,576-byte limit, so only there is the limit lifted.
 */
export const connection = await network.create(
  process.env.PALISADE_COVERAGE === "1" ? { override: { allowUnlimitedContractSize: true } } : {},
);
export const { ethers, networkHelpers } = connection;

/** Runs `fixture` once, then restores the chain to the snapshot taken after it on every later call. */
export async function loadFixture<T>(fixture: () => Promise<T>): Promise<T> {
  return networkHelpers.loadFixture(fixture);
}

/** Pause bits of the StrategyManager and the StrategyFactory, and the flag values that set them. */
export const PAUSE_DEPOSITS = 0n;
export const PAUSE_SIGNED_DEPOSITS = 1n;
export const PAUSE_DEPLOYMENTS = 0n;
export const flag = (bit: bigint): bigint => 1n << bit;

/** A cap of 0, for either cap, means "no cap"; it is also what every strategy starts with. */
export const NO_CAP = 0n;

/**
 * ShareMath's virtual offset: a vault is priced as if it held `VIRTUAL_ASSETS` more token backing `VIRTUAL_SHARES`
 * more shares, so a fresh vault mints 1,000 shares per token unit.
 */
export const VIRTUAL_SHARES = 1_000n;
export const VIRTUAL_ASSETS = 1n;

/** What a vault holds before a deposit or withdrawal: the shares in existence and its token balance. */
export interface VaultState {
  totalShares: bigint;
  totalAssets: bigint;
}

/** A vault no one has deposited into or donated to. */
export const FRESH_VAULT: VaultState = { totalShares: 0n, totalAssets: 0n };

/**
 * The shares `assets` tokens buy from a vault in `state`, rounded down: ShareMath.toSharesDown,
 * `assets * (totalShares + 1,000) / (totalAssets + 1)`. As long as nothing but deposits reached the vault, its price
 * stays at exactly 1,000 shares per token unit, so `sharesFor(a) + sharesFor(b) == sharesFor(a + b)` there.
 */
export function sharesFor(assets: bigint, state: VaultState = FRESH_VAULT): bigint {
  return (assets * (state.totalShares + VIRTUAL_SHARES)) / (state.totalAssets + VIRTUAL_ASSETS);
}

/**
 * The tokens `shares` are worth in a vault in `state`, rounded down: ShareMath.toAssetsDown,
 * `shares * (totalAssets + 1) / (totalShares + 1,000)`.
 */
export function assetsFor(shares: bigint, state: VaultState): bigint {
  return (shares * (state.totalAssets + VIRTUAL_ASSETS)) / (state.totalShares + VIRTUAL_SHARES);
}

/** ERC-1967's implementation slot: `bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)`. */
export const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** Tokens minted to every staker and to the relayer by the base fixture. */
export const STARTING_BALANCE_A = 1_000_000n * 10n ** 18n;
export const STARTING_BALANCE_B = 1_000_000n * 10n ** 6n;

export interface Actors {
  /** Signer 0: deploys everything and is governance. */
  owner: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  /** Pays for signed deposits made on stakers' behalf. */
  relayer: HardhatEthersSigner;
  /** Holds no role and no tokens. */
  stranger: HardhatEthersSigner;
}

export interface CoreFixture extends Actors, CoreDeployment {
  /** An 18-decimal token and its whitelisted strategy. */
  tokenA: MockERC20;
  strategyA: ERC20Strategy;
  /** A 6-decimal token and its whitelisted strategy. */
  tokenB: MockERC20;
  strategyB: ERC20Strategy;
}

export interface TwoCoresFixture extends CoreFixture {
  /** A second, independent deployment of the deposit layer on the same chain. */
  otherCore: CoreDeployment;
  /** The second deployment's strategy for `tokenA`, whitelisted there. */
  otherStrategyA: ERC20Strategy;
}

export async function getActors(): Promise<Actors> {
  const signers = await ethers.getSigners();
  const at = (index: number): HardhatEthersSigner => {
    const signer = signers[index];
    if (signer === undefined) throw new Error(`the network has no signer #${index}`);
    return signer;
  };
  return {
    owner: at(0),
    pauser: at(1),
    alice: at(2),
    bob: at(3),
    carol: at(4),
    relayer: at(5),
    stranger: at(6),
  };
}

export async function deployToken(deployer: Signer, symbol: string, decimals: number): Promise<MockERC20> {
  const token = await new MockERC20__factory(deployer).deploy(`Mock ${symbol}`, symbol, decimals);
  await token.waitForDeployment();
  return token;
}

/** Deploys the strategy of `token` through `factory` and returns it, typed, connected to `runner`. */
export async function deployStrategy(
  factory: StrategyFactory,
  token: AddressLike,
  runner: Signer,
): Promise<ERC20Strategy> {
  await (await factory.deployStrategy(token)).wait();
  return ERC20Strategy__factory.connect(await factory.strategyOf(token), runner);
}

/** The core deployment with pauser = signer 1, two tokens, their strategies whitelisted, stakers funded. */
export async function deployCoreFixture(): Promise<CoreFixture> {
  const actors = await getActors();
  const { owner, pauser, alice, bob, carol, relayer } = actors;
  const core = await deployCore(connection, { owner: owner.address, pauser: pauser.address });

  const tokenA = await deployToken(owner, "PSA", 18);
  const tokenB = await deployToken(owner, "PSB", 6);
  const strategyA = await deployStrategy(core.strategyFactory, tokenA, owner);
  const strategyB = await deployStrategy(core.strategyFactory, tokenB, owner);
  await (await core.strategyManager.addStrategiesToWhitelist([strategyA, strategyB])).wait();

  for (const holder of [alice, bob, carol, relayer]) {
    await (await tokenA.mint(holder.address, STARTING_BALANCE_A)).wait();
    await (await tokenB.mint(holder.address, STARTING_BALANCE_B)).wait();
  }
  return { ...actors, ...core, tokenA, strategyA, tokenB, strategyB };
}

/** The base fixture plus a second core deployment whose own strategy for `tokenA` is whitelisted. */
export async function deployTwoCoresFixture(): Promise<TwoCoresFixture> {
  const base = await deployCoreFixture();
  const otherCore = await deployCore(connection, { owner: base.owner.address, pauser: base.pauser.address });
  const otherStrategyA = await deployStrategy(otherCore.strategyFactory, base.tokenA, base.owner);
  await (await otherCore.strategyManager.addStrategiesToWhitelist([otherStrategyA])).wait();
  return { ...base, otherCore, otherStrategyA };
}

/** Approves `strategy` (the vault pulls the tokens) and deposits `amount` into it as `staker`. */
export async function approveAndDeposit(
  manager: StrategyManager,
  token: MockERC20,
  strategy: ERC20Strategy,
  staker: Signer,
  amount: bigint,
): Promise<void> {
  await (await token.connect(staker).approve(strategy, amount)).wait();
  await (await manager.connect(staker).deposit(strategy, amount)).wait();
}

// ---------------------------------------------------------------- EIP-712 signed deposits, as the SDK builds them

export { DEPOSIT_TYPES, type DepositAuthorization };

/** Reads the StrategyManager's EIP-712 domain from the chain (ERC-5267), as the SDK does, so a signature matches it. */
export async function readDepositDomain(strategyManager: StrategyManager): Promise<TypedDataDomain> {
  return readDomain(await strategyManager.getAddress(), ethers.provider);
}

/** A deposit authorisation for `staker` at their current nonce, expiring an hour after the latest block. */
export async function depositAuthorization(
  manager: StrategyManager,
  staker: string,
  strategy: AddressLike,
  amount: bigint,
): Promise<DepositAuthorization> {
  return {
    staker,
    strategy: await ethers.resolveAddress(strategy),
    amount,
    nonce: await manager.nonces(staker),
    expiry: BigInt(await networkHelpers.time.latest()) + 3600n,
  };
}

/**
 * `signer`'s EIP-712 signature of `authorization` under `domain` (eth_signTypedData_v4 for a node-held account).
 * The domain is a parameter so that tests can sign under domains the manager does not have.
 */
export async function signDepositUnder(
  signer: Signer,
  domain: TypedDataDomain,
  authorization: DepositAuthorization,
): Promise<string> {
  return signer.signTypedData(domain, DEPOSIT_TYPES, authorization);
}

/** The digest `manager` computes for `authorization`. */
export async function onChainDigest(manager: StrategyManager, authorization: DepositAuthorization): Promise<string> {
  const { staker, strategy, amount, nonce, expiry } = authorization;
  return manager.depositDigest(staker, strategy, amount, nonce, expiry);
}
