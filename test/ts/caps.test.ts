import { expect } from "chai";

import type { ERC20Strategy, StrategyManager } from "../../types/ethers-contracts/index.js";
import {
  approveAndDeposit,
  deployCoreFixture,
  deployStrategy,
  deployToken,
  depositAuthorization,
  loadFixture,
  NO_CAP,
  readDepositDomain,
  sharesFor,
  signDepositUnder,
} from "./fixtures.js";

/** A strategy's configuration as `[whitelisted, maxPerDeposit, maxTotalDeposits]`, so chai compares it by value. */
async function configOf(manager: StrategyManager, strategy: ERC20Strategy): Promise<[boolean, bigint, bigint]> {
  const config = await manager.strategyConfig(strategy);
  return [config.whitelisted, config.maxPerDeposit, config.maxTotalDeposits];
}

describe("Deposit caps: governance bounds each deposit and each strategy's total", function () {
  it("leaves a newly whitelisted strategy uncapped: both caps are 0, which means no cap", async function () {
    const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
    expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, NO_CAP, NO_CAP]);
  });

  describe("the per-deposit cap", function () {
    it("accepts a deposit of exactly the cap and refuses one token more, with the strategy, amount and cap", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.setDepositCaps(strategyA, 100n, 1_000n))
        .to.emit(strategyManager, "DepositCapsSet")
        .withArgs(await strategyA.getAddress(), 100n, 1_000n);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, 100n, 1_000n]);

      await tokenA.connect(alice).approve(strategyA, 201n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 101n))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(await strategyA.getAddress(), 101n, 100n);
      await strategyManager.connect(alice).deposit(strategyA, 100n);
      // The cap bounds each deposit, not the staker: a second deposit at the cap goes through.
      await strategyManager.connect(alice).deposit(strategyA, 100n);
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(200n));
    });

    it("applies to signed deposits too", async function () {
      const { strategyManager, tokenA, strategyA, alice, relayer } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 100n, 1_000n);
      const authorization = await depositAuthorization(strategyManager, alice.address, strategyA, 101n);
      const signature = await signDepositUnder(alice, await readDepositDomain(strategyManager), authorization);
      await tokenA.connect(relayer).approve(strategyA, 101n);

      await expect(
        strategyManager.connect(relayer).depositWithSignature(strategyA, 101n, alice, authorization.expiry, signature),
      )
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(await strategyA.getAddress(), 101n, 100n);
      expect(await strategyManager.nonces(alice)).to.equal(0n);
    });

    it("caps only the strategy it was set on", async function () {
      const { strategyManager, tokenA, strategyA, tokenB, strategyB, alice } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 10n, 10n);
      await approveAndDeposit(strategyManager, tokenB, strategyB, alice, 1_000_000n);
      expect(await strategyManager.scaledShares(alice, strategyB)).to.equal(sharesFor(1_000_000n));
      await tokenA.connect(alice).approve(strategyA, 11n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 11n)).to.be.revertedWithCustomError(
        strategyManager,
        "PerDepositCapExceeded",
      );
    });

    it("bounds each deposit when the total is left uncapped", async function () {
      const { strategyManager, tokenA, strategyA, alice, bob } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 100n, NO_CAP);
      await tokenA.connect(alice).approve(strategyA, 101n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 101n))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(await strategyA.getAddress(), 101n, 100n);

      // Nothing bounds the total: deposits at the cap keep going through.
      await strategyManager.connect(alice).deposit(strategyA, 100n);
      for (let i = 0; i < 3; i++) await approveAndDeposit(strategyManager, tokenA, strategyA, bob, 100n);
      expect(await strategyA.totalAssets()).to.equal(400n);
    });

    it("lets a deposit of 2^120 tokens through, and the vault's balance past 2^128, when no cap is set", async function () {
      // 2^120 - 1 and 2^128 - 1 are the largest caps the manager can store; neither bounds an uncapped strategy.
      const { strategyManager, tokenA, strategyA, alice, bob } = await loadFixture(deployCoreFixture);
      const huge = 2n ** 120n;
      await tokenA.mint(alice, huge);
      await tokenA.connect(alice).approve(strategyA, huge);
      await expect(strategyManager.connect(alice).deposit(strategyA, huge))
        .to.emit(strategyManager, "Deposited")
        .withArgs(alice.address, await strategyA.getAddress(), huge, sharesFor(huge), sharesFor(huge));

      const larger = 2n ** 128n;
      await tokenA.mint(bob, larger);
      await tokenA.connect(bob).approve(strategyA, larger);
      const bobShares = sharesFor(larger, { totalShares: sharesFor(huge), totalAssets: huge });
      await expect(strategyManager.connect(bob).deposit(strategyA, larger))
        .to.emit(strategyManager, "Deposited")
        .withArgs(bob.address, await strategyA.getAddress(), larger, bobShares, bobShares);
      expect(await strategyA.totalAssets()).to.equal(huge + larger);
      expect(await strategyManager.scaledShares(bob, strategyA)).to.equal(bobShares);
    });
  });

  describe("the total cap", function () {
    it("lets deposits fill the strategy to exactly the cap, then refuses with the balance, amount and cap", async function () {
      const { strategyManager, tokenA, strategyA, alice, bob } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 600n, 1_000n);
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 600n);
      await approveAndDeposit(strategyManager, tokenA, strategyA, bob, 400n);
      expect(await strategyA.totalAssets()).to.equal(1_000n);

      await tokenA.connect(bob).approve(strategyA, 1n);
      await expect(strategyManager.connect(bob).deposit(strategyA, 1n))
        .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
        .withArgs(1_000n, 1n, 1_000n);
      expect(await strategyManager.scaledShares(bob, strategyA)).to.equal(sharesFor(400n));
    });

    it("refuses a deposit that would cross the cap even when part of it would fit", async function () {
      const { strategyManager, tokenA, strategyA, alice, bob } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 600n, 1_000n);
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 600n);
      await tokenA.connect(bob).approve(strategyA, 401n);
      await expect(strategyManager.connect(bob).deposit(strategyA, 401n))
        .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
        .withArgs(600n, 401n, 1_000n);
    });

    it("bounds the total when each deposit is left uncapped", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, NO_CAP, 1_000n);
      // One deposit may take the whole room at once.
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 1_000n);
      await tokenA.connect(alice).approve(strategyA, 1n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 1n))
        .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
        .withArgs(1_000n, 1n, 1_000n);
    });

    it("counts tokens donated to the vault, and reopens when governance raises the cap", async function () {
      const { strategyManager, tokenA, strategyA, alice, carol } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 500n, 1_000n);
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 500n);
      await tokenA.connect(carol).transfer(strategyA, 600n); // the balance is now above the cap

      await tokenA.connect(alice).approve(strategyA, 100n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
        .withArgs(1_100n, 100n, 1_000n);

      await strategyManager.setDepositCaps(strategyA, 500n, 2_000n);
      // 100 tokens now buy 100 * (500,000 + 1,000) / (1,100 + 1) = 45,504 shares.
      const shares = sharesFor(100n, { totalShares: sharesFor(500n), totalAssets: 1_100n });
      expect(shares).to.equal(45_504n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.emit(strategyManager, "Deposited")
        .withArgs(alice.address, await strategyA.getAddress(), 100n, shares, shares);
      expect(await strategyA.totalAssets()).to.equal(1_200n);
    });

    it("may be lowered below the vault's balance, stopping deposits but leaving positions intact", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 5_000n);
      await strategyManager.setDepositCaps(strategyA, 100n, 1_000n);

      await tokenA.connect(alice).approve(strategyA, 1n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 1n))
        .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
        .withArgs(5_000n, 1n, 1_000n);
      expect(await strategyManager.withdrawableShares(alice, strategyA)).to.equal(sharesFor(5_000n));
    });
  });

  describe("setting caps", function () {
    it("lifts both caps when they are set back to 0, no cap", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 100n, 1_000n);
      await tokenA.connect(alice).approve(strategyA, 5_000n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 5_000n)).to.be.revertedWithCustomError(
        strategyManager,
        "PerDepositCapExceeded",
      );

      await expect(strategyManager.setDepositCaps(strategyA, NO_CAP, NO_CAP))
        .to.emit(strategyManager, "DepositCapsSet")
        .withArgs(await strategyA.getAddress(), NO_CAP, NO_CAP);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, NO_CAP, NO_CAP]);
      // Above both former caps at once.
      await strategyManager.connect(alice).deposit(strategyA, 5_000n);
      expect(await strategyA.totalAssets()).to.equal(5_000n);
    });

    it("refuses a per-deposit cap above the total cap, and accepts equal caps", async function () {
      const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.setDepositCaps(strategyA, 1_001n, 1_000n))
        .to.be.revertedWithCustomError(strategyManager, "InvalidDepositCaps")
        .withArgs(1_001n, 1_000n);
      await strategyManager.setDepositCaps(strategyA, 1_000n, 1_000n);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, 1_000n, 1_000n]);
    });

    it("compares the two caps only when both are set: 0 is no cap, not a cap below every other", async function () {
      const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.setDepositCaps(strategyA, 1_001n, NO_CAP))
        .to.emit(strategyManager, "DepositCapsSet")
        .withArgs(await strategyA.getAddress(), 1_001n, NO_CAP);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, 1_001n, NO_CAP]);
      await strategyManager.setDepositCaps(strategyA, NO_CAP, 1_000n);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, NO_CAP, 1_000n]);
    });

    it("is for the owner only", async function () {
      const { strategyManager, strategyA, pauser, stranger } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 10n, 100n);
      for (const caller of [pauser, stranger]) {
        await expect(strategyManager.connect(caller).setDepositCaps(strategyA, 1n, 1n))
          .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
        // Nor can anyone else lift them with the "no cap" value.
        await expect(strategyManager.connect(caller).setDepositCaps(strategyA, NO_CAP, NO_CAP))
          .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, 10n, 100n]);
    });

    it("may come before whitelisting, so that a strategy opens with its caps from the first deposit", async function () {
      const { strategyManager, strategyFactory, owner, alice } = await loadFixture(deployCoreFixture);
      const tokenC = await deployToken(owner, "PSC", 18);
      const strategyC = await deployStrategy(strategyFactory, tokenC, owner);
      const strategyAddress = await strategyC.getAddress();

      await expect(strategyManager.setDepositCaps(strategyC, 100n, 150n))
        .to.emit(strategyManager, "DepositCapsSet")
        .withArgs(strategyAddress, 100n, 150n);
      // Setting caps does not whitelist the strategy.
      expect(await configOf(strategyManager, strategyC)).to.deep.equal([false, 100n, 150n]);

      const whitelisting = strategyManager.addStrategiesToWhitelist([strategyC]);
      await expect(whitelisting).to.emit(strategyManager, "StrategyWhitelisted").withArgs(strategyAddress);
      await expect(whitelisting).to.not.emit(strategyManager, "DepositCapsSet");
      expect(await configOf(strategyManager, strategyC)).to.deep.equal([true, 100n, 150n]);

      await tokenC.mint(alice, 300n);
      await tokenC.connect(alice).approve(strategyC, 300n);
      await expect(strategyManager.connect(alice).deposit(strategyC, 101n))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(strategyAddress, 101n, 100n);
      await strategyManager.connect(alice).deposit(strategyC, 100n);
      await expect(strategyManager.connect(alice).deposit(strategyC, 51n))
        .to.be.revertedWithCustomError(strategyC, "TotalDepositCapExceeded")
        .withArgs(100n, 51n, 150n);
      await strategyManager.connect(alice).deposit(strategyC, 50n);
      expect(await strategyC.totalAssets()).to.equal(150n);
    });

    it("keeps a strategy's caps while it is off the whitelist and once it is whitelisted again", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      const strategyAddress = await strategyA.getAddress();
      await strategyManager.setDepositCaps(strategyA, 10n, 100n);
      await strategyManager.removeStrategiesFromWhitelist([strategyA]);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([false, 10n, 100n]);

      // Governance may change them while the strategy is off; that does not put it back.
      await strategyManager.setDepositCaps(strategyA, 20n, 100n);
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([false, 20n, 100n]);
      await tokenA.connect(alice).approve(strategyA, 21n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 20n))
        .to.be.revertedWithCustomError(strategyManager, "StrategyNotWhitelisted")
        .withArgs(strategyAddress);

      const whitelisting = strategyManager.addStrategiesToWhitelist([strategyA]);
      await expect(whitelisting).to.emit(strategyManager, "StrategyWhitelisted").withArgs(strategyAddress);
      await expect(whitelisting).to.not.emit(strategyManager, "DepositCapsSet");
      expect(await configOf(strategyManager, strategyA)).to.deep.equal([true, 20n, 100n]);
      await expect(strategyManager.connect(alice).deposit(strategyA, 21n))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(strategyAddress, 21n, 20n);
      await strategyManager.connect(alice).deposit(strategyA, 20n);
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(20n));
    });
  });

  it("keeps the total cap check in the vault's balance, not in shares", async function () {
    // After a donation, shares and tokens differ (and shares are a thousand times finer): the cap is compared with
    // tokens.
    const { strategyManager, tokenA, strategyA, alice, carol } = await loadFixture(deployCoreFixture);
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 1_000n);
    await tokenA.connect(carol).transfer(strategyA, 1_000n);
    await strategyManager.setDepositCaps(strategyA, 3_000n, 3_000n);
    expect(await strategyA.totalShares()).to.equal(sharesFor(1_000n));

    await tokenA.connect(alice).approve(strategyA, 1_001n);
    await expect(strategyManager.connect(alice).deposit(strategyA, 1_001n))
      .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
      .withArgs(2_000n, 1_001n, 3_000n);
    await strategyManager.connect(alice).deposit(strategyA, 1_000n);
    expect(await strategyA.totalAssets()).to.equal(3_000n);
  });
});
