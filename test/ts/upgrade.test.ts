import { expect } from "chai";
import { Result, ZeroAddress, ZeroHash } from "ethers";

import {
  approveAndDeposit,
  connection,
  deployCoreFixture,
  ethers,
  flag,
  IMPLEMENTATION_SLOT,
  loadFixture,
  networkHelpers,
  PAUSE_SIGNED_DEPOSITS,
  type CoreFixture,
} from "./fixtures.js";
import { upgradeModule } from "../../deploy/modules/Upgrade.js";
import { queuedWithdrawalInReceipt } from "../../sdk/src/index.js";
import { CONTRACT_MANIFEST, UPGRADEABLE_CONTRACTS, type UpgradeableContract } from "../../sdk/src/manifest.js";
import {
  InstantSlasher__factory,
  StrategyFactory__factory,
  StrategyManagerV2Mock__factory,
  type StrategyFactory,
} from "../../types/ethers-contracts/index.js";

const ONE_A = 10n ** 18n;
const ONE_B = 10n ** 6n;
const WAD = 10n ** 18n;
const NO_APPROVAL = { signature: "0x", expiry: 0n };
const ALLOCATION_DELAY = 60;

/**
 * The proxy of each upgradeable contract in `core`, typed through the StrategyFactory's ABI: it has little besides
 * what every proxy shares (ownership, pausing, UUPS), which is all these tests call.
 */
async function proxies(core: CoreFixture): Promise<Record<UpgradeableContract, StrategyFactory>> {
  const entries = UPGRADEABLE_CONTRACTS.map(async (name) => {
    const proxy = StrategyFactory__factory.connect(await core[CONTRACT_MANIFEST[name].key].getAddress(), core.owner);
    return [name, proxy] as const;
  });
  return Object.fromEntries(await Promise.all(entries)) as Record<UpgradeableContract, StrategyFactory>;
}

async function implementationOf(proxy: { getAddress(): Promise<string> }): Promise<string> {
  const word = await ethers.provider.getStorage(await proxy.getAddress(), IMPLEMENTATION_SLOT);
  return ethers.getAddress(ethers.dataSlice(word, 12));
}

