import { expect } from "chai";
import { ZeroHash } from "ethers";

import { palisadeOver } from "../../scripts/lib/connect.js";
import { signDelegationApproval } from "../../sdk/src/index.js";
import { approveAndDeposit, deployCoreFixture, ethers, loadFixture, networkHelpers, sharesFor } from "./fixtures.js";

const ONE = 10n ** 18n;
const NO_APPROVAL = { signature: "0x", expiry: 0n };

/**
 * The base fixture plus an operator whose delegations need its approver's signature, alice's deposit, and an SDK
 * client over the core (the approver signs as the SDK does).
 */
async function approvedOperatorFixture() {
  const base = await deployCoreFixture();
  const [, , , , , , , operator, approver] = await ethers.getSigners();
  if (operator === undefined || approver === undefined) throw new Error("needs nine signers");
  await (await base.operatorRegistry.connect(operator).registerAsOperator(approver.address, 60, "ipfs://op")).wait();
  await approveAndDeposit(base.strategyManager, base.tokenA, base.strategyA, base.alice, 10n * ONE);
  return { ...base, operator, approver, palisade: await palisadeOver(base, ethers.provider) };
}

describe("Delegation: operators, approvers' signatures and forced undelegation", function () {
  it("registers an operator delegated to itself, with its approver and allocation delay", async function () {
    const { operatorRegistry, strategyManager, operator, approver } = await loadFixture(approvedOperatorFixture);
    const id = await operatorRegistry.operatorId(operator.address);
    expect(id).to.not.equal(0n);
    expect(await operatorRegistry.isOperator(operator.address)).to.equal(true);
    expect(await operatorRegistry.delegatedTo(operator.address)).to.equal(operator.address);
    expect(await strategyManager.delegatedOperatorId(operator.address)).to.equal(id);
    expect(await operatorRegistry.delegationApprover(operator.address)).to.equal(approver.address);
    const record = await operatorRegistry.operatorRecord(id);
    expect(record.operator).to.equal(operator.address);
    expect(record.allocationDelay).to.equal(60n);
    expect(record.hasApprover).to.equal(true);
  });

  describe("an approver's signature built off-chain with ethers", function () {
    it("hashes to delegationApprovalDigest on-chain, from the domain the chain publishes", async function () {
      const { operatorRegistry, operator, approver, alice, palisade } = await loadFixture(approvedOperatorFixture);
      const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
      const { message: approval, signature } = await signDelegationApproval(palisade.context, approver, {
        staker: alice.address,
        operator: operator.address,
        expiry,
      });
      const digest = await operatorRegistry.delegationApprovalDigest(
        alice.address,
        operator.address,
        approval.salt,
        expiry,
      );
      expect(ethers.recoverAddress(digest, signature)).to.equal(approver.address);
    });

    it("lets the staker delegate once; the same salt is refused afterwards", async function () {
      const { operatorRegistry, strategyManager, strategyA, operator, approver, alice, palisade } =
        await loadFixture(approvedOperatorFixture);
      const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
      const { message: approval, signature } = await signDelegationApproval(palisade.context, approver, {
        staker: alice.address,
        operator: operator.address,
        expiry,
      });
      await expect(operatorRegistry.connect(alice).delegate(operator.address, { signature, expiry }, approval.salt))
        .to.emit(operatorRegistry, "ApproverSaltUsed")
        .withArgs(approver.address, approval.salt);
      const id = await operatorRegistry.operatorId(operator.address);
      expect((await strategyManager.operatorStake(id, strategyA))[1]).to.equal(sharesFor(10n * ONE));

      await (await operatorRegistry.connect(alice).undelegate(alice.address)).wait();
      await expect(operatorRegistry.connect(alice).delegate(operator.address, { signature, expiry }, approval.salt))
        .to.be.revertedWithCustomError(operatorRegistry, "ApproverSaltSpent")
        .withArgs(approver.address, approval.salt);
    });

    it("is refused without a signature, after its expiry, and for another staker", async function () {
      const { operatorRegistry, operator, approver, alice, bob, palisade } = await loadFixture(approvedOperatorFixture);
      await expect(operatorRegistry.connect(alice).delegate(operator.address, NO_APPROVAL, ZeroHash))
        .to.be.revertedWithCustomError(operatorRegistry, "ApproverSignatureExpired")
        .withArgs(0n, (await networkHelpers.time.latest()) + 1);

      const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
      const { message: approval, signature } = await signDelegationApproval(palisade.context, approver, {
        staker: alice.address,
        operator: operator.address,
        expiry,
      });
      const bobsDigest = await operatorRegistry.delegationApprovalDigest(
        bob.address,
        operator.address,
        approval.salt,
        expiry,
      );
      await expect(operatorRegistry.connect(bob).delegate(operator.address, { signature, expiry }, approval.salt))
        .to.be.revertedWithCustomError(operatorRegistry, "InvalidApproverSignature")
        .withArgs(approver.address, bobsDigest);

      await networkHelpers.time.setNextBlockTimestamp(expiry + 1n);
      await expect(operatorRegistry.connect(alice).delegate(operator.address, { signature, expiry }, approval.salt))
        .to.be.revertedWithCustomError(operatorRegistry, "ApproverSignatureExpired")
        .withArgs(expiry, expiry + 1n);
    });
  });

  describe("undelegation", function () {
    it("can be forced by the operator, queues the staker's stake and says who forced it", async function () {
      const { operatorRegistry, withdrawalQueue, strategyManager, strategyA, operator, approver, alice, palisade } =
        await loadFixture(approvedOperatorFixture);
      await (await operatorRegistry.connect(approver).delegate(operator.address, NO_APPROVAL, ZeroHash)).wait();
      await (await operatorRegistry.connect(approver).undelegate(approver.address)).wait();
      const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
      const { message: approval, signature } = await signDelegationApproval(palisade.context, approver, {
        staker: alice.address,
        operator: operator.address,
        expiry,
      });
      await (
        await operatorRegistry.connect(alice).delegate(operator.address, { signature, expiry }, approval.salt)
      ).wait();

      const forced = operatorRegistry.connect(operator).undelegate(alice.address);
      await expect(forced).to.emit(operatorRegistry, "StakerForceUndelegated");
      await expect(forced).to.emit(withdrawalQueue, "WithdrawalQueued");
      expect(await operatorRegistry.delegatedTo(alice.address)).to.equal(ethers.ZeroAddress);
      expect(await strategyManager.stakerStrategyCount(alice.address)).to.equal(0n);
      const pending = await withdrawalQueue.pendingWithdrawals(alice.address);
      expect(pending).to.have.length(1);
      expect(await strategyManager.withdrawableShares(alice.address, strategyA)).to.equal(0n);
    });

    it("is refused to operators themselves and to strangers", async function () {
      const { operatorRegistry, operator, stranger, alice } = await loadFixture(approvedOperatorFixture);
      await expect(operatorRegistry.connect(operator).undelegate(operator.address))
        .to.be.revertedWithCustomError(operatorRegistry, "OperatorCannotUndelegate")
        .withArgs(operator.address);
      await expect(operatorRegistry.connect(stranger).undelegate(alice.address))
        .to.be.revertedWithCustomError(operatorRegistry, "NotDelegated")
        .withArgs(alice.address);
    });
  });
});
