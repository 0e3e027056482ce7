import { expect } from "chai";
import { ZeroHash } from "ethers";

import {
  approveAndDeposit,
  deployCoreFixture,
  ethers,
  loadFixture,
  networkHelpers,
  sharesFor,
  STARTING_BALANCE_A,
} from "./fixtures.js";
import { queuedWithdrawalInReceipt } from "../../sdk/src/index.js";

const ONE = 10n ** 18n;
const NO_APPROVAL = { signature: "0x", expiry: 0n };

describe("A staker's journey: deposit, delegate, queue, complete as shares, redelegate, complete as tokens", function () {
  it("keeps each operator's delegated stake equal to what its stakers hold, and pays out in full", async function () {
    const { strategyManager, operatorRegistry, withdrawalQueue, strategyA, tokenA, alice } =
      await loadFixture(deployCoreFixture);
    const [, , , , , , , first, second] = await ethers.getSigners();
    if (first === undefined || second === undefined) throw new Error("needs nine signers");

    await (await operatorRegistry.connect(first).registerAsOperator(ethers.ZeroAddress, 60, "ipfs://first")).wait();
    await (await operatorRegistry.connect(second).registerAsOperator(ethers.ZeroAddress, 60, "ipfs://second")).wait();
    const firstId = await operatorRegistry.operatorId(first.address);
    const secondId = await operatorRegistry.operatorId(second.address);

    // Deposit, then delegate: the position joins the first operator's stake.
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 100n * ONE);
    const deposited = sharesFor(100n * ONE);
    await (await operatorRegistry.connect(alice).delegate(first.address, NO_APPROVAL, ZeroHash)).wait();
    expect(await operatorRegistry.delegatedTo(alice.address)).to.equal(first.address);
    expect(await strategyManager.operatorStake(firstId, strategyA)).to.deep.equal([deposited, deposited]);

    // Queue a quarter: it leaves the position and the operator's stake at once.
    const quarter = deposited / 4n;
    const queued = await (
      await withdrawalQueue.connect(alice).queueWithdrawals([{ strategies: [strategyA], shares: [quarter] }])
    ).wait();
    const asShares = queuedWithdrawalInReceipt(queued);
    expect(await strategyManager.withdrawableShares(alice.address, strategyA)).to.equal(deposited - quarter);
    expect((await strategyManager.operatorStake(firstId, strategyA))[1]).to.equal(deposited - quarter);

    // Not before maturity, and the error says when.
    await expect(withdrawalQueue.connect(alice).completeWithdrawal(asShares, false, ethers.ZeroAddress))
      .to.be.revertedWithCustomError(withdrawalQueue, "WithdrawalNotMature")
      .withArgs(
        await withdrawalQueue.withdrawalRoot(asShares),
        asShares.maturity,
        (await networkHelpers.time.latest()) + 1,
      );

    // Complete as shares: back in the position and in the same operator's stake.
    await networkHelpers.time.increaseTo(asShares.maturity);
    await (await withdrawalQueue.connect(alice).completeWithdrawal(asShares, false, ethers.ZeroAddress)).wait();
    expect(await strategyManager.withdrawableShares(alice.address, strategyA)).to.equal(deposited);
    expect((await strategyManager.operatorStake(firstId, strategyA))[1]).to.equal(deposited);
    await expect(
      withdrawalQueue.connect(alice).completeWithdrawal(asShares, false, ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(withdrawalQueue, "WithdrawalNotPending");

    // Redelegate: everything is queued out of the first operator, none reaches the second until completed.
    const redelegated = await (
      await operatorRegistry.connect(alice).redelegate(second.address, NO_APPROVAL, ZeroHash)
    ).wait();
    const asTokens = queuedWithdrawalInReceipt(redelegated);
    expect(asTokens.operatorId).to.equal(firstId);
    expect(await operatorRegistry.delegatedTo(alice.address)).to.equal(second.address);
    expect(await strategyManager.operatorStake(firstId, strategyA)).to.deep.equal([0n, 0n]);
    expect(await strategyManager.operatorStake(secondId, strategyA)).to.deep.equal([0n, 0n]);
    expect(await strategyManager.stakerStrategyCount(alice.address)).to.equal(0n);

    // Complete as tokens: the staker has all of its tokens back.
    await networkHelpers.time.increaseTo(asTokens.maturity);
    const [previewShares, previewTokens] = await withdrawalQueue.previewCompletion(asTokens);
    expect(previewShares).to.deep.equal([deposited]);
    expect(previewTokens).to.deep.equal([100n * ONE]);
    await expect(
      withdrawalQueue.connect(alice).completeWithdrawal(asTokens, true, alice.address),
    ).to.changeTokenBalances(ethers, tokenA, [alice, strategyA], [100n * ONE, -100n * ONE]);
    expect(await tokenA.balanceOf(alice.address)).to.equal(STARTING_BALANCE_A);
    expect(await withdrawalQueue.pendingWithdrawals(alice.address)).to.deep.equal([]);
  });
});