/** `value` with every ethers `Result` turned into a plain array, so that two reads compare with `deep.equal`. */
function plain(value: unknown): unknown {
  if (value instanceof Result) return value.toArray().map(plain);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

/**
 * A core with state in every contract: deposits in two strategies by three stakers, two operators with delegated
 * stake, an AVS whose set holds allocations (one change still pending) and has slashed once, a queued withdrawal, a
 * deposit cap and a pause.
 */
async function populatedCoreFixture() {
  const core = await deployCoreFixture();
  const { strategyManager, operatorRegistry, avsRegistry, allocationManager, withdrawalQueue } = core;
  const { strategyA, strategyB, tokenA, tokenB, alice, bob, carol, owner, pauser } = core;
  const [, , , , , , , avs, operator, otherOperator] = await ethers.getSigners();
  if (avs === undefined || operator === undefined || otherOperator === undefined) throw new Error("needs ten signers");

  await (await avsRegistry.connect(avs).registerAVS("https://avs.example/avs.json")).wait();
  const slasher = await new InstantSlasher__factory(avs).deploy(
    core.slashingCoordinator,
    { avs: avs.address, id: 1 },
    avs,
  );
  await slasher.waitForDeployment();
  await (
    await avsRegistry.connect(avs).createOperatorSet(1, [strategyA, strategyB], slasher, ZeroAddress, ZeroAddress)
  ).wait();
  const operatorSet = { avs: avs.address, id: 1 };

  for (const account of [operator, otherOperator]) {
    await (
      await operatorRegistry.connect(account).registerAsOperator(ZeroAddress, ALLOCATION_DELAY, "ipfs://operator")
    ).wait();
  }
  await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 100n * ONE_A);
  await approveAndDeposit(strategyManager, tokenB, strategyB, alice, 1_000n * ONE_B);
  await approveAndDeposit(strategyManager, tokenA, strategyA, bob, 40n * ONE_A);
  await approveAndDeposit(strategyManager, tokenB, strategyB, carol, 7n * ONE_B);
  await (await operatorRegistry.connect(alice).delegate(operator.address, NO_APPROVAL, ZeroHash)).wait();
  await (await operatorRegistry.connect(bob).delegate(operator.address, NO_APPROVAL, ZeroHash)).wait();
  await (await operatorRegistry.connect(carol).delegate(otherOperator.address, NO_APPROVAL, ZeroHash)).wait();

  await (
    await allocationManager
      .connect(operator)
      .modifyAllocations([{ operatorSet, strategies: [strategyA, strategyB], magnitudes: [WAD / 2n, WAD / 4n] }])
  ).wait();
  await (await avsRegistry.connect(operator).registerForOperatorSets(avs.address, [1], "0x")).wait();
  // The registration and the allocations take effect after the notice: the withdrawal delay and one second.
  await networkHelpers.time.increase((await withdrawalQueue.withdrawalDelay()) + 1n);
  // A tenth of the set's allocation of strategy A is slashed: magnitudes, slashing factors and the coordinator's
  // bucket all hold something other than their defaults.
  await (await slasher.slash(operator, [strategyA], [WAD / 10n], "missed a round")).wait();
  // A decrease that takes effect only after the allocation delay, still pending at the upgrade.
  await (
    await allocationManager
      .connect(operator)
      .modifyAllocations([{ operatorSet, strategies: [strategyB], magnitudes: [WAD / 8n] }])
  ).wait();

  const queued = await (
    await withdrawalQueue.connect(alice).queueWithdrawals([
      {
        strategies: [strategyA, strategyB],
        shares: [
          (await strategyManager.withdrawableShares(alice, strategyA)) / 4n,
          (await strategyManager.withdrawableShares(alice, strategyB)) / 2n,
        ],
      },
    ])
  ).wait();
  const withdrawal = queuedWithdrawalInReceipt(queued);

  await (await strategyManager.connect(owner).setDepositCaps(strategyB, 500_000n * ONE_B, 900_000n * ONE_B)).wait();
  await (await strategyManager.connect(pauser).pause(flag(PAUSE_SIGNED_DEPOSITS))).wait();
  return { ...core, avs, operator, otherOperator, operatorSet, withdrawal };
}

type PopulatedCore = Awaited<ReturnType<typeof populatedCoreFixture>>;

