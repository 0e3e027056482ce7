import { expect } from "chai";

import {
  approveAndDeposit,
  deployCoreFixture,
  deployToken,
  depositAuthorization,
  ethers,
  flag,
  loadFixture,
  PAUSE_DEPLOYMENTS,
  PAUSE_DEPOSITS,
  PAUSE_SIGNED_DEPOSITS,
  readDepositDomain,
  sharesFor,
  signDepositUnder,
  type CoreFixture,
} from "./fixtures.js";

/** Alice's signed authorisation of a 100-token deposit into strategy A, and a relayer ready to pay for it. */
async function signedDepositReady(fixture: CoreFixture): Promise<{ signature: string; expiry: bigint }> {
  const { strategyManager, tokenA, strategyA, alice, relayer } = fixture;
  const authorization = await depositAuthorization(strategyManager, alice.address, strategyA, 100n);
  const signature = await signDepositUnder(alice, await readDepositDomain(strategyManager), authorization);
  await tokenA.connect(relayer).approve(strategyA, 100n);
  return { signature, expiry: authorization.expiry };
}

describe("Pausing: the pauser stops deposits in an emergency, only the owner resumes them", function () {
  it("publishes the manager's pause bits", async function () {
    const { strategyManager, strategyFactory } = await loadFixture(deployCoreFixture);
    expect(await strategyManager.PAUSE_DEPOSITS()).to.equal(PAUSE_DEPOSITS);
    expect(await strategyManager.PAUSE_SIGNED_DEPOSITS()).to.equal(PAUSE_SIGNED_DEPOSITS);
    expect(await strategyManager.validPauseFlags()).to.equal(flag(PAUSE_DEPOSITS) | flag(PAUSE_SIGNED_DEPOSITS));
    expect(await strategyFactory.PAUSE_DEPLOYMENTS()).to.equal(PAUSE_DEPLOYMENTS);
    expect(await strategyFactory.validPauseFlags()).to.equal(flag(PAUSE_DEPLOYMENTS));
    expect(await strategyManager.pausedFlags()).to.equal(0n);
  });

  it("stops plain and signed deposits when the pauser pauses deposits, until the owner unpauses", async function () {
    const fixture = await loadFixture(deployCoreFixture);
    const { strategyManager, tokenA, strategyA, owner, pauser, alice, relayer } = fixture;
    const { signature, expiry } = await signedDepositReady(fixture);
    await tokenA.connect(alice).approve(strategyA, 100n);

    await expect(strategyManager.connect(pauser).pause(flag(PAUSE_DEPOSITS)))
      .to.emit(strategyManager, "Paused")
      .withArgs(pauser.address, flag(PAUSE_DEPOSITS), flag(PAUSE_DEPOSITS));
    expect(await strategyManager.isPaused(Number(PAUSE_DEPOSITS))).to.equal(true);
    expect(await strategyManager.isPaused(Number(PAUSE_SIGNED_DEPOSITS))).to.equal(false);

    await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
      .to.be.revertedWithCustomError(strategyManager, "ActionPaused")
      .withArgs(PAUSE_DEPOSITS);
    await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, signature))
      .to.be.revertedWithCustomError(strategyManager, "ActionPaused")
      .withArgs(PAUSE_DEPOSITS);

    await expect(strategyManager.connect(owner).unpause(flag(PAUSE_DEPOSITS)))
      .to.emit(strategyManager, "Unpaused")
      .withArgs(owner.address, flag(PAUSE_DEPOSITS), 0n);
    await strategyManager.connect(alice).deposit(strategyA, 100n);
    await strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, signature);
    expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(200n));
  });

  it("stops only signed deposits when only they are paused", async function () {
    const fixture = await loadFixture(deployCoreFixture);
    const { strategyManager, tokenA, strategyA, pauser, alice, relayer } = fixture;
    const { signature, expiry } = await signedDepositReady(fixture);
    await strategyManager.connect(pauser).pause(flag(PAUSE_SIGNED_DEPOSITS));

    await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, signature))
      .to.be.revertedWithCustomError(strategyManager, "ActionPaused")
      .withArgs(PAUSE_SIGNED_DEPOSITS);
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 100n);
    expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(100n));
    expect(await strategyManager.nonces(alice)).to.equal(0n);
  });

  it("keeps signed deposits paused when the owner unpauses plain deposits only", async function () {
    const fixture = await loadFixture(deployCoreFixture);
    const { strategyManager, strategyA, pauser, alice, relayer } = fixture;
    const { signature, expiry } = await signedDepositReady(fixture);
    const both = flag(PAUSE_DEPOSITS) | flag(PAUSE_SIGNED_DEPOSITS);
    await expect(strategyManager.connect(pauser).pause(both))
      .to.emit(strategyManager, "Paused")
      .withArgs(pauser.address, both, both);

    await expect(strategyManager.unpause(flag(PAUSE_DEPOSITS)))
      .to.emit(strategyManager, "Unpaused")
      .withArgs(await strategyManager.owner(), flag(PAUSE_DEPOSITS), flag(PAUSE_SIGNED_DEPOSITS));
    await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, signature))
      .to.be.revertedWithCustomError(strategyManager, "ActionPaused")
      .withArgs(PAUSE_SIGNED_DEPOSITS);
  });

  it("adds to what is already paused instead of replacing it", async function () {
    const { strategyManager, pauser } = await loadFixture(deployCoreFixture);
    await strategyManager.connect(pauser).pause(flag(PAUSE_SIGNED_DEPOSITS));
    await expect(strategyManager.connect(pauser).pause(flag(PAUSE_DEPOSITS)))
      .to.emit(strategyManager, "Paused")
      .withArgs(pauser.address, flag(PAUSE_DEPOSITS), flag(PAUSE_DEPOSITS) | flag(PAUSE_SIGNED_DEPOSITS));
    expect(await strategyManager.pausedFlags()).to.equal(3n);
  });

  it("does not let the pauser unpause", async function () {
    const { strategyManager, pauser } = await loadFixture(deployCoreFixture);
    await strategyManager.connect(pauser).pause(flag(PAUSE_DEPOSITS));
    await expect(strategyManager.connect(pauser).unpause(flag(PAUSE_DEPOSITS)))
      .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
      .withArgs(pauser.address);
    expect(await strategyManager.isPaused(Number(PAUSE_DEPOSITS))).to.equal(true);
  });

  it("lets the owner pause too, and nobody else", async function () {
    const { strategyManager, owner, alice, stranger } = await loadFixture(deployCoreFixture);
    for (const caller of [alice, stranger]) {
      await expect(strategyManager.connect(caller).pause(flag(PAUSE_DEPOSITS)))
        .to.be.revertedWithCustomError(strategyManager, "PauseControlUnauthorized")
        .withArgs(caller.address);
    }
    expect(await strategyManager.pausedFlags()).to.equal(0n);
    await expect(strategyManager.connect(owner).pause(flag(PAUSE_DEPOSITS)))
      .to.emit(strategyManager, "Paused")
      .withArgs(owner.address, flag(PAUSE_DEPOSITS), flag(PAUSE_DEPOSITS));
  });

  it("refuses an empty flag set and bits the contract does not use, naming the valid ones", async function () {
    const { strategyManager, pauser } = await loadFixture(deployCoreFixture);
    await expect(strategyManager.connect(pauser).pause(0n)).to.be.revertedWithCustomError(
      strategyManager,
      "EmptyPauseFlags",
    );
    await expect(strategyManager.connect(pauser).pause(4n))
      .to.be.revertedWithCustomError(strategyManager, "UnknownPauseFlags")
      .withArgs(4n, 3n);
    // A known bit does not carry an unknown one through.
    await expect(strategyManager.connect(pauser).pause(1n | (1n << 200n)))
      .to.be.revertedWithCustomError(strategyManager, "UnknownPauseFlags")
      .withArgs(1n | (1n << 200n), 3n);
    await expect(strategyManager.unpause(8n))
      .to.be.revertedWithCustomError(strategyManager, "UnknownPauseFlags")
      .withArgs(8n, 3n);
    await expect(strategyManager.unpause(0n)).to.be.revertedWithCustomError(strategyManager, "EmptyPauseFlags");
    expect(await strategyManager.pausedFlags()).to.equal(0n);
  });

  it("leaves pausing to the owner alone once the pauser role is cleared", async function () {
    const { strategyManager, pauser } = await loadFixture(deployCoreFixture);
    await expect(strategyManager.setPauser(ethers.ZeroAddress))
      .to.emit(strategyManager, "PauserChanged")
      .withArgs(pauser.address, ethers.ZeroAddress);
    await expect(strategyManager.connect(pauser).pause(flag(PAUSE_DEPOSITS)))
      .to.be.revertedWithCustomError(strategyManager, "PauseControlUnauthorized")
      .withArgs(pauser.address);
    await strategyManager.pause(flag(PAUSE_DEPOSITS));
    expect(await strategyManager.isPaused(Number(PAUSE_DEPOSITS))).to.equal(true);
  });

  it("does not stop governance: whitelisting and caps still work while deposits are paused", async function () {
    const { strategyManager, strategyA, pauser } = await loadFixture(deployCoreFixture);
    await strategyManager.connect(pauser).pause(flag(PAUSE_DEPOSITS) | flag(PAUSE_SIGNED_DEPOSITS));
    await strategyManager.setDepositCaps(strategyA, 1n, 2n);
    await strategyManager.removeStrategiesFromWhitelist([strategyA]);
    const config = await strategyManager.strategyConfig(strategyA);
    expect([config.whitelisted, config.maxPerDeposit, config.maxTotalDeposits]).to.deep.equal([false, 1n, 2n]);
  });

  describe("the strategy factory", function () {
    it("stops strategy deployments while paused, still predicting their addresses", async function () {
      const { strategyFactory, owner, pauser, stranger } = await loadFixture(deployCoreFixture);
      const token = await deployToken(owner, "PSP", 18);
      const predicted = await strategyFactory.predictStrategyAddress(token);

      await expect(strategyFactory.connect(pauser).pause(flag(PAUSE_DEPLOYMENTS)))
        .to.emit(strategyFactory, "Paused")
        .withArgs(pauser.address, flag(PAUSE_DEPLOYMENTS), flag(PAUSE_DEPLOYMENTS));
      await expect(strategyFactory.connect(stranger).deployStrategy(token))
        .to.be.revertedWithCustomError(strategyFactory, "ActionPaused")
        .withArgs(PAUSE_DEPLOYMENTS);
      expect(await strategyFactory.predictStrategyAddress(token)).to.equal(predicted);

      await expect(strategyFactory.connect(pauser).unpause(flag(PAUSE_DEPLOYMENTS)))
        .to.be.revertedWithCustomError(strategyFactory, "OwnableUnauthorizedAccount")
        .withArgs(pauser.address);
      await strategyFactory.unpause(flag(PAUSE_DEPLOYMENTS));
      await expect(strategyFactory.connect(stranger).deployStrategy(token))
        .to.emit(strategyFactory, "StrategyDeployed")
        .withArgs(await token.getAddress(), predicted);
    });

    it("refuses strangers and the manager's deposit bits", async function () {
      const { strategyFactory, pauser, stranger } = await loadFixture(deployCoreFixture);
      await expect(strategyFactory.connect(stranger).pause(flag(PAUSE_DEPLOYMENTS)))
        .to.be.revertedWithCustomError(strategyFactory, "PauseControlUnauthorized")
        .withArgs(stranger.address);
      await expect(strategyFactory.connect(pauser).pause(flag(PAUSE_SIGNED_DEPOSITS)))
        .to.be.revertedWithCustomError(strategyFactory, "UnknownPauseFlags")
        .withArgs(flag(PAUSE_SIGNED_DEPOSITS), flag(PAUSE_DEPLOYMENTS));
    });

    it("is paused independently of the manager", async function () {
      const { strategyManager, strategyFactory, tokenA, strategyA, owner, pauser, alice } =
        await loadFixture(deployCoreFixture);
      await strategyFactory.connect(pauser).pause(flag(PAUSE_DEPLOYMENTS));
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 100n);
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(100n));

      await strategyFactory.unpause(flag(PAUSE_DEPLOYMENTS));
      await strategyManager.connect(pauser).pause(flag(PAUSE_DEPOSITS));
      await expect(strategyFactory.deployStrategy(await deployToken(owner, "PSQ", 18))).to.emit(
        strategyFactory,
        "StrategyDeployed",
      );
    });
  });
});
