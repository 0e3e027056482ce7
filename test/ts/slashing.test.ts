import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { ZeroAddress, ZeroHash } from "ethers";

import { approveAndDeposit, deployCoreFixture, ethers, loadFixture, networkHelpers, sharesFor } from "./fixtures.js";
import { queuedWithdrawalInReceipt } from "../../sdk/src/index.js";
import { InstantSlasher__factory } from "../../types/ethers-contracts/index.js";

const ONE = 10n ** 18n;
const WAD = 10n ** 18n;
const NO_APPROVAL = { signature: "0x", expiry: 0n };
const ALLOCATION_DELAY = 60;

/** An AVS with two sets, one operator allocated to both, one delegated staker, and each set's instant slasher. */
async function slashableOperatorFixture() {
  const base = await deployCoreFixture();
  const { operatorRegistry, avsRegistry, allocationManager, slashingCoordinator, strategyManager } = base;
  const [, , , , , , , avs, operator, burnTeam] = await ethers.getSigners();
  if (avs === undefined || operator === undefined || burnTeam === undefined) throw new Error("needs ten signers");

  await (await avsRegistry.connect(avs).registerAVS("https://avs.example/avs.json")).wait();
  const slasherFor = async (id: number) => {
    const slasher = await new InstantSlasher__factory(avs).deploy(slashingCoordinator, { avs: avs.address, id }, avs);
    await slasher.waitForDeployment();
    return slasher;
  };
  const oracleSlasher = await slasherFor(1);
  const bridgeSlasher = await slasherFor(2);
  // Set 1 burns what it slashes; set 2 redistributes it to the AVS's team.
  await (
    await avsRegistry.connect(avs).createOperatorSet(1, [base.strategyA], oracleSlasher, ZeroAddress, ZeroAddress)
  ).wait();
  await (
    await avsRegistry.connect(avs).createOperatorSet(2, [base.strategyA], bridgeSlasher, ZeroAddress, burnTeam.address)
  ).wait();
  const oracleSet = { avs: avs.address, id: 1 };
  const bridgeSet = { avs: avs.address, id: 2 };

  await (
    await operatorRegistry.connect(operator).registerAsOperator(ZeroAddress, ALLOCATION_DELAY, "ipfs://operator")
  ).wait();
  await approveAndDeposit(strategyManager, base.tokenA, base.strategyA, base.alice, 100n * ONE);
  await (await operatorRegistry.connect(base.alice).delegate(operator.address, NO_APPROVAL, ZeroHash)).wait();
  await (
    await allocationManager.connect(operator).modifyAllocations([
      { operatorSet: oracleSet, strategies: [base.strategyA], magnitudes: [WAD / 2n] },
      { operatorSet: bridgeSet, strategies: [base.strategyA], magnitudes: [WAD / 4n] },
    ])
  ).wait();
  await (await avsRegistry.connect(operator).registerForOperatorSets(avs.address, [1, 2], "0x")).wait();
  // The registration and the allocations take effect after the notice: the withdrawal delay and one second.
  await networkHelpers.time.increase((await base.withdrawalQueue.withdrawalDelay()) + 1n);
  return { ...base, avs, operator, burnTeam, oracleSlasher, bridgeSlasher, oracleSet, bridgeSet };
}