/** Everything the core's views say about the fixture's accounts, as plain values. */
async function readState(core: PopulatedCore) {
  const { strategyManager, withdrawalQueue, operatorRegistry, avsRegistry, allocationManager } = core;
  const { slashingCoordinator, strategyFactory, strategyA, strategyB, tokenA, tokenB, operatorSet, withdrawal } = core;
  const stakers = [core.alice, core.bob, core.carol];
  const operators = [core.operator, core.otherOperator];
  const strategies = [strategyA, strategyB];
  const now = await networkHelpers.time.latest();

  const state: Record<string, unknown> = {};
  for (const staker of stakers) {
    state[`staker ${staker.address}`] = {
      positions: await strategyManager.stakerPositions(staker),
      nonce: await strategyManager.nonces(staker),
      delegatedTo: await operatorRegistry.delegatedTo(staker),
      operatorId: await strategyManager.delegatedOperatorId(staker),
      pendingWithdrawals: await withdrawalQueue.pendingWithdrawals(staker),
    };
  }
  for (const operator of operators) {
    const id = await operatorRegistry.operatorId(operator);
    const perStrategy: unknown[] = [];
    for (const strategy of strategies) {
      perStrategy.push({
        stake: await strategyManager.operatorStake(id, strategy),
        slashingFactor: await strategyManager.slashingFactor(id, strategy),
        allocation: await allocationManager.allocation(operator, operatorSet, strategy),
        maxMagnitude: await allocationManager.maxMagnitude(operator, strategy),
        encumbered: await allocationManager.encumberedMagnitude(operator, strategy),
        allocatable: await allocationManager.allocatableMagnitude(operator, strategy),
      });
    }
    state[`operator ${operator.address}`] = {
      id,
      record: await operatorRegistry.operatorRecord(id),
      allocationDelay: await operatorRegistry.allocationDelayOf(id),
      registered: await avsRegistry.isRegistered(operator, operatorSet),
      slashable: await avsRegistry.isSlashable(operator, operatorSet),
      slashableNow: await allocationManager.slashableStake(operator, operatorSet, strategies, now),
      // After the pending decrease takes effect.
      slashableLater: await allocationManager.slashableStake(operator, operatorSet, strategies, now + 3_600),
      perStrategy,
    };
  }
  state.strategies = await Promise.all(
    strategies.map(async (strategy) => ({
      config: await strategyManager.strategyConfig(strategy),
      totalShares: await strategy.totalShares(),
      totalAssets: await strategy.totalAssets(),
      slashed: await slashingCoordinator.bucket(operatorSet, strategy, ZeroAddress),
    })),
  );
  state.factory = {
    strategyA: await strategyFactory.strategyOf(tokenA),
    strategyB: await strategyFactory.strategyOf(tokenB),
    implementation: await strategyFactory.strategyImplementation(),
  };
  state.set = await avsRegistry.operatorSetInfo(operatorSet);
  state.nextSlashId = await slashingCoordinator.nextSlashId();
  state.withdrawal = {
    pending: await withdrawalQueue.isPending(withdrawal),
    preview: await withdrawalQueue.previewCompletion(withdrawal),
    delay: await withdrawalQueue.withdrawalDelay(),
  };
  const roles: Record<string, unknown> = {};
  for (const [name, proxy] of Object.entries(await proxies(core))) {
    roles[name] = [await proxy.owner(), await proxy.pauser(), await proxy.pausedFlags()];
  }
  state.roles = roles;
  return plain(state);
}

/** Upgrades `contract`'s proxy in `core` to a fresh build of `implementation` through the Ignition module. */
async function upgrade(core: PopulatedCore, contract: UpgradeableContract, implementation: string = contract) {
  const proxy = await (await proxies(core))[contract].getAddress();
  const { implementation: deployed } = await connection.ignition.deploy(upgradeModule({ contract, implementation }), {
    parameters: { [`PalisadeUpgrade${contract}`]: { proxy } },
    displayUi: false,
  });
  return deployed.getAddress();
}

