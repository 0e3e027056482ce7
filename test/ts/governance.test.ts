import { expect } from "chai";

import {
  MockERC20__factory,
  StrategyFactory__factory,
  StrategyManager__factory,
  type StrategyManager,
} from "../../types/ethers-contracts/index.js";
import {
  approveAndDeposit,
  deployCoreFixture,
  deployStrategy,
  deployToken,
  deployTwoCoresFixture,
  depositAuthorization,
  ethers,
  flag,
  IMPLEMENTATION_SLOT,
  loadFixture,
  NO_CAP,
  PAUSE_SIGNED_DEPOSITS,
  readDepositDomain,
  sharesFor,
  signDepositUnder,
} from "./fixtures.js";

async function implementationOf(proxy: { getAddress(): Promise<string> }): Promise<string> {
  const word = await ethers.provider.getStorage(await proxy.getAddress(), IMPLEMENTATION_SLOT);
  return ethers.getAddress(ethers.dataSlice(word, 12));
}

describe("Governance: the owner runs the whitelist, the caps, the pauser role and upgrades", function () {
  it("is set up by the deployment with the owner and pauser it was given, behind initialised proxies", async function () {
    const {
      strategyManager,
      strategyFactory,
      withdrawalQueue,
      operatorRegistry,
      strategyImplementation,
      owner,
      pauser,
    } = await loadFixture(deployCoreFixture);
    for (const proxy of [strategyManager, strategyFactory, withdrawalQueue, operatorRegistry]) {
      expect(await proxy.owner()).to.equal(owner.address);
      expect(await proxy.pauser()).to.equal(pauser.address);
      expect(await proxy.pendingOwner()).to.equal(ethers.ZeroAddress);
    }
    for (const proxy of [strategyManager, strategyFactory]) {
      await expect(proxy.initialize(pauser, pauser)).to.be.revertedWithCustomError(proxy, "InvalidInitialization");
    }
    await expect(withdrawalQueue.initialize(pauser, pauser, 60)).to.be.revertedWithCustomError(
      withdrawalQueue,
      "InvalidInitialization",
    );
    await expect(operatorRegistry.initialize(pauser, pauser, 0, 60)).to.be.revertedWithCustomError(
      operatorRegistry,
      "InvalidInitialization",
    );
    // The three core contracts name one another's proxies.
    expect(await strategyManager.withdrawalQueue()).to.equal(await withdrawalQueue.getAddress());
    expect(await strategyManager.operatorRegistry()).to.equal(await operatorRegistry.getAddress());
    expect(await withdrawalQueue.strategyManager()).to.equal(await strategyManager.getAddress());
    expect(await withdrawalQueue.operatorRegistry()).to.equal(await operatorRegistry.getAddress());
    expect(await operatorRegistry.strategyManager()).to.equal(await strategyManager.getAddress());
    expect(await operatorRegistry.withdrawalQueue()).to.equal(await withdrawalQueue.getAddress());
    expect(await strategyFactory.strategyImplementation()).to.equal(strategyImplementation);

    // The implementations behind the proxies cannot be claimed either.
    const managerImpl = StrategyManager__factory.connect(await implementationOf(strategyManager), pauser);
    await expect(managerImpl.initialize(pauser, pauser)).to.be.revertedWithCustomError(
      managerImpl,
      "InvalidInitialization",
    );
    expect(await managerImpl.owner()).to.equal(ethers.ZeroAddress);
  });

  describe("ownership", function () {
    it("moves in two steps: the new owner must accept, and the old one keeps control until then", async function () {
      const { strategyManager, strategyA, owner, alice, stranger } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.transferOwnership(alice))
        .to.emit(strategyManager, "OwnershipTransferStarted")
        .withArgs(owner.address, alice.address);
      expect(await strategyManager.owner()).to.equal(owner.address);
      expect(await strategyManager.pendingOwner()).to.equal(alice.address);
      await expect(strategyManager.connect(alice).setDepositCaps(strategyA, 1n, 1n))
        .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await strategyManager.setDepositCaps(strategyA, 1n, 1n);

      await expect(strategyManager.connect(stranger).acceptOwnership())
        .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(strategyManager.connect(alice).acceptOwnership())
        .to.emit(strategyManager, "OwnershipTransferred")
        .withArgs(owner.address, alice.address);

      expect(await strategyManager.owner()).to.equal(alice.address);
      expect(await strategyManager.pendingOwner()).to.equal(ethers.ZeroAddress);
      await expect(strategyManager.connect(owner).setDepositCaps(strategyA, 2n, 2n))
        .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
        .withArgs(owner.address);
      await strategyManager.connect(alice).setDepositCaps(strategyA, 2n, 2n);
    });

    it("lets the owner replace or cancel a pending transfer before it is accepted", async function () {
      const { strategyManager, alice, bob } = await loadFixture(deployCoreFixture);
      await strategyManager.transferOwnership(alice);
      await strategyManager.transferOwnership(bob);
      await expect(strategyManager.connect(alice).acceptOwnership())
        .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);

      await strategyManager.transferOwnership(ethers.ZeroAddress);
      await expect(strategyManager.connect(bob).acceptOwnership())
        .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("cannot be renounced, and only the owner learns so", async function () {
      const { strategyManager, strategyFactory, owner, stranger } = await loadFixture(deployCoreFixture);
      for (const proxy of [strategyManager, strategyFactory]) {
        await expect(proxy.renounceOwnership()).to.be.revertedWithCustomError(proxy, "OwnershipRenounceDisabled");
        await expect(proxy.connect(stranger).renounceOwnership())
          .to.be.revertedWithCustomError(proxy, "OwnableUnauthorizedAccount")
          .withArgs(stranger.address);
        expect(await proxy.owner()).to.equal(owner.address);
      }
    });
  });

  it("moves the pauser role at the owner's word only", async function () {
    const { strategyManager, pauser, alice, stranger } = await loadFixture(deployCoreFixture);
    await expect(strategyManager.connect(pauser).setPauser(stranger))
      .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
      .withArgs(pauser.address);

    await expect(strategyManager.setPauser(alice))
      .to.emit(strategyManager, "PauserChanged")
      .withArgs(pauser.address, alice.address);
    expect(await strategyManager.pauser()).to.equal(alice.address);
    await expect(strategyManager.connect(pauser).pause(1n))
      .to.be.revertedWithCustomError(strategyManager, "PauseControlUnauthorized")
      .withArgs(pauser.address);
    await strategyManager.connect(alice).pause(1n);
    expect(await strategyManager.pausedFlags()).to.equal(1n);
  });

  describe("the strategy whitelist", function () {
    it("is edited by the owner only", async function () {
      const { strategyManager, strategyFactory, strategyA, owner, pauser, stranger } =
        await loadFixture(deployCoreFixture);
      const strategyC = await deployStrategy(strategyFactory, await deployToken(owner, "PSC", 18), owner);
      for (const caller of [pauser, stranger]) {
        await expect(strategyManager.connect(caller).addStrategiesToWhitelist([strategyC]))
          .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
        await expect(strategyManager.connect(caller).removeStrategiesFromWhitelist([strategyA]))
          .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
      expect(await strategyManager.isStrategyWhitelisted(strategyC)).to.equal(false);
      expect(await strategyManager.isStrategyWhitelisted(strategyA)).to.equal(true);
    });

    it("admits a factory clone uncapped, announcing the whitelisting and setting no caps", async function () {
      const { strategyManager, strategyFactory, owner } = await loadFixture(deployCoreFixture);
      const strategyC = await deployStrategy(strategyFactory, await deployToken(owner, "PSC", 18), owner);
      const tx = strategyManager.addStrategiesToWhitelist([strategyC]);
      await expect(tx)
        .to.emit(strategyManager, "StrategyWhitelisted")
        .withArgs(await strategyC.getAddress());
      // Whitelisting leaves caps alone; a strategy never given any has the default, 0, which is no cap.
      await expect(tx).to.not.emit(strategyManager, "DepositCapsSet");
      expect(await strategyManager.isStrategyWhitelisted(strategyC)).to.equal(true);
      const config = await strategyManager.strategyConfig(strategyC);
      expect([config.whitelisted, config.maxPerDeposit, config.maxTotalDeposits]).to.deep.equal([true, NO_CAP, NO_CAP]);
    });

    it("refuses a strategy twice, an account without code, and the strategy implementation itself", async function () {
      const { strategyManager, strategyA, strategyImplementation, stranger } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.addStrategiesToWhitelist([strategyA]))
        .to.be.revertedWithCustomError(strategyManager, "StrategyAlreadyWhitelisted")
        .withArgs(await strategyA.getAddress());
      await expect(strategyManager.addStrategiesToWhitelist([stranger]))
        .to.be.revertedWithCustomError(strategyManager, "InvalidStrategy")
        .withArgs(stranger.address);
      // The implementation answers to this manager, but holds no token: its "token" is a slice of its own code.
      await expect(strategyManager.addStrategiesToWhitelist([strategyImplementation]))
        .to.be.revertedWithCustomError(strategyManager, "InvalidStrategy")
        .withArgs(strategyImplementation);
    });

    it("refuses a strategy that answers to another StrategyManager", async function () {
      const { strategyManager, otherCore, otherStrategyA } = await loadFixture(deployTwoCoresFixture);
      await expect(strategyManager.addStrategiesToWhitelist([otherStrategyA]))
        .to.be.revertedWithCustomError(strategyManager, "StrategyManagerMismatch")
        .withArgs(await otherStrategyA.getAddress(), await otherCore.strategyManager.getAddress());
    });

    it("refuses a contract that is not a strategy at all, naming it", async function () {
      const { strategyManager, tokenA } = await loadFixture(deployCoreFixture);
      // A plain token has code but no strategyManager() function.
      await expect(strategyManager.addStrategiesToWhitelist([tokenA]))
        .to.be.revertedWithCustomError(strategyManager, "InvalidStrategy")
        .withArgs(await tokenA.getAddress());
      expect(await strategyManager.isStrategyWhitelisted(tokenA)).to.equal(false);
    });

    it("applies a batch all or nothing", async function () {
      const { strategyManager, strategyFactory, strategyA, owner } = await loadFixture(deployCoreFixture);
      const strategyC = await deployStrategy(strategyFactory, await deployToken(owner, "PSC", 18), owner);
      await expect(strategyManager.addStrategiesToWhitelist([strategyC, strategyA])).to.be.revertedWithCustomError(
        strategyManager,
        "StrategyAlreadyWhitelisted",
      );
      expect(await strategyManager.isStrategyWhitelisted(strategyC)).to.equal(false);

      await expect(strategyManager.removeStrategiesFromWhitelist([strategyA, strategyC]))
        .to.be.revertedWithCustomError(strategyManager, "StrategyNotWhitelisted")
        .withArgs(await strategyC.getAddress());
      expect(await strategyManager.isStrategyWhitelisted(strategyA)).to.equal(true);
    });
  });

  it("keeps the withdrawal queue's functions closed to everyone while no queue is wired", async function () {
    const { strategyManager, tokenA, strategyA, owner, alice } = await loadFixture(deployCoreFixture);
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 10n);
    for (const caller of [owner, alice]) {
      await expect(strategyManager.connect(caller).removeShares(alice, strategyA, 1n))
        .to.be.revertedWithCustomError(strategyManager, "OnlyWithdrawalQueue")
        .withArgs(caller.address);
      await expect(strategyManager.connect(caller).addShares(alice, strategyA, 1n))
        .to.be.revertedWithCustomError(strategyManager, "OnlyWithdrawalQueue")
        .withArgs(caller.address);
      await expect(strategyManager.connect(caller).withdrawSharesAsTokens(strategyA, caller, 1n))
        .to.be.revertedWithCustomError(strategyManager, "OnlyWithdrawalQueueOrCoordinator")
        .withArgs(caller.address);
    }
  });

  describe("upgrades", function () {
    async function newManagerImplementation(manager: StrategyManager): Promise<string> {
      const [deployer] = await ethers.getSigners();
      const implementation = await new StrategyManager__factory(deployer).deploy(
        await manager.withdrawalQueue(),
        await manager.operatorRegistry(),
        await manager.allocationManager(),
        await manager.slashingCoordinator(),
      );
      return implementation.getAddress();
    }

    it("lets the owner upgrade the manager, keeping positions, nonces, caps, pauses and roles", async function () {
      const { strategyManager, tokenA, strategyA, strategyB, pauser, alice, bob, relayer } =
        await loadFixture(deployCoreFixture);
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 1_000n);
      const first = await depositAuthorization(strategyManager, bob.address, strategyA, 300n);
      const domain = await readDepositDomain(strategyManager);
      await tokenA.connect(relayer).approve(strategyA, 700n);
      await strategyManager
        .connect(relayer)
        .depositWithSignature(strategyA, 300n, bob, first.expiry, await signDepositUnder(bob, domain, first));
      await strategyManager.setDepositCaps(strategyB, 5n, 50n);
      await strategyManager.connect(pauser).pause(flag(PAUSE_SIGNED_DEPOSITS));
      const digestBefore = await strategyManager.depositDigest(bob, strategyA, 400n, 1n, first.expiry);

      const newImplementation = await newManagerImplementation(strategyManager);
      expect(await implementationOf(strategyManager)).to.not.equal(newImplementation);
      await expect(strategyManager.upgradeToAndCall(newImplementation, "0x"))
        .to.emit(strategyManager, "Upgraded")
        .withArgs(newImplementation);
      expect(await implementationOf(strategyManager)).to.equal(newImplementation);

      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(1_000n));
      expect(await strategyManager.scaledShares(bob, strategyA)).to.equal(sharesFor(300n));
      expect(await strategyManager.stakerStrategies(bob)).to.deep.equal([await strategyA.getAddress()]);
      expect(await strategyManager.nonces(bob)).to.equal(1n);
      const caps = await strategyManager.strategyConfig(strategyB);
      expect([caps.whitelisted, caps.maxPerDeposit, caps.maxTotalDeposits]).to.deep.equal([true, 5n, 50n]);
      expect(await strategyManager.pausedFlags()).to.equal(flag(PAUSE_SIGNED_DEPOSITS));
      expect(await strategyManager.pauser()).to.equal(pauser.address);
      expect(await strategyManager.depositDigest(bob, strategyA, 400n, 1n, first.expiry)).to.equal(digestBefore);

      // Signatures made before the upgrade for the next nonce still work once signed deposits resume.
      const second = { ...first, amount: 400n, nonce: 1n };
      const signature = await signDepositUnder(bob, domain, second);
      await strategyManager.unpause(flag(PAUSE_SIGNED_DEPOSITS));
      await strategyManager.connect(relayer).depositWithSignature(strategyA, 400n, bob, second.expiry, signature);
      expect(await strategyManager.scaledShares(bob, strategyA)).to.equal(sharesFor(700n));
      expect(await strategyA.totalShares()).to.equal(sharesFor(1_700n));
    });

    it("refuses upgrades by anyone but the owner", async function () {
      const { strategyManager, pauser, stranger } = await loadFixture(deployCoreFixture);
      const before = await implementationOf(strategyManager);
      const newImplementation = await newManagerImplementation(strategyManager);
      for (const caller of [pauser, stranger]) {
        await expect(strategyManager.connect(caller).upgradeToAndCall(newImplementation, "0x"))
          .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
      expect(await implementationOf(strategyManager)).to.equal(before);
    });

    it("refuses an implementation that is not UUPS, a call into the implementation, and re-initialisation", async function () {
      const { strategyManager, owner, pauser } = await loadFixture(deployCoreFixture);
      const notUups = await new MockERC20__factory(owner).deploy("Not UUPS", "NU", 18);
      await expect(strategyManager.upgradeToAndCall(notUups, "0x"))
        .to.be.revertedWithCustomError(strategyManager, "ERC1967InvalidImplementation")
        .withArgs(await notUups.getAddress());

      const newImplementation = await newManagerImplementation(strategyManager);
      const implementation = StrategyManager__factory.connect(await implementationOf(strategyManager), owner);
      await expect(implementation.upgradeToAndCall(newImplementation, "0x")).to.be.revertedWithCustomError(
        implementation,
        "UUPSUnauthorizedCallContext",
      );

      const reinitialise = strategyManager.interface.encodeFunctionData("initialize", [pauser.address, pauser.address]);
      await expect(strategyManager.upgradeToAndCall(newImplementation, reinitialise)).to.be.revertedWithCustomError(
        strategyManager,
        "InvalidInitialization",
      );
      expect(await strategyManager.owner()).to.equal(owner.address);
    });

    it("lets the owner upgrade the factory, keeping its strategies and their addresses", async function () {
      const { strategyFactory, strategyImplementation, tokenA, strategyA, owner, stranger } =
        await loadFixture(deployCoreFixture);
      const newImplementation = await new StrategyFactory__factory(owner).deploy(strategyImplementation);
      await expect(strategyFactory.connect(stranger).upgradeToAndCall(newImplementation, "0x"))
        .to.be.revertedWithCustomError(strategyFactory, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);

      await strategyFactory.upgradeToAndCall(newImplementation, "0x");
      expect(await implementationOf(strategyFactory)).to.equal(await newImplementation.getAddress());
      expect(await strategyFactory.strategyOf(tokenA)).to.equal(await strategyA.getAddress());
      expect(await strategyFactory.predictStrategyAddress(tokenA)).to.equal(await strategyA.getAddress());
      await expect(strategyFactory.deployStrategy(tokenA)).to.be.revertedWithCustomError(
        strategyFactory,
        "StrategyAlreadyDeployed",
      );
    });
  });
});
