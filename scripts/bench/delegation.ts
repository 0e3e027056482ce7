import { ZeroHash, type ContractTransactionResponse } from "ethers";

import { deployCore } from "../../deploy/core.js";
import { MockERC20__factory } from "../../types/ethers-contracts/index.js";
import { queuedWithdrawalInReceipt } from "../../sdk/src/index.js";
import { deployFromArtifact } from "./artifacts.js";
import type { FlowGroup, FlowMeasurement } from "./types.js";

const ONE = 10n ** 18n;
const METADATA_URI = "https://operator.example/palisade/metadata.json";
const NO_APPROVAL = { signature: "0x", expiry: 0n };

async function receiptOf(tx: Promise<ContractTransactionResponse>) {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return receipt;
}

/**
 * Operator, delegation and withdrawal flows, on a network where each contract's shared storage already exists
 * (another operator registered, other stakers delegated and queued before), as on a live network. Stakers keep
 * part of their tokens and allowance, so no balance reaches zero and no storage refund flatters a figure.
 */
export const delegationFlows: FlowGroup = async (connection) => {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, operatorA, operatorB, alice, bob, dave] = signers;
  if (
    deployer === undefined ||
    operatorA === undefined ||
    operatorB === undefined ||
    alice === undefined ||
    bob === undefined ||
    dave === undefined
  ) {
    throw new Error("the bench needs six funded accounts");
  }
  const { strategyManager, strategyFactory, operatorRegistry, withdrawalQueue } = await deployCore(connection);
  const token = MockERC20__factory.connect(
    await deployFromArtifact(connection, "MockERC20", deployer, ["Bench Token", "BENCH", 18]),
    deployer,
  );
  const tokenAddress = await token.getAddress();
  await receiptOf(strategyFactory.deployStrategy(tokenAddress));
  const strategy = await strategyFactory.strategyOf(tokenAddress);
  await receiptOf(strategyManager.addStrategiesToWhitelist([strategy]));
  for (const account of [operatorB, alice, bob, dave]) {
    await receiptOf(token.mint(account.address, 1_000n * ONE));
    await receiptOf(token.connect(account).approve(strategy, 1_000n * ONE));
    await receiptOf(strategyManager.connect(account).deposit(strategy, 10n * ONE));
  }
  // Operator B registered first, with a deposit of its own: registration moved that deposit into its stake.
  await receiptOf(operatorRegistry.connect(operatorB).registerAsOperator(ethers.ZeroAddress, 60, METADATA_URI));

  const results: FlowMeasurement[] = [];
  results.push({
    name: "operator.register",
    gasUsed: (
      await receiptOf(operatorRegistry.connect(operatorA).registerAsOperator(ethers.ZeroAddress, 60, METADATA_URI))
    ).gasUsed,
    scenario: "a new account (no deposits) registers, without approver, with a 48-byte metadata URI",
  });
  results.push({
    name: "staker.delegate",
    gasUsed: (await receiptOf(operatorRegistry.connect(alice).delegate(operatorA.address, NO_APPROVAL, ZeroHash)))
      .gasUsed,
    scenario: "a staker with one position delegates to an operator without approver; it is the operator's first staker",
  });
  results.push({
    name: "deposit.delegated",
    gasUsed: (await receiptOf(strategyManager.connect(alice).deposit(strategy, ONE))).gasUsed,
    scenario: "a repeat deposit by a delegated staker into a strategy it holds",
  });

  // Dave queued from operator A's stake before, so its queue history in the strategy exists.
  await receiptOf(operatorRegistry.connect(dave).delegate(operatorA.address, NO_APPROVAL, ZeroHash));
  await receiptOf(withdrawalQueue.connect(dave).queueWithdrawals([{ strategies: [strategy], shares: [1_000n] }]));

  const queueReceipt = await receiptOf(
    withdrawalQueue.connect(alice).queueWithdrawals([{ strategies: [strategy], shares: [ONE * 1_000n] }]),
  );
  results.push({
    name: "withdrawal.queue",
    gasUsed: queueReceipt.gasUsed,
    scenario: "a delegated staker's first withdrawal, of part of one position",
  });

  await receiptOf(operatorRegistry.connect(bob).delegate(operatorA.address, NO_APPROVAL, ZeroHash));
  const undelegateReceipt = await receiptOf(operatorRegistry.connect(bob).undelegate(bob.address));
  results.push({
    name: "staker.undelegate",
    gasUsed: undelegateReceipt.gasUsed,
    scenario: "a staker with one position undelegates; its stake is queued as its first withdrawal",
  });
  await receiptOf(operatorRegistry.connect(bob).delegate(operatorB.address, NO_APPROVAL, ZeroHash));

  await networkHelpers.time.increase(await withdrawalQueue.withdrawalDelay());
  results.push({
    name: "withdrawal.complete.tokens",
    gasUsed: (
      await receiptOf(
        withdrawalQueue.connect(alice).completeWithdrawal(queuedWithdrawalInReceipt(queueReceipt), true, alice.address),
      )
    ).gasUsed,
    scenario: "a delegated staker's matured one-strategy withdrawal, paid as tokens to the staker",
  });
  results.push({
    name: "withdrawal.complete.shares",
    gasUsed: (
      await receiptOf(
        withdrawalQueue
          .connect(bob)
          .completeWithdrawal(queuedWithdrawalInReceipt(undelegateReceipt), false, ethers.ZeroAddress),
      )
    ).gasUsed,
    scenario: "after a redelegation, the matured undelegation withdrawal credited back as shares to the new operator",
  });
  return results;
};