describe("Upgrades: every proxy of the core moves to a new implementation and keeps its state", function () {
  it("upgrades all seven through the Ignition module; every view reads the same and the queued withdrawal pays the same", async function () {
    const core = await loadFixture(populatedCoreFixture);
    const before = await readState(core);
    const [, promised] = await core.withdrawalQueue.previewCompletion(core.withdrawal);
    // What is compared is not the defaults a lost storage would read as.
    const { allocationManager, slashingCoordinator, operator, operatorSet, strategyA, strategyB } = core;
    expect(await allocationManager.maxMagnitude(operator, strategyA)).to.be.lessThan(WAD);
    expect((await allocationManager.allocation(operator, operatorSet, strategyB)).effectAt).to.not.equal(0n);
    expect((await slashingCoordinator.bucket(operatorSet, strategyA, ZeroAddress)).shares).to.be.greaterThan(0n);
    expect(await core.withdrawalQueue.pendingWithdrawals(core.alice)).to.have.length(1);
    const implementationsBefore = await Promise.all(Object.values(await proxies(core)).map(implementationOf));

    for (const contract of UPGRADEABLE_CONTRACTS) {
      const implementation = contract === "StrategyManager" ? "StrategyManagerV2Mock" : contract;
      const deployed = await upgrade(core, contract, implementation);
      expect(await implementationOf((await proxies(core))[contract])).to.equal(deployed);
    }
    const implementationsAfter = await Promise.all(Object.values(await proxies(core)).map(implementationOf));
    for (const [i, address] of implementationsAfter.entries()) expect(address).to.not.equal(implementationsBefore[i]);

    // The new code is live behind the proxy, and it was built with the same wiring.
    const managerV2 = StrategyManagerV2Mock__factory.connect(await core.strategyManager.getAddress(), core.owner);
    expect(await managerV2.version()).to.equal("2");
    expect(await core.strategyManager.withdrawalQueue()).to.equal(await core.withdrawalQueue.getAddress());
    expect(await core.allocationManager.avsRegistry()).to.equal(await core.avsRegistry.getAddress());

    expect(await readState(core)).to.deep.equal(before);

    // The withdrawal queued before the upgrade completes after its delay and pays what was promised then.
    const { withdrawalQueue, withdrawal, alice, tokenA, tokenB } = core;
    const balancesBefore = [await tokenA.balanceOf(alice), await tokenB.balanceOf(alice)];
    await networkHelpers.time.increaseTo(withdrawal.maturity);
    await (await withdrawalQueue.connect(alice).completeWithdrawal(withdrawal, true, alice.address)).wait();
    const balancesAfter = [await tokenA.balanceOf(alice), await tokenB.balanceOf(alice)];
    expect(balancesAfter.map((balance, i) => balance - (balancesBefore[i] ?? 0n))).to.deep.equal([...promised]);
    expect(promised.every((amount) => amount > 0n)).to.be.true;
    expect(await withdrawalQueue.pendingWithdrawals(alice)).to.deep.equal([]);
  });

  it("deploys only the implementation when asked, for governance to submit the upgrade call", async function () {
    const core = await loadFixture(populatedCoreFixture);
    const before = await implementationOf(core.operatorRegistry);
    const { implementation } = await connection.ignition.deploy(
      upgradeModule({ contract: "OperatorRegistry", upgrade: false }),
      {
        parameters: { PalisadeUpgradeOperatorRegistry: { proxy: await core.operatorRegistry.getAddress() } },
        displayUi: false,
      },
    );
    expect(await implementationOf(core.operatorRegistry)).to.equal(before);

    // What scripts/upgrade.ts prints for a timelock or a multisig to send.
    const calldata = core.operatorRegistry.interface.encodeFunctionData("upgradeToAndCall", [
      await implementation.getAddress(),
      "0x",
    ]);
    await (await core.owner.sendTransaction({ to: core.operatorRegistry, data: calldata })).wait();
    expect(await implementationOf(core.operatorRegistry)).to.equal(await implementation.getAddress());
    expect(await core.operatorRegistry.delegatedTo(core.alice)).to.equal(core.operator.address);
  });

  it("refuses an upgrade by anyone but the owner, on every proxy", async function () {
    const core = await loadFixture(populatedCoreFixture);
    for (const proxy of Object.values(await proxies(core))) {
      const current = await implementationOf(proxy);
      for (const caller of [core.stranger, core.pauser]) {
        await expect(proxy.connect(caller).upgradeToAndCall(current, "0x"))
          .to.be.revertedWithCustomError(proxy, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
    }
  });

  it("refuses an implementation that is not UUPS, on every proxy", async function () {
    const core = await loadFixture(populatedCoreFixture);
    for (const proxy of Object.values(await proxies(core))) {
      // A token has no `proxiableUUID`; another proxy refuses to answer it (`notDelegated`), so neither can be
      // pointed to: a proxy left on code without `upgradeToAndCall` could never be upgraded again.
      for (const notUups of [core.tokenA, core.strategyManager]) {
        await expect(proxy.upgradeToAndCall(notUups, "0x"))
          .to.be.revertedWithCustomError(proxy, "ERC1967InvalidImplementation")
          .withArgs(await notUups.getAddress());
      }
    }
  });
});
