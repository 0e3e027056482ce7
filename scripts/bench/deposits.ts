import type { ContractTransactionResponse } from "ethers";

import { deployCore } from "../../deploy/core.js";
import { MockERC20__factory } from "../../types/ethers-contracts/index.js";
import { signDeposit } from "../../sdk/src/index.js";
import { palisadeOver } from "../lib/connect.js";
import { deployFromArtifact } from "./artifacts.js";
import type { FlowGroup, FlowMeasurement } from "./types.js";

const ONE = 10n ** 18n;

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return receipt.gasUsed;
}

/**
 * Deposit flows. Every staker holds more tokens than it deposits and has approved more than it deposits, so
 * neither its balance nor its allowance reaches zero: no storage refund flatters the figures.
 */
export const depositFlows: FlowGroup = async (connection) => {
  const { ethers } = connection;
  const [deployer, seeder, alice, bob, relayer] = await ethers.getSigners();
  if (
    deployer === undefined ||
    seeder === undefined ||
    alice === undefined ||
    bob === undefined ||
    relayer === undefined
  ) {
    throw new Error("the bench needs five funded accounts");
  }
  const core = await deployCore(connection);
  const { strategyManager, strategyFactory } = core;
  const token = MockERC20__factory.connect(
    await deployFromArtifact(connection, "MockERC20", deployer, ["Bench Token", "BENCH", 18]),
    deployer,
  );
  const tokenAddress = await token.getAddress();

  const results: FlowMeasurement[] = [];
  results.push({
    name: "strategy.deploy",
    gasUsed: await gasOf(strategyFactory.deployStrategy(tokenAddress)),
    scenario: "StrategyFactory.deployStrategy for a new token (CREATE2 clone with the token as immutable argument)",
  });
  const strategy = await strategyFactory.strategyOf(tokenAddress);
  await (await strategyManager.addStrategiesToWhitelist([strategy])).wait();

  for (const account of [seeder, alice, bob, relayer]) {
    await (await token.mint(account.address, 1_000n * ONE)).wait();
    await (await token.connect(account).approve(strategy, 1_000n * ONE)).wait();
  }
  // Someone deposited before, so the strategy's own storage already exists, as it would on a live network.
  await (await strategyManager.connect(seeder).deposit(strategy, 10n * ONE)).wait();

  results.push({
    name: "deposit.first",
    gasUsed: await gasOf(strategyManager.connect(alice).deposit(strategy, ONE)),
    scenario: "a staker's first deposit ever, into a strategy that already holds deposits",
  });
  results.push({
    name: "deposit.repeat",
    gasUsed: await gasOf(strategyManager.connect(alice).deposit(strategy, ONE)),
    scenario: "the same staker's second deposit into the same strategy",
  });

  const latest = await ethers.provider.getBlock("latest");
  if (latest === null) throw new Error("no latest block");
  const { signature } = await signDeposit((await palisadeOver(core, ethers.provider)).context, bob, {
    strategy,
    amount: ONE,
    expiry: BigInt(latest.timestamp) + 3_600n,
  });
  results.push({
    name: "deposit.withSignature",
    gasUsed: await gasOf(
      strategyManager
        .connect(relayer)
        .depositWithSignature(strategy, ONE, bob.address, BigInt(latest.timestamp) + 3_600n, signature),
    ),
    scenario: "a relayer's deposit for a new staker holding an ECDSA signature (the staker's first deposit and nonce)",
  });
  return results;
};
