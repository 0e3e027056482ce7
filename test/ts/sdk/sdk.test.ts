/**
 * The SDK against the in-process network: every client flow, its errors, its signatures cross-checked against the
 * contracts' digest views, the lens reads and the event history. test/ts/sdk/endToEnd.test.ts runs the same SDK (and
 * the CLI) against a real JSON-RPC node.
 */
import { expect } from "chai";
import { AbiCoder, Wallet, id, ZeroAddress } from "ethers";

import { deploymentRecord } from "../../../deploy/addressBook.js";
import { deployCore } from "../../../deploy/core.js";
import {
  ContractRevertError,
  InvalidArgumentError,
  MissingAddressError,
  NoContractCodeError,
  PreflightError,
  SignerRequiredError,
  WrongChainError,
  buildEquivocationEvidence,
  createPalisade,
  decodeRevert,
  signAttestation,
  signDelegationApproval,
  signDeposit,
  equivocationSlasherAt,
  signRegistrationConsent,
  toPalisadeError,
} from "../../../sdk/src/index.js";
import { getLogsChunked } from "../../../sdk/src/read/events.js";
import { connection, ethers, loadFixture, networkHelpers } from "../fixtures.js";
import {
  ALLOCATION_DELAY,
  BOUNTY_WAD,
  EQUIVOCATION_SET,
  EQUIVOCATION_WAD,
  INSTANT_SET,
  ONE,
  VETO_SET,
  VETO_WINDOW,
  WAD,
  buildWorld,
  type World,
} from "./world.js";

async function worldFixture(): Promise<World> {
  const provider = ethers.provider;
  const deploymentBlock = (await provider.getBlockNumber()) + 1;
  const core = await deployCore(connection);
  const chainId = (await provider.getNetwork()).chainId;
  return buildWorld(await ethers.getSigners(), await deploymentRecord(core, chainId, deploymentBlock));
}

/**
 * The operator registered in all three sets, with a quarter of its stake allocated to the instant set, half to the
 * equivocation set and an eighth to the veto set (an eighth left free), and the staker delegated to it.
 */
async function activeOperatorFixture() {
  const world = await worldFixture();
  const { clients, strategy } = world;
  const avs = await world.avs.getAddress();
  await clients.operator.operator.registerAsOperator({
    metadataURI: "ipfs://operator",
    allocationDelay: ALLOCATION_DELAY,
  });
  await clients.staker.staker.deposit({ strategy, amount: 100n * ONE, approve: true });
  await clients.staker.staker.delegate({ operator: await world.operator.getAddress() });
  const { slashableFrom } = await clients.operator.operator.registerForSets({
    avs,
    setIds: [INSTANT_SET, EQUIVOCATION_SET, VETO_SET],
  });
  const { updates } = await clients.operator.operator.allocate({
    changes: [
      { avs, setId: INSTANT_SET, strategies: [strategy], magnitudes: [WAD / 4n] },
      { avs, setId: EQUIVOCATION_SET, strategies: [strategy], magnitudes: [WAD / 2n] },
      { avs, setId: VETO_SET, strategies: [strategy], magnitudes: [WAD / 8n] },
    ],
  });
  // Both the registration and the increases give stakers the notice (the withdrawal delay and a second) first.
  const slashable = [...slashableFrom.map((entry) => entry.from), ...updates.map((update) => update.effectAt)];
  await networkHelpers.time.increaseTo(slashable.reduce((a, b) => (a > b ? a : b)));
  return { ...world, avsAddress: avs, operatorAddress: await world.operator.getAddress() };
}

