import { expect } from "chai";

import {
  ERC20Strategy__factory,
  FeeOnTransferToken__factory,
  type ERC20Strategy,
  type MockERC20,
  type StrategyManager,
} from "../../types/ethers-contracts/index.js";
import {
  approveAndDeposit,
  assetsFor,
  deployCoreFixture,
  deployStrategy,
  deployToken,
  ethers,
  loadFixture,
  sharesFor,
  STARTING_BALANCE_A,
} from "./fixtures.js";

/** Positions as plain arrays, so that chai compares them by value. */
async function positionsOf(
  manager: StrategyManager,
  staker: string,
): Promise<{ strategies: string[]; scaled: bigint[]; withdrawable: bigint[] }> {
  const [strategies, scaled, withdrawable] = await manager.stakerPositions(staker);
  return { strategies: [...strategies], scaled: [...scaled], withdrawable: [...withdrawable] };
}

describe("Deposits: a staker moves tokens into a strategy and is credited shares", function () {
  describe("a staker's first deposit into a fresh strategy", function () {
    it("mints 1,000 shares per token unit, pulls the tokens into the vault and emits Deposited", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      const amount = 1_500n * 10n ** 18n;
      const shares = amount * 1_000n;
      expect(sharesFor(amount)).to.equal(shares);
      await tokenA.connect(alice).approve(strategyA, amount);

      expect(await strategyA.underlyingToShares(amount)).to.equal(shares);
      expect(await strategyManager.connect(alice).deposit.staticCall(strategyA, amount)).to.equal(shares);
      const tx = strategyManager.connect(alice).deposit(strategyA, amount);
      await expect(tx)
        .to.emit(strategyManager, "Deposited")
        .withArgs(alice.address, await strategyA.getAddress(), amount, shares, shares);
      await expect(tx).to.changeTokenBalances(ethers, tokenA, [alice, strategyA], [-amount, amount]);

      expect(await strategyA.totalShares()).to.equal(shares);
      expect(await strategyA.totalAssets()).to.equal(amount);
      expect(await tokenA.allowance(alice, strategyA)).to.equal(0n);
      // The shares are a finer unit than the token; what they are worth is the amount deposited.
      expect(await strategyA.sharesToUnderlying(shares)).to.equal(amount);
    });

    it("lists the strategy among the staker's strategies and positions", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      const amount = 42n * 10n ** 18n;
      expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([]);

      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, amount);

      const strategyAddress = await strategyA.getAddress();
      const shares = sharesFor(amount);
      expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([strategyAddress]);
      expect(await strategyManager.stakerStrategyCount(alice)).to.equal(1n);
      expect(await positionsOf(strategyManager, alice.address)).to.deep.equal({
        strategies: [strategyAddress],
        scaled: [shares],
        withdrawable: [shares],
      });
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(shares);
      expect(await strategyManager.withdrawableShares(alice, strategyA)).to.equal(shares);
    });
  });

  it("adds a repeat deposit to the same position without listing the strategy twice", async function () {
    const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 100n);
    await tokenA.connect(alice).approve(strategyA, 250n);

    // Nothing but deposits reached the vault, so the price is still 1,000 shares per token unit.
    await expect(strategyManager.connect(alice).deposit(strategyA, 250n))
      .to.emit(strategyManager, "Deposited")
      .withArgs(alice.address, await strategyA.getAddress(), 250n, 250_000n, 250_000n);

    expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([await strategyA.getAddress()]);
    expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(350_000n);
    expect(await strategyA.totalShares()).to.equal(350_000n);
  });

  it("credits three stakers across two strategies, pricing later deposits after a donation", async function () {
    const { strategyManager, tokenA, strategyA, tokenB, strategyB, alice, bob, carol } =
      await loadFixture(deployCoreFixture);

    // Strategy A: alice deposits into the fresh vault, then carol donates as much again straight to the vault.
    await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 1_000n);
    const aliceShares = sharesFor(1_000n);
    expect(aliceShares).to.equal(1_000_000n);
    await tokenA.connect(carol).transfer(strategyA, 1_000n);
    // Each token now buys about half as many shares: 3,000 * (1,000,000 + 1,000) / (2,000 + 1) = 1,500,749.
    const bobShares = sharesFor(3_000n, { totalShares: aliceShares, totalAssets: 2_000n });
    expect(bobShares).to.equal(1_500_749n);
    expect(await strategyA.underlyingToShares(3_000n)).to.equal(bobShares);
    await tokenA.connect(bob).approve(strategyA, 3_000n);
    await expect(strategyManager.connect(bob).deposit(strategyA, 3_000n))
      .to.emit(strategyManager, "Deposited")
      .withArgs(bob.address, await strategyA.getAddress(), 3_000n, bobShares, bobShares);

    // Strategy B (6 decimals): carol then bob, no donation, so 1,000 shares per token unit for both.
    await approveAndDeposit(strategyManager, tokenB, strategyB, carol, 500_000_000n);
    await approveAndDeposit(strategyManager, tokenB, strategyB, bob, 250_000_000n);

    const [a, b] = [await strategyA.getAddress(), await strategyB.getAddress()];
    expect(await positionsOf(strategyManager, alice.address)).to.deep.equal({
      strategies: [a],
      scaled: [aliceShares],
      withdrawable: [aliceShares],
    });
    expect(await positionsOf(strategyManager, bob.address)).to.deep.equal({
      strategies: [a, b],
      scaled: [bobShares, sharesFor(250_000_000n)],
      withdrawable: [bobShares, sharesFor(250_000_000n)],
    });
    expect(await positionsOf(strategyManager, carol.address)).to.deep.equal({
      strategies: [b],
      scaled: [sharesFor(500_000_000n)],
      withdrawable: [sharesFor(500_000_000n)],
    });

    const afterA = { totalShares: aliceShares + bobShares, totalAssets: 5_000n };
    expect(await strategyA.totalShares()).to.equal(afterA.totalShares);
    expect(await strategyA.totalAssets()).to.equal(afterA.totalAssets);
    expect(await strategyB.totalShares()).to.equal(sharesFor(750_000_000n));
    // The donation went to the shares that existed when it came: alice's are worth her 1,000 tokens and all but a
    // sliver of carol's 1,000 (the 1,000 virtual shares, a thousandth of hers, keep the rest), 1,999 after rounding.
    // Bob, who came after, gets back what he brought less rounding: 2,999 of his 3,000.
    expect(assetsFor(aliceShares, afterA)).to.equal(1_999n);
    expect(await strategyA.sharesToUnderlying(aliceShares)).to.equal(1_999n);
    expect(assetsFor(bobShares, afterA)).to.equal(2_999n);
    expect(await strategyA.sharesToUnderlying(bobShares)).to.equal(2_999n);
  });

  describe("deposits that are refused", function () {
    it("rejects a strategy that was deployed but never whitelisted", async function () {
      const { strategyManager, strategyFactory, owner, alice } = await loadFixture(deployCoreFixture);
      const tokenC = await deployToken(owner, "PSC", 18);
      const strategyC = await deployStrategy(strategyFactory, tokenC, owner);
      await tokenC.mint(alice, 100n);
      await tokenC.connect(alice).approve(strategyC, 100n);

      await expect(strategyManager.connect(alice).deposit(strategyC, 100n))
        .to.be.revertedWithCustomError(strategyManager, "StrategyNotWhitelisted")
        .withArgs(await strategyC.getAddress());
    });

    it("rejects deposits into a strategy removed from the whitelist, leaving existing shares in place", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await approveAndDeposit(strategyManager, tokenA, strategyA, alice, 700n);

      await expect(strategyManager.removeStrategiesFromWhitelist([strategyA]))
        .to.emit(strategyManager, "StrategyRemovedFromWhitelist")
        .withArgs(await strategyA.getAddress());
      expect(await strategyManager.isStrategyWhitelisted(strategyA)).to.equal(false);

      await tokenA.connect(alice).approve(strategyA, 100n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.be.revertedWithCustomError(strategyManager, "StrategyNotWhitelisted")
        .withArgs(await strategyA.getAddress());
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(700n));
      expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([await strategyA.getAddress()]);
    });

    it("rejects a zero amount", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await tokenA.connect(alice).approve(strategyA, 100n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 0n)).to.be.revertedWithCustomError(
        strategyManager,
        "ZeroDepositAmount",
      );
    });

    it("fails in the token when the staker approved nothing, or approved the manager instead of the strategy", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      const strategyAddress = await strategyA.getAddress();

      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.be.revertedWithCustomError(tokenA, "ERC20InsufficientAllowance")
        .withArgs(strategyAddress, 0n, 100n);

      await tokenA.connect(alice).approve(strategyManager, 100n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.be.revertedWithCustomError(tokenA, "ERC20InsufficientAllowance")
        .withArgs(strategyAddress, 0n, 100n);

      await tokenA.connect(alice).approve(strategyA, 60n);
      await expect(strategyManager.connect(alice).deposit(strategyA, 100n))
        .to.be.revertedWithCustomError(tokenA, "ERC20InsufficientAllowance")
        .withArgs(strategyAddress, 60n, 100n);
      expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([]);
    });

    it("fails in the token when the staker's balance is short", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      const amount = STARTING_BALANCE_A + 1n;
      await tokenA.connect(alice).approve(strategyA, amount);
      await expect(strategyManager.connect(alice).deposit(strategyA, amount))
        .to.be.revertedWithCustomError(tokenA, "ERC20InsufficientBalance")
        .withArgs(alice.address, STARTING_BALANCE_A, amount);
    });

    it("rejects a fee-on-transfer token, whose vault receives less than the amount priced", async function () {
      const { strategyManager, strategyFactory, owner, alice } = await loadFixture(deployCoreFixture);
      const feeToken = await new FeeOnTransferToken__factory(owner).deploy(18, 100); // 1% fee, burned
      const feeStrategy = await deployStrategy(strategyFactory, feeToken, owner);
      await strategyManager.addStrategiesToWhitelist([feeStrategy]);
      await feeToken.mint(alice, 10_000n);
      await feeToken.connect(alice).approve(feeStrategy, 10_000n);

      await expect(strategyManager.connect(alice).deposit(feeStrategy, 10_000n))
        .to.be.revertedWithCustomError(feeStrategy, "TransferAmountMismatch")
        .withArgs(10_000n, 9_900n);
      expect(await feeStrategy.totalShares()).to.equal(0n);
      expect(await feeToken.balanceOf(alice)).to.equal(10_000n);
      expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([]);
    });

    it("rejects a deposit too small to buy one share after a large donation", async function () {
      const { strategyManager, strategyFactory, owner, alice, carol } = await loadFixture(deployCoreFixture);
      const tokenC = await deployToken(owner, "PSC", 18);
      const strategyC = await deployStrategy(strategyFactory, tokenC, owner);
      await strategyManager.addStrategiesToWhitelist([strategyC]);
      await tokenC.mint(carol, 10_000n);
      await tokenC.connect(carol).transfer(strategyC, 10_000n);
      await tokenC.mint(alice, 11n);
      await tokenC.connect(alice).approve(strategyC, 11n);

      // 10 * (0 + 1,000) / (10,000 + 1) rounds to zero shares; 11 tokens buy exactly one.
      const donated = { totalShares: 0n, totalAssets: 10_000n };
      expect([sharesFor(10n, donated), sharesFor(11n, donated)]).to.deep.equal([0n, 1n]);
      await expect(strategyManager.connect(alice).deposit(strategyC, 10n))
        .to.be.revertedWithCustomError(strategyC, "DepositWouldMintZeroShares")
        .withArgs(10n);
      await expect(strategyManager.connect(alice).deposit(strategyC, 11n))
        .to.emit(strategyManager, "Deposited")
        .withArgs(alice.address, await strategyC.getAddress(), 11n, 1n, 1n);
    });

    it("refuses the vault's own deposit function to anyone but the manager", async function () {
      const { strategyManager, tokenA, strategyA, alice } = await loadFixture(deployCoreFixture);
      await tokenA.connect(alice).approve(strategyA, 100n);
      await expect(strategyA.connect(alice).deposit(alice, 100n, 100n))
        .to.be.revertedWithCustomError(strategyA, "OnlyStrategyManager")
        .withArgs(alice.address);
      expect(await strategyA.strategyManager()).to.equal(await strategyManager.getAddress());
    });
  });

  it("holds a staker to 32 strategies at once, while repeat deposits into held ones still go through", async function () {
    const { strategyManager, strategyFactory, owner, alice } = await loadFixture(deployCoreFixture);
    const max = await strategyManager.MAX_STAKER_STRATEGIES();
    expect(max).to.equal(32n);

    const tokens: MockERC20[] = [];
    const strategies: ERC20Strategy[] = [];
    for (let i = 0n; i <= max; i++) {
      const token = await deployToken(owner, `T${i}`, 18);
      await token.mint(alice, 10n);
      await token.connect(alice).approve(strategyFactory.predictStrategyAddress(token), 10n);
      tokens.push(token);
      strategies.push(await deployStrategy(strategyFactory, token, owner));
    }
    await strategyManager.addStrategiesToWhitelist(strategies);

    for (const strategy of strategies.slice(0, Number(max))) {
      await strategyManager.connect(alice).deposit(strategy, 1n);
    }
    const held = await Promise.all(strategies.slice(0, Number(max)).map((strategy) => strategy.getAddress()));
    expect(await strategyManager.stakerStrategies(alice)).to.deep.equal(held);
    expect(await strategyManager.stakerStrategyCount(alice)).to.equal(max);

    const extra = strategies[Number(max)];
    if (extra === undefined) throw new Error("the 33rd strategy is missing");
    await expect(strategyManager.connect(alice).deposit(extra, 1n))
      .to.be.revertedWithCustomError(strategyManager, "TooManyStrategies")
      .withArgs(alice.address, max);

    const first = strategies[0];
    if (first === undefined) throw new Error("the first strategy is missing");
    await strategyManager.connect(alice).deposit(first, 1n);
    expect(await strategyManager.scaledShares(alice, first)).to.equal(sharesFor(2n));
    expect(await strategyManager.stakerStrategyCount(alice)).to.equal(max);
  });

  describe("strategy deployment through the factory", function () {
    it("deploys each token's clone at the predicted address, bound to the token and the manager", async function () {
      const { strategyManager, strategyFactory, strategyImplementation, owner, stranger } =
        await loadFixture(deployCoreFixture);
      const token = await deployToken(owner, "PSP", 8);
      const predicted = await strategyFactory.predictStrategyAddress(token);
      expect(await ethers.provider.getCode(predicted)).to.equal("0x");
      expect(await strategyFactory.strategyOf(token)).to.equal(ethers.ZeroAddress);

      // Deployment is permissionless.
      expect(await strategyFactory.connect(stranger).deployStrategy.staticCall(token)).to.equal(predicted);
      await expect(strategyFactory.connect(stranger).deployStrategy(token))
        .to.emit(strategyFactory, "StrategyDeployed")
        .withArgs(await token.getAddress(), predicted);

      expect(await strategyFactory.strategyOf(token)).to.equal(predicted);
      expect(await strategyFactory.predictStrategyAddress(token)).to.equal(predicted);
      expect(await strategyFactory.strategyImplementation()).to.equal(strategyImplementation);
      // An EIP-1167 clone (45 bytes) followed by the token's address as its immutable argument.
      const code = await ethers.provider.getCode(predicted);
      expect(ethers.dataLength(code)).to.equal(65);
      expect(ethers.getAddress(ethers.dataSlice(code, 45))).to.equal(await token.getAddress());
      const vault = ERC20Strategy__factory.connect(predicted, owner);
      expect(await vault.token()).to.equal(await token.getAddress());
      expect(await vault.strategyManager()).to.equal(await strategyManager.getAddress());
      expect(await vault.totalShares()).to.equal(0n);
    });

    it("refuses a second strategy for the same token and a token without code", async function () {
      const { strategyFactory, tokenA, strategyA, stranger } = await loadFixture(deployCoreFixture);
      await expect(strategyFactory.deployStrategy(tokenA))
        .to.be.revertedWithCustomError(strategyFactory, "StrategyAlreadyDeployed")
        .withArgs(await tokenA.getAddress(), await strategyA.getAddress());
      await expect(strategyFactory.deployStrategy(stranger))
        .to.be.revertedWithCustomError(strategyFactory, "TokenHasNoCode")
        .withArgs(stranger.address);
    });
  });
});
