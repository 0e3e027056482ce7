import { expect } from "chai";

import {
  approveAndDeposit,
  deployCoreFixture,
  loadFixture,
  NO_PER_DEPOSIT_CAP,
  NO_TOTAL_CAP,
  signDepositUnder,
  depositAuthorization,
  readDepositDomain,
} from "./fixtures.js";

describe("Deposit caps: governance bounds each deposit and each strategy's total", function () {
  it("gives a newly whitelisted strategy the no-cap values", async function () {
    const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
    const config = await strategyManager.strategyConfig(strategyA);
    expect(config.whitelisted).to.equal(true);
    expect(config.maxPerDeposit).to.equal(NO_PER_DEPOSIT_CAP);
    expect(config.maxTotalDeposits).to.equal(NO_TOTAL_CAP);
  });

  describe("the per-deposit cap", function () {
    it("accepts a deposit of exactly the cap and refuses one token more, with the strategy, amount and cap", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.setDepositCaps(strategyA, 100n, 1_000n))
        .to.emit(strategyManager, "DepositCapsSet")
        .withArgs(await strategyA.getAddress(), 100n, 1_000n);
      const config = await strategyManager.strategyConfig(strategyA);
      expect([config.whitelisted, config.maxPerDeposit, config.maxTotalDeposits]).to.deep.equal([true, 100n, 1_000n]);

      await tokenA.connect(alice).approve(strategyA, 201n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 101n))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(await strategyA.getAddress(), 101n, 100n);
      await strategyManager.connect(alice).deposit(strategyA, 100n);
      // The cap bounds each deposit, not the staker: a second deposit at the cap goes through.
      await strategyManager.connect(alice).deposit(strategyA, 100n);
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(200n);
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
      expect(await strategyManager.scaledShares(alice, strategyB)).to.equal(1_000_000n);
      await tokenA.connect(alice).approve(strategyA, 11n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 11n)).to.be.revertedWithCustomError(
        strategyManager,
        "PerDepositCapExceeded",
      );
    });

    it("still bounds a single deposit at 2^120 - 1 when no cap is set", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      const huge = NO_PER_DEPOSIT_CAP + 1n;
      await tokenA.mint(alice, huge);
      await tokenA.connect(alice).approve(strategyA, huge);
      await expect(strategyManager.connect(alice).deposit(strategyA, huge))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(await strategyA.getAddress(), huge, NO_PER_DEPOSIT_CAP);
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
      expect(await strategyManager.scaledShares(bob, strategyA)).to.equal(400n);
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
      // 100 tokens now buy 100 * (500 + 1,000) / (1,100 + 1,000) = 71 shares.
      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.emit(strategyManager, "Deposited")
        .withArgs(alice.address, await strategyA.getAddress(), 100n, 71n, 71n);
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
      expect(await strategyManager.withdrawableShares(alice, strategyA)).to.equal(5_000n);
    });

    it("closes the strategy to deposits when set to zero", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 0n, 0n);
      await tokenA.connect(alice).approve(strategyA, 1n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 1n))
        .to.be.revertedWithCustomError(strategyManager, "PerDepositCapExceeded")
        .withArgs(await strategyA.getAddress(), 1n, 0n);
    });
  });

  describe("setting caps", function () {
    it("refuses a per-deposit cap above the total cap, and accepts equal caps", async function () {
      const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
      await expect(strategyManager.setDepositCaps(strategyA, 1_001n, 1_000n))
        .to.be.revertedWithCustomError(strategyManager, "InvalidDepositCaps")
        .withArgs(1_001n, 1_000n);
      await strategyManager.setDepositCaps(strategyA, 1_000n, 1_000n);
      expect((await strategyManager.strategyConfig(strategyA)).maxPerDeposit).to.equal(1_000n);
    });

    it("is for the owner only", async function () {
      const { strategyManager, strategyA, pauser, stranger } = await loadFixture(deployCoreFixture);
      for (const caller of [pauser, stranger]) {
        await expect(strategyManager.connect(caller).setDepositCaps(strategyA, 1n, 1n))
          .to.be.revertedWithCustomError(strategyManager, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
      expect((await strategyManager.strategyConfig(strategyA)).maxTotalDeposits).to.equal(NO_TOTAL_CAP);
    });

    it("needs a whitelisted strategy", async function () {
      const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
      await strategyManager.removeStrategiesFromWhitelist([strategyA]);
      await expect(strategyManager.setDepositCaps(strategyA, 1n, 1n))
        .to.be.revertedWithCustomError(strategyManager, "StrategyNotWhitelisted")
        .withArgs(await strategyA.getAddress());
    });

    it("keeps caps while a strategy is off the whitelist, but resets them to no cap when it is whitelisted again", async function () {
      const { strategyManager, strategyA } = await loadFixture(deployCoreFixture);
      await strategyManager.setDepositCaps(strategyA, 10n, 100n);
      await strategyManager.removeStrategiesFromWhitelist([strategyA]);
      const removed = await strategyManager.strategyConfig(strategyA);
      expect([removed.whitelisted, removed.maxPerDeposit, removed.maxTotalDeposits]).to.deep.equal([false, 10n, 100n]);

      await strategyManager.addStrategiesToWhitelist([strategyA]);
      const readded = await strategyManager.strategyConfig(strategyA);
      expect([readded.whitelisted, readded.maxPerDeposit, readded.maxTotalDeposits]).to.deep.equal([
        true,
        NO_PER_DEPOSIT_CAP,
        NO_TOTAL_CAP,
      ]);
    });
  });

  it("keeps the total cap check in the vault's balance, not in shares", async function () {
    // After a donation, shares and tokens differ: the cap is compared with tokens.
    const { strategyManager, tokenA, strategyA, alice, carol } = await loadFixture(deployCoreFixture);
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 1_000n);
    await tokenA.connect(carol).transfer(strategyA, 1_000n);
    await strategyManager.setDepositCaps(strategyA, 3_000n, 3_000n);
    expect(await strategyA.totalShares()).to.equal(1_000n);

    await tokenA.connect(alice).approve(strategyA, 1_001n);
    await expect(strategyManager.connect(alice).deposit(strategyA, 1_001n))
      .to.be.revertedWithCustomError(strategyA, "TotalDepositCapExceeded")
      .withArgs(2_000n, 1_001n, 3_000n);
    await strategyManager.connect(alice).deposit(strategyA, 1_000n);
    expect(await strategyA.totalAssets()).to.equal(3_000n);
  });
});