async function expectRejection<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}`);
}

/**
 * An expiry `seconds` after the chain's time. The in-process chain is shared by every test file and its clock runs
 * ahead of the wall clock once a test has waited out a withdrawal delay, so the SDK's wall-clock `expiresIn` would
 * already be past.
 */
async function chainExpiresIn(seconds: number): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest()) + BigInt(seconds);
}

describe("SDK: createPalisade validates the deployment against the chain", function () {
  it("rejects a deployment for another chain, a missing address and an address without code", async function () {
    const { deployment, staker } = await loadFixture(worldFixture);
    await expectRejection(
      createPalisade({ runner: staker, deployment: { ...deployment, chainId: 1 } }),
      WrongChainError,
    );
    const withoutLens: Partial<typeof deployment.addresses> = { ...deployment.addresses };
    delete withoutLens.lens;
    const missing = await expectRejection(
      createPalisade({
        runner: staker,
        deployment: { ...deployment, addresses: withoutLens as typeof deployment.addresses },
      }),
      MissingAddressError,
    );
    expect(missing.argument).to.equal("deployment.addresses.lens");
    const noCode = await expectRejection(
      createPalisade({
        runner: staker,
        deployment: { ...deployment, addresses: { ...deployment.addresses, lens: await staker.getAddress() } },
      }),
      NoContractCodeError,
    );
    expect(noCode.shortMessage).to.contain("lens");
    await expectRejection(createPalisade({ runner: staker }), MissingAddressError);
  });

  it("a read-only client reads but refuses to write", async function () {
    const { deployment, strategy } = await loadFixture(worldFixture);
    const reader = await createPalisade({ runner: ethers.provider, deployment });
    expect((await reader.read.stakerState({ staker: ZeroAddress })).positions).to.deep.equal([]);
    await expectRejection(reader.staker.deposit({ strategy, amount: 1n }), SignerRequiredError);
  });
});

describe("SDK: stakers deposit, delegate, withdraw and complete", function () {
  it("refuses a deposit without allowance before sending anything, and approves only when asked", async function () {
    const { clients, strategy, staker, deployment } = await loadFixture(worldFixture);
    const nonce = await ethers.provider.getTransactionCount(await staker.getAddress());
    const error = await expectRejection(clients.staker.staker.deposit({ strategy, amount: ONE }), PreflightError);
    expect(error.argument).to.equal("approve");
    expect(await ethers.provider.getTransactionCount(await staker.getAddress())).to.equal(nonce);

    const prepared = await clients.staker.staker.prepareDeposit({ strategy, amount: ONE });
    expect(prepared.to).to.equal(deployment.addresses.strategyManager);
    expect(prepared.value).to.equal(0n);
    const result = await clients.staker.staker.deposit({ strategy, amount: ONE, approve: true });
    expect(result.approval?.hash).to.match(/^0x/);
    expect(result.shares).to.equal(1_000n * ONE);
    expect(result.events.map((event) => event.name)).to.include("Deposited");
    await clients.staker.staker.approve({ strategy });
    expect(await clients.staker.staker.estimateDepositGas({ strategy, amount: ONE })).to.be.greaterThan(0n);
    await expectRejection(clients.staker.staker.deposit({ strategy: "0x1234", amount: ONE }), InvalidArgumentError);
    await expectRejection(clients.staker.staker.deposit({ strategy, amount: 0n }), InvalidArgumentError);
  });

  it("a relayer submits a signed deposit whose digest is the contract's", async function () {
    const { clients, strategy, staker, token, owner } = await loadFixture(worldFixture);
    const signed = await signDeposit(clients.staker.context, staker, {
      strategy,
      amount: ONE,
      expiry: await chainExpiresIn(3600),
    });
    expect(signed.digest).to.equal(
      await clients.staker.context.contracts.strategyManager.depositDigest(
        signed.message.staker,
        strategy,
        ONE,
        signed.message.nonce,
        signed.message.expiry,
      ),
    );
    await (await token.mint(await owner.getAddress(), ONE)).wait();
    await expectRejection(clients.owner.staker.depositWithSignature({ authorization: signed }), PreflightError);
    await (await token.connect(owner).approve(strategy, ONE)).wait();
    const result = await clients.owner.staker.depositWithSignature({ authorization: signed });
    expect(result.shares).to.equal(1_000n * ONE);
    expect(
      (await clients.staker.read.stakerState({ staker: await staker.getAddress() })).positions[0]?.underlying,
    ).to.equal(ONE);
  });

  it("refuses to delegate to an unknown operator, and delegates with the approver's signature", async function () {
    const { clients, operator, watcher, staker } = await loadFixture(worldFixture);
    const stranger = await watcher.getAddress();
    const unknown = await expectRejection(clients.staker.staker.delegate({ operator: stranger }), PreflightError);
    expect(unknown.argument).to.equal("operator");

    await clients.operator.operator.registerAsOperator({
      metadataURI: "ipfs://gated",
      allocationDelay: ALLOCATION_DELAY,
      delegationApprover: stranger,
    });
    const operatorAddress = await operator.getAddress();
    const needsApproval = await expectRejection(
      clients.staker.staker.delegate({ operator: operatorAddress }),
      PreflightError,
    );
    expect(needsApproval.argument).to.equal("approval");
    const approval = await signDelegationApproval(clients.watcher.context, watcher, {
      staker: await staker.getAddress(),
      operator: operatorAddress,
      expiry: await chainExpiresIn(3600),
    });
    expect(approval.digest).to.equal(
      await clients.staker.context.contracts.operatorRegistry.delegationApprovalDigest(
        approval.message.staker,
        operatorAddress,
        approval.message.salt,
        approval.message.expiry,
      ),
    );
    const delegated = await clients.staker.staker.delegate({ operator: operatorAddress, approval });
    expect(delegated.operatorId).to.equal(
      await clients.staker.context.contracts.operatorRegistry.operatorId(operatorAddress),
    );
    // The same approval twice: the contract's error, decoded.
    const replay = await expectRejection(
      clients.staker.staker.redelegate({ operator: operatorAddress, approval }),
      ContractRevertError,
    );
    expect(replay.errorName).to.equal("ApproverSaltSpent");
  });

  it("queues a withdrawal, reports it waiting with its maturity, and completes it once ready", async function () {
    const { clients, strategy, staker, token } = await loadFixture(activeOperatorFixture);
    const stakerAddress = await staker.getAddress();
    const { withdrawals } = await clients.staker.staker.queueWithdrawal({
      requests: [{ strategies: [strategy], shares: [10_000n * ONE] }],
    });
    const [queued] = withdrawals;
    if (queued === undefined) throw new Error("no withdrawal queued");
    expect(await clients.staker.read.getWithdrawalStatus(queued.withdrawal)).to.equal("waiting");
    const early = await expectRejection(
      clients.staker.staker.completeWithdrawal({ withdrawals: [queued.withdrawal] }),
      ContractRevertError,
    );
    expect(early.errorName).to.equal("WithdrawalNotMature");
    expect(early.args.maturesAt).to.equal(queued.withdrawal.maturity);
    const { seconds } = await clients.staker.read.getTimeToComplete(queued.withdrawal);
    expect(seconds).to.be.greaterThan(0n);
    const found = await clients.staker.read.findWithdrawal({ root: queued.root });
    expect(found).to.deep.equal(queued.withdrawal);

    await networkHelpers.time.increase(seconds);
    expect(await clients.staker.read.getWithdrawalStatus(queued.withdrawal)).to.equal("ready");
    const [listed] = await clients.staker.read.withdrawals({ staker: stakerAddress });
    expect(listed?.status).to.equal("ready");
    expect(listed?.preview.tokens).to.deep.equal([10n * ONE]);
    const balance = await token.balanceOf(stakerAddress);
    const completed = await clients.staker.staker.completeWithdrawal({ withdrawals: [queued.withdrawal] });
    expect(completed.completed[0]?.root).to.equal(queued.root);
    expect(await token.balanceOf(stakerAddress)).to.equal(balance + 10n * ONE);
    expect(await clients.staker.read.getWithdrawalStatus(queued.withdrawal)).to.equal("completed");
  });
});

describe("SDK: operators allocate and AVSs read their sets", function () {
  it("reports a pending allocation increase and its effect time, then the whole operator state", async function () {
    const { clients, strategy, avsAddress, operatorAddress } = await loadFixture(activeOperatorFixture);
    const target = { operator: operatorAddress, avs: avsAddress, setId: INSTANT_SET, strategy };
    const { updates } = await clients.operator.operator.allocate({
      changes: [{ avs: avsAddress, setId: INSTANT_SET, strategies: [strategy], magnitudes: [(WAD * 3n) / 8n] }],
    });
    expect(updates[0]?.magnitude).to.equal((WAD * 3n) / 8n);
    const status = await clients.operator.read.getAllocationStatus(target);
    expect(status.change).to.equal("increase");
    expect(status.effectAt).to.equal(updates[0]?.effectAt);
    await networkHelpers.time.increase(status.secondsToEffect);
    await clients.operator.read.waitForAllocation(target, { pollIntervalMs: 10, timeoutMs: 5_000 });

    const state = await clients.operator.read.operatorState({ operator: operatorAddress });
    expect(state.isOperator).to.equal(true);
    expect(state.stakes[0]?.delegatedShares).to.equal(100_000n * ONE);
    const instant = state.sets.find((set) => set.setId === INSTANT_SET);
    expect(instant?.registered).to.equal(true);
    expect(instant?.allocations[0]?.slashableShares).to.equal(37_500n * ONE);
    const unknown = await clients.operator.read.operatorState({ operator: ZeroAddress.replace(/0$/, "1") });
    expect(unknown.isOperator).to.equal(false);
  });

  it("lists an AVS's sets with members and stake, and a security report", async function () {
    const { clients, avsAddress, operatorAddress, slashers } = await loadFixture(activeOperatorFixture);
    const { sets } = await clients.avs.read.avsState({ avs: avsAddress });
    expect(sets.map((set) => set.setId)).to.deep.equal([INSTANT_SET, EQUIVOCATION_SET, VETO_SET]);
    const equivocation = sets.find((set) => set.setId === EQUIVOCATION_SET);
    expect(equivocation?.slasher).to.equal(slashers.equivocation);
    expect(equivocation?.redistributionRecipient).to.equal(slashers.equivocation);
    expect(equivocation?.members[0]?.operator).to.equal(operatorAddress);
    expect(equivocation?.totalSlashableShares).to.deep.equal([50_000n * ONE]);

    const report = await clients.avs.read.securityReport({ avs: avsAddress, setId: EQUIVOCATION_SET });
    expect(report.operatorCount).to.equal(1);
    expect(report.strategies[0]?.topOperatorWad).to.equal(WAD);
    // Half its stake here, and another 3/8 of it allocated to the instant and veto sets.
    expect(report.operators[0]?.allocatedElsewhereWad).to.deep.equal([(WAD * 3n) / 8n]);
  });
});

describe("SDK: AVSs slash through each reference slasher", function () {
  it("previews an equivocation slash, then a watcher reports it, releases the escrowed funds once the escrow is over and claims the bounty", async function () {
    const { clients, strategy, avsAddress, operatorAddress, slashers } = await loadFixture(activeOperatorFixture);
    // The bounty is capped by the operator's own loss: the operator has stake of its own.
    await clients.operator.staker.deposit({ strategy, amount: 10n * ONE, approve: true });
    const key = Wallet.createRandom();
    await clients.operator.operator.registerSigningKey({ slasher: slashers.equivocation, key });
    const ctx = clients.watcher.context;
    const a = await signAttestation(ctx, key, slashers.equivocation, { height: 7n, payloadHash: id("price 100") });
    const b = await signAttestation(ctx, key, slashers.equivocation, { height: 7n, payloadHash: id("price 200") });
    expect(a.digest).to.equal(
      await equivocationSlasherAt(slashers.equivocation, ethers.provider).attestationDigest(7n, id("price 100")),
    );
    expect(() => buildEquivocationEvidence(a, a)).to.throw(InvalidArgumentError);

    const preview = await clients.watcher.read.previewSlash({
      operator: operatorAddress,
      avs: avsAddress,
      setId: EQUIVOCATION_SET,
      strategies: [strategy],
      wads: [EQUIVOCATION_WAD],
    });
    expect(preview.slashable).to.equal(true);
    const reported = await clients.watcher.avs.reportEquivocation({
      slasher: slashers.equivocation,
      evidence: buildEquivocationEvidence(a, b),
    });
    expect(reported.operator).to.equal(operatorAddress);
    expect(reported.strategies[0]?.sharesSlashed).to.equal(preview.strategies[0]?.totalSharesSlashed);
    expect(reported.strategies[0]?.slashedMagnitude).to.equal(preview.strategies[0]?.magnitudeTaken);
    for (const impact of preview.otherSets) {
      expect(impact.slashableSharesAfter, `set ${impact.setId}`).to.be.closeTo(impact.slashableSharesBefore, 1n);
    }
    // One key, one incident: the SDK refuses a second report before sending (`isKeyPunished`), and the contract
    // would too.
    const again = await expectRejection(
      clients.watcher.avs.reportEquivocation({
        slasher: slashers.equivocation,
        evidence: buildEquivocationEvidence(a, b),
      }),
      PreflightError,
    );
    expect(again.shortMessage).to.contain(`Key ${key.address} was punished already`);
    const prepared = await clients.watcher.avs.prepareReportEquivocation({
      slasher: slashers.equivocation,
      evidence: buildEquivocationEvidence(a, b),
    });
    const refused = await clients.watcher.context.provider.call(prepared).then(
      () => undefined,
      (error: unknown) => toPalisadeError(error),
    );
    expect(refused).to.be.instanceOf(ContractRevertError);
    expect((refused as ContractRevertError).errorName).to.equal("KeyAlreadyPunished");

    // The set redistributes to its slasher: the funds wait out the escrow, and a release before is refused.
    const target = { avs: avsAddress, setId: EQUIVOCATION_SET, strategy };
    const escrowed = await clients.watcher.read.slashedFunds(target);
    expect(escrowed.recipient).to.equal(slashers.equivocation);
    expect(escrowed.shares).to.equal(reported.strategies[0]?.sharesSlashed);
    expect(escrowed.releasable).to.equal(false);
    const early = await expectRejection(clients.watcher.avs.releaseSlashedFunds(target), PreflightError);
    expect(early.shortMessage).to.contain("in escrow until").and.to.contain("UTC");
    await networkHelpers.time.increaseTo(escrowed.releasableAt);
    const released = await clients.watcher.avs.releaseSlashedFunds(target);
    expect(released.recipient).to.equal(slashers.equivocation);
    const empty = await expectRejection(clients.watcher.avs.releaseSlashedFunds(target), PreflightError);
    expect(empty.shortMessage).to.contain("Nothing slashed");
    const bounty = await clients.watcher.avs.claimBounty({ slasher: slashers.equivocation, strategy });
    expect(bounty.amount).to.equal(reported.bounties[0]);
    expect(bounty.amount).to.be.greaterThan(0n);
    expect(bounty.amount).to.be.lessThanOrEqual((released.amount * BOUNTY_WAD) / WAD);
  });

  it("slashes instantly, and through a veto slasher: vetoed, then requested again and executed", async function () {
    const { clients, strategy, operatorAddress, slashers } = await loadFixture(activeOperatorFixture);
    const instant = await clients.avs.avs.instantSlash({
      slasher: slashers.instant,
      operator: operatorAddress,
      strategies: [strategy],
      wads: [WAD / 10n],
      description: "missed 10 rounds",
    });
    expect(instant.slashId).to.equal(1n);
    const denied = await expectRejection(
      clients.watcher.avs.instantSlash({
        slasher: slashers.instant,
        operator: operatorAddress,
        strategies: [strategy],
        wads: [1n],
        description: "",
      }),
      ContractRevertError,
    );
    expect(denied.errorName).to.equal("OwnableUnauthorizedAccount");

    const request = {
      slasher: slashers.veto,
      operator: operatorAddress,
      strategies: [strategy],
      wads: [WAD / 2n],
      description: "bad bridge root",
    };
    const first = await clients.avs.avs.requestSlash(request);
    await clients.resolver.avs.veto({ slasher: slashers.veto, requestId: first.requestId });
    const second = await clients.avs.avs.requestSlash(request);
    const early = await expectRejection(
      clients.watcher.avs.executeSlash({ slasher: slashers.veto, requestId: second.requestId }),
      ContractRevertError,
    );
    expect(early.errorName).to.equal("RequestNotExecutable");
    await networkHelpers.time.increase(VETO_WINDOW + 1);
    const executed = await clients.watcher.avs.executeSlash({ slasher: slashers.veto, requestId: second.requestId });
    expect(executed.slashId).to.equal(2n);
    expect(executed.strategies[0]?.wad).to.equal(WAD / 2n);
  });

  it("registers an operator with its signed consent, whose digest is the contract's", async function () {
    const { clients, operator, avsAddress, operatorAddress } = await loadFixture(worldFixture).then(async (world) => ({
      ...world,
      avsAddress: await world.avs.getAddress(),
      operatorAddress: await world.operator.getAddress(),
    }));
    await clients.operator.operator.registerAsOperator({ metadataURI: "ipfs://op", allocationDelay: ALLOCATION_DELAY });
    const consent = await signRegistrationConsent(clients.operator.context, operator, {
      avs: avsAddress,
      setIds: [INSTANT_SET],
      expiry: await chainExpiresIn(3600),
    });
    expect(consent.digest).to.equal(
      await clients.avs.context.contracts.avsRegistry.registrationConsentDigest(
        operatorAddress,
        avsAddress,
        [INSTANT_SET],
        "0x",
        consent.message.salt,
        consent.message.expiry,
      ),
    );
    await clients.avs.avs.registerOperatorWithConsent({ consent });
    const status = await clients.avs.read.getDeallocationStatus({
      operator: operatorAddress,
      avs: avsAddress,
      setId: INSTANT_SET,
    });
    expect(status.registered).to.equal(true);
    const { slashableUntil } = await clients.avs.avs.deregisterOperator({
      operator: operatorAddress,
      avs: avsAddress,
      setIds: [INSTANT_SET],
    });
    expect(slashableUntil[0]?.until).to.be.greaterThan(0n);
  });
});

describe("SDK: the notice, settling, slashers and recipients, risk flags", function () {
  const SEVEN_DAYS = 7n * 24n * 3600n;

  it("reads the delay in force and governance's, and when allocation changes made now take effect", async function () {
    const { clients, operatorAddress } = await loadFixture(activeOperatorFixture);
    const delay = await clients.staker.read.withdrawalDelay();
    expect(delay.delay).to.equal(SEVEN_DAYS);
    expect(delay.governanceDelay).to.equal(SEVEN_DAYS);
    expect(delay.maturityFloor).to.equal(0n);
    expect(delay.exitEnd).to.equal(delay.now + SEVEN_DAYS);
    const timing = await clients.staker.read.allocationTiming({ operator: operatorAddress });
    // The allocation delay (60 s) is shorter than the notice: an increase waits for a full withdrawal first.
    expect(timing.increaseEffectAt).to.equal(timing.now + SEVEN_DAYS + 1n);
    expect(timing.decreaseEffectAt).to.equal(timing.now + SEVEN_DAYS);
  });

  it("settles a decrease that took effect, freeing its magnitude at once", async function () {
    const { clients, strategy, avsAddress, operatorAddress, deployment } = await loadFixture(activeOperatorFixture);
    const manager = clients.operator.context.contracts.allocationManager;
    const { updates } = await clients.operator.operator.allocate({
      changes: [{ avs: avsAddress, setId: INSTANT_SET, strategies: [strategy], magnitudes: [0n] }],
    });
    const effectAt = updates[0]?.effectAt ?? 0n;
    expect(await clients.watcher.read.settleableDeallocations({ operator: operatorAddress })).to.deep.equal([]);
    await networkHelpers.time.increaseTo(effectAt);

    const [found] = await clients.watcher.read.settleableDeallocations({ operator: operatorAddress });
    expect(found?.strategy).to.equal(strategy);
    expect(found?.unsettledMagnitude).to.equal(WAD / 4n);
    expect(found?.decreases.map((decrease) => [decrease.setId, decrease.magnitude])).to.deep.equal([[INSTANT_SET, 0n]]);
    expect(await manager.allocatableMagnitude(operatorAddress, strategy)).to.equal(WAD / 8n);

    // Anyone may settle: here the watcher, for the operator.
    const params = { operator: operatorAddress, avs: avsAddress, setId: INSTANT_SET, strategies: [strategy] };
    const prepared = await clients.watcher.operator.prepareSettleAllocations(params);
    expect(prepared.to).to.equal(deployment.addresses.allocationManager);
    expect(await clients.watcher.operator.estimateSettleAllocationsGas(params)).to.be.greaterThan(0n);
    const { settled } = await clients.watcher.operator.settleAllocations(params);
    expect(settled).to.deep.equal([{ strategy, encumbered: (WAD * 5n) / 8n }]);
    expect(await manager.allocatableMagnitude(operatorAddress, strategy)).to.equal((WAD * 3n) / 8n);
    expect(await clients.watcher.read.settleableDeallocations({ operator: operatorAddress })).to.deep.equal([]);
  });

  it("schedules a slasher keeping the set's recipient by default, and refuses a recipient for a burning set", async function () {
    const { clients, slashers, watcher, avs } = await loadFixture(worldFixture);
    const next = await watcher.getAddress();
    const kept = await clients.avs.avs.scheduleSlasher({ setId: EQUIVOCATION_SET, slasher: next });
    expect(kept.recipient).to.equal(slashers.equivocation);
    const { sets } = await clients.avs.read.avsState({ avs: await avs.getAddress() });
    const equivocation = sets.find((set) => set.setId === EQUIVOCATION_SET);
    expect(equivocation?.pendingSlasher).to.equal(next);
    expect(equivocation?.pendingRedistributionRecipient).to.equal(slashers.equivocation);
    expect(equivocation?.slasherEffectAt).to.equal(kept.effectAt);

    const burning = await clients.avs.avs.scheduleSlasher({ setId: INSTANT_SET, slasher: next });
    expect(burning.recipient).to.equal(ZeroAddress);
    const refused = await expectRejection(
      clients.avs.avs.scheduleSlasher({ setId: VETO_SET, slasher: next, recipient: next }),
      ContractRevertError,
    );
    expect(refused.errorName).to.equal("InvalidRedistributionRecipient");
    expect(refused.argument).to.equal("recipient");
  });

  it("flags loudly an operator that is its own AVS with a redistributing set paying itself, and not a burning set", async function () {
    const { clients, strategy, avsAddress, operatorAddress, slashers, staker } =
      await loadFixture(activeOperatorFixture);
    const SELF_SET = 7;
    // The rug of issue 12: the operator registers as an AVS, creates a set it slashes and that pays it, and allocates.
    await clients.operator.avs.registerAVS({ metadataURI: "ipfs://self" });
    await clients.operator.avs.createOperatorSet({
      setId: SELF_SET,
      strategies: [strategy],
      slasher: operatorAddress,
      redistributionRecipient: operatorAddress,
    });
    await clients.operator.operator.registerForSets({ avs: operatorAddress, setIds: [SELF_SET] });
    await clients.operator.operator.allocate({
      changes: [{ avs: operatorAddress, setId: SELF_SET, strategies: [strategy], magnitudes: [WAD / 8n] }],
    });

    const { risks } = await clients.staker.read.stakerState({ staker: await staker.getAddress() });
    const byKey = new Map(risks.map((risk) => [`${risk.avs}/${risk.setId}`, risk]));
    expect([...byKey.keys()].sort()).to.deep.equal(
      [`${avsAddress}/${EQUIVOCATION_SET}`, `${operatorAddress}/${SELF_SET}`].sort(),
      "the two redistributing sets, not the burning instant and veto sets",
    );
    const self = byKey.get(`${operatorAddress}/${SELF_SET}`);
    expect(self?.severity).to.equal("critical");
    expect(self?.avsIsOperator).to.equal(true);
    expect(self?.selfDealing.map((entry) => `${entry.role}:${entry.party}`)).to.deep.equal([
      "recipient:operator",
      "slasher:operator",
    ]);
    expect(self?.recipient).to.equal(operatorAddress);
    expect(self?.slashable).to.equal(false, "registered, still in its notice");
    const [pending] = self?.allocations ?? [];
    expect(pending?.current).to.equal(0n);
    expect(pending?.pending).to.equal(WAD / 8n, "a pending allocation is flagged too");
    expect(pending?.slashableSharesAtEffect).to.equal((100_000n * ONE) / 8n);
    expect(pending?.slashableTokensAtEffect).to.equal((100n * ONE) / 8n);

    const redistributing = byKey.get(`${avsAddress}/${EQUIVOCATION_SET}`);
    expect(redistributing?.severity).to.equal("warning");
    expect(redistributing?.recipient).to.equal(slashers.equivocation);
    expect(redistributing?.allocations[0]?.slashableTokens).to.equal(50n * ONE);

    const report = await clients.avs.read.securityReport({ avs: avsAddress, setId: EQUIVOCATION_SET });
    expect(report.redistributionRecipient).to.equal(slashers.equivocation);
    expect(report.risks.map((risk) => risk.severity).sort()).to.deep.equal(["critical", "warning"]);
  });
});

describe("SDK: errors decode to plain words", function () {
  it("decodes Error(string), panics and unknown selectors", function () {
    const coder = AbiCoder.defaultAbiCoder();
    const reason = decodeRevert("0x08c379a0" + coder.encode(["string"], ["nope"]).slice(2));
    expect(reason.errorName).to.equal("Error");
    expect(reason.shortMessage).to.contain("nope");
    const panic = decodeRevert("0x4e487b71" + coder.encode(["uint256"], [0x11]).slice(2));
    expect(panic.errorName).to.equal("Panic");
    const unknown = decodeRevert("0xdeadbeef");
    expect(unknown.errorName).to.equal("UnknownError");
    expect(unknown.shortMessage).to.contain("0xdeadbeef");
  });
});

describe("SDK: event history and watching", function () {
  it("pages the history in chunks without gaps or duplicates, and halves a range the node refuses", async function () {
    const { clients } = await loadFixture(activeOperatorFixture);
    const all = await clients.avs.read.getEvents();
    const chunked = await clients.avs.read.getEvents({ chunkSize: 3 });
    expect(chunked).to.deep.equal(all);
    expect(all.length).to.be.greaterThan(10);

    // A node that refuses any range over 4 blocks, the way public RPCs do.
    const ctx = clients.avs.context;
    const provider = ctx.provider;
    const refusing = new Proxy(provider, {
      get(target, property, receiver) {
        if (property === "getLogs") {
          return async (filter: { fromBlock: number; toBlock: number }) => {
            if (filter.toBlock - filter.fromBlock >= 4) throw new Error("query exceeds max block range 4");
            return target.getLogs(filter);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const head = await provider.getBlockNumber();
    const logs = await getLogsChunked({ ...ctx, provider: refusing }, {}, ctx.deployment.deploymentBlock, head, 1_000);
    const direct = await provider.getLogs({ fromBlock: ctx.deployment.deploymentBlock, toBlock: head });
    expect(logs.length).to.equal(direct.length);
  });

  it("watches new events from a cursor, each once", async function () {
    const { clients, strategy } = await loadFixture(activeOperatorFixture);
    const seen: string[] = [];
    const watch = clients.staker.read.watchEvents({
      eventNames: ["Deposited"],
      pollIntervalMs: 60_000,
      onEvents: (events) => {
        seen.push(...events.map((event) => event.transactionHash));
      },
    });
    await watch.poll();
    const { hash } = await clients.staker.staker.deposit({ strategy, amount: ONE, approve: true });
    await watch.poll();
    await watch.poll();
    watch.stop();
    expect(seen).to.deep.equal([hash]);
    expect(watch.cursor).to.equal((await ethers.provider.getBlockNumber()) + 1);
  });
});