describe("Slashing: an AVS slashes an operator through its set's slasher", function () {
  it("takes the fraction of the allocation from the staker and its pending withdrawal, and nothing from the other set", async function () {
    const {
      strategyManager,
      withdrawalQueue,
      allocationManager,
      slashingCoordinator,
      strategyA,
      tokenA,
      alice,
      operator,
      oracleSlasher,
      oracleSet,
      bridgeSet,
    } = await loadFixture(slashableOperatorFixture);
    const deposited = sharesFor(100n * ONE);
    const now = await networkHelpers.time.latest();
    expect(await allocationManager.slashableStake(operator, oracleSet, [strategyA], now)).to.deep.equal([
      deposited / 2n,
    ]);
    const bridgeBefore = await allocationManager.slashableStake(operator, bridgeSet, [strategyA], now);

    // Alice queues a fifth of her stake right before the slash: it stays slashable until it matures.
    const queued = await (
      await withdrawalQueue.connect(alice).queueWithdrawals([{ strategies: [strategyA], shares: [deposited / 5n] }])
    ).wait();
    const withdrawal = queuedWithdrawalInReceipt(queued);

    // 20% of a 50% allocation: every share of the operator's stake loses 10%.
    const slash = oracleSlasher.slash(operator, [strategyA], [WAD / 5n], "missed 3 rounds");
    await expect(slash)
      .to.emit(slashingCoordinator, "OperatorSlashed")
      .withArgs(1n, operator.address, oracleSet.avs, oracleSet.id, "missed 3 rounds");
    await expect(slash)
      .to.emit(slashingCoordinator, "StrategySlashed")
      .withArgs(1n, await strategyA.getAddress(), WAD / 5n, WAD / 2n, WAD / 10n, WAD, deposited / 10n);
    expect(await strategyManager.withdrawableShares(alice, strategyA)).to.equal((((deposited * 4n) / 5n) * 9n) / 10n);
    const [previewShares] = await withdrawalQueue.previewCompletion(withdrawal);
    expect(previewShares).to.deep.equal([((deposited / 5n) * 9n) / 10n]);
    expect(await allocationManager.slashableStake(operator, bridgeSet, [strategyA], now)).to.deep.equal(bridgeBefore);
    expect(await slashingCoordinator.bucket(oracleSet, strategyA, ZeroAddress)).to.deep.equal([deposited / 10n, 0n]);

    // The bucket burns; the withdrawal pays the reduced amount.
    const burn = await slashingCoordinator.BURN_ADDRESS();
    await expect(slashingCoordinator.releaseSlashedFunds(oracleSet, strategyA, ZeroAddress)).to.changeTokenBalances(
      ethers,
      tokenA,
      [strategyA, burn],
      [-10n * ONE, 10n * ONE],
    );
    await networkHelpers.time.increaseTo(withdrawal.maturity);
    await expect(
      withdrawalQueue.connect(alice).completeWithdrawal(withdrawal, true, alice.address),
    ).to.changeTokenBalance(ethers, tokenA, alice, 18n * ONE);
  });

  it("decodes every refusal into the custom error with its arguments", async function () {
    const { avsRegistry, slashingCoordinator, strategyA, strategyB, operator, avs, oracleSlasher, oracleSet, bob } =
      await loadFixture(slashableOperatorFixture);
    await expect(slashingCoordinator.connect(bob).slash(operator, oracleSet, [strategyA], [WAD], "not mine"))
      .to.be.revertedWithCustomError(avsRegistry, "NotSlasher")
      .withArgs(bob.address, avs.address, oracleSet.id, await oracleSlasher.getAddress());
    await expect(oracleSlasher.slash(operator, [strategyA], [WAD + 1n], "too much"))
      .to.be.revertedWithCustomError(slashingCoordinator, "InvalidWad")
      .withArgs(await strategyA.getAddress(), WAD + 1n);
    await expect(oracleSlasher.slash(operator, [strategyB], [WAD], "not in the set"))
      .to.be.revertedWithCustomError(avsRegistry, "StrategyNotInSet")
      .withArgs(avs.address, oracleSet.id, await strategyB.getAddress());
    await expect(oracleSlasher.slash(bob, [strategyA], [WAD], "not registered"))
      .to.be.revertedWithCustomError(avsRegistry, "OperatorNotSlashable")
      .withArgs(bob.address, avs.address, oracleSet.id);
    await expect(slashingCoordinator.releaseSlashedFunds(oracleSet, strategyA, ZeroAddress))
      .to.be.revertedWithCustomError(slashingCoordinator, "NothingToRelease")
      .withArgs(avs.address, oracleSet.id, await strategyA.getAddress(), ZeroAddress);
  });

  it("keeps a deregistered operator slashable for the withdrawal delay, then lets it go", async function () {
    const { avsRegistry, withdrawalQueue, strategyA, operator, avs, oracleSlasher, oracleSet } =
      await loadFixture(slashableOperatorFixture);
    await (await avsRegistry.connect(operator).deregisterFromOperatorSets(operator, avs, [1])).wait();
    await (await oracleSlasher.slash(operator, [strategyA], [WAD / 10n], "still reachable")).wait();
    await networkHelpers.time.increase(await withdrawalQueue.withdrawalDelay());
    await expect(oracleSlasher.slash(operator, [strategyA], [WAD / 10n], "gone"))
      .to.be.revertedWithCustomError(avsRegistry, "OperatorNotSlashable")
      .withArgs(operator.address, avs.address, oracleSet.id);
  });

  it("sends a redistributing set's bucket to its recipient once its escrow is over", async function () {
    const { slashingCoordinator, strategyA, tokenA, operator, burnTeam, bridgeSlasher, bridgeSet, avs } =
      await loadFixture(slashableOperatorFixture);
    await (await bridgeSlasher.slash(operator, [strategyA], [WAD], "bridge fraud")).wait();
    const [, releasableAt] = await slashingCoordinator.bucket(bridgeSet, strategyA, burnTeam.address);
    await expect(slashingCoordinator.releaseSlashedFunds(bridgeSet, strategyA, burnTeam.address))
      .to.be.revertedWithCustomError(slashingCoordinator, "EscrowNotOver")
      .withArgs(avs.address, bridgeSet.id, await strategyA.getAddress(), burnTeam.address, releasableAt, anyValue);
    await networkHelpers.time.increaseTo(releasableAt);
    // All of a 25% allocation: a quarter of the 100 tokens.
    await expect(slashingCoordinator.releaseSlashedFunds(bridgeSet, strategyA, burnTeam.address)).to.changeTokenBalance(
      ethers,
      tokenA,
      burnTeam,
      25n * ONE,
    );
  });
});
