import { expect } from "chai";
import { TypedDataEncoder, verifyTypedData } from "ethers";

import { palisadeOver } from "../../scripts/lib/connect.js";
import { signDeposit } from "../../sdk/src/index.js";
import { MockERC1271Wallet__factory } from "../../types/ethers-contracts/index.js";
import {
  DEPOSIT_TYPES,
  depositAuthorization,
  deployCoreFixture,
  deployToken,
  deployTwoCoresFixture,
  ethers,
  IMPLEMENTATION_SLOT,
  loadFixture,
  networkHelpers,
  onChainDigest,
  readDepositDomain,
  sharesFor,
  signDepositUnder,
} from "./fixtures.js";

describe("Signed deposits: a relayer deposits on a staker's behalf with the staker's EIP-712 signature", function () {
  it("takes the tokens from the relayer, credits the staker, spends the nonce and names the payer", async function () {
    const core = await loadFixture(deployCoreFixture);
    const { strategyManager, tokenA, strategyA, alice, relayer } = core;
    const { context } = await palisadeOver(core, ethers.provider);
    const amount = 5n * 10n ** 18n;
    const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
    const { message: authorization, signature } = await signDeposit(context, alice, {
      strategy: await strategyA.getAddress(),
      amount,
      expiry,
    });
    expect(authorization.nonce).to.equal(0n);

    await tokenA.connect(relayer).approve(strategyA, amount);
    const shares = sharesFor(amount);
    const tx = strategyManager.connect(relayer).depositWithSignature(strategyA, amount, alice, expiry, signature);
    await expect(tx).to.emit(strategyManager, "DepositSignatureUsed").withArgs(alice.address, 0n, relayer.address);
    await expect(tx)
      .to.emit(strategyManager, "Deposited")
      .withArgs(alice.address, await strategyA.getAddress(), amount, shares, shares);
    await expect(tx).to.changeTokenBalances(ethers, tokenA, [relayer, alice, strategyA], [-amount, 0n, amount]);

    expect(await strategyManager.nonces(alice)).to.equal(1n);
    expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(shares);
    expect(await strategyManager.stakerStrategies(alice)).to.deep.equal([await strategyA.getAddress()]);
    expect(await strategyManager.stakerStrategies(relayer)).to.deep.equal([]);
    expect(await strategyManager.nonces(relayer)).to.equal(0n);
  });

  it("accepts a staker's signatures one nonce after the other, signed in advance", async function () {
    const core = await loadFixture(deployCoreFixture);
    const { strategyManager, tokenA, strategyA, alice, relayer } = core;
    const { context } = await palisadeOver(core, ethers.provider);
    const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
    const strategy = await strategyA.getAddress();
    const first = await signDeposit(context, alice, { strategy, amount: 10n, expiry, nonce: 0n });
    const second = await signDeposit(context, alice, { strategy, amount: 20n, expiry, nonce: 1n });
    await tokenA.connect(relayer).approve(strategyA, 30n);

    // Nonces are sequential: the second signature is not valid while the first is unused.
    await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 20n, alice, expiry, second.signature))
      .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
      .withArgs(alice.address, await onChainDigest(strategyManager, { ...second.message, nonce: 0n }));

    await strategyManager.connect(relayer).depositWithSignature(strategyA, 10n, alice, expiry, first.signature);
    await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 20n, alice, expiry, second.signature))
      .to.emit(strategyManager, "DepositSignatureUsed")
      .withArgs(alice.address, 1n, relayer.address);
    expect(await strategyManager.nonces(alice)).to.equal(2n);
    expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(30n));
  });

  describe("the digest an SDK computes off-chain", function () {
    it("equals depositDigest on-chain when built with ethers from the domain the chain publishes", async function () {
      const { strategyManager, strategyA, alice } = await loadFixture(deployCoreFixture);
      const domain = await readDepositDomain(strategyManager);
      const authorization = await depositAuthorization(strategyManager, alice.address, strategyA, 123_456n);

      const offChain = TypedDataEncoder.hash(domain, DEPOSIT_TYPES, authorization);
      expect(offChain).to.equal(await onChainDigest(strategyManager, authorization));
      expect(TypedDataEncoder.hashDomain(domain)).to.equal(await strategyManager.domainSeparator());
      expect(ethers.id(TypedDataEncoder.from(DEPOSIT_TYPES).encodeType("Deposit"))).to.equal(
        await strategyManager.DEPOSIT_TYPEHASH(),
      );

      // A node-held account's eth_signTypedData_v4 signature recovers to the staker under the same domain.
      const signature = await signDepositUnder(alice, domain, authorization);
      expect(verifyTypedData(domain, DEPOSIT_TYPES, authorization, signature)).to.equal(alice.address);
    });

    it("uses a domain naming the proxy, this chain, and the manager's name and version (ERC-5267)", async function () {
      const { strategyManager } = await loadFixture(deployCoreFixture);
      const published = await strategyManager.eip712Domain();
      const implementation = ethers.getAddress(
        ethers.dataSlice(await ethers.provider.getStorage(strategyManager, IMPLEMENTATION_SLOT), 12),
      );

      expect(published.fields).to.equal("0x0f");
      expect(published.name).to.equal("Palisade StrategyManager");
      expect(published.version).to.equal("1");
      expect(published.chainId).to.equal((await ethers.provider.getNetwork()).chainId);
      expect(published.verifyingContract).to.equal(await strategyManager.getAddress());
      expect(published.verifyingContract).to.not.equal(implementation);
      expect(published.salt).to.equal(ethers.ZeroHash);
      expect([...published.extensions]).to.deep.equal([]);
    });
  });

  describe("signatures that are refused", function () {
    it("refuses a replayed signature, whose nonce is spent", async function () {
      const core = await loadFixture(deployCoreFixture);
      const { strategyManager, tokenA, strategyA, alice, relayer } = core;
      const { context } = await palisadeOver(core, ethers.provider);
      const expiry = BigInt(await networkHelpers.time.latest()) + 600n;
      const { message: authorization, signature } = await signDeposit(context, alice, {
        strategy: await strategyA.getAddress(),
        amount: 100n,
        expiry,
      });
      await tokenA.connect(relayer).approve(strategyA, 200n);
      await strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, signature);

      await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, signature))
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(alice.address, await onChainDigest(strategyManager, { ...authorization, nonce: 1n }));
      expect(await strategyManager.nonces(alice)).to.equal(1n);
      expect(await strategyManager.scaledShares(alice, strategyA)).to.equal(sharesFor(100n));
    });

    it("accepts a signature up to its expiry second and refuses it after, with the expiry and the block time", async function () {
      const core = await loadFixture(deployCoreFixture);
      const { strategyManager, tokenA, strategyA, alice, relayer } = core;
      const { context } = await palisadeOver(core, ethers.provider);
      const expiry = BigInt(await networkHelpers.time.latest()) + 1_000n;
      const strategy = await strategyA.getAddress();
      const late = await signDeposit(context, alice, { strategy, amount: 100n, expiry, nonce: 0n });
      await tokenA.connect(relayer).approve(strategyA, 200n);

      await networkHelpers.time.setNextBlockTimestamp(expiry + 1n);
      await expect(
        strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry, late.signature),
      )
        .to.be.revertedWithCustomError(strategyManager, "SignatureExpired")
        .withArgs(expiry, expiry + 1n);

      const onTime = await signDeposit(context, alice, {
        strategy,
        amount: 100n,
        expiry: expiry + 10n,
        nonce: 0n,
      });
      await networkHelpers.time.setNextBlockTimestamp(expiry + 10n);
      await expect(
        strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry + 10n, onTime.signature),
      )
        .to.emit(strategyManager, "DepositSignatureUsed")
        .withArgs(alice.address, 0n, relayer.address);
    });

    it("refuses a signature made for another chain id", async function () {
      const { strategyManager, tokenA, strategyA, alice, relayer } = await loadFixture(deployCoreFixture);
      const domain = await readDepositDomain(strategyManager);
      const authorization = await depositAuthorization(strategyManager, alice.address, strategyA, 100n);
      const otherChain = { ...domain, chainId: 1n };
      const signature = await signDepositUnder(alice, otherChain, authorization);
      expect(verifyTypedData(otherChain, DEPOSIT_TYPES, authorization, signature)).to.equal(alice.address);

      await tokenA.connect(relayer).approve(strategyA, 100n);
      await expect(
        strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, authorization.expiry, signature),
      )
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(alice.address, await onChainDigest(strategyManager, authorization));
    });

    it("refuses a signature made for another StrategyManager, which that manager accepts", async function () {
      const { strategyManager, otherCore, otherStrategyA, tokenA, alice, relayer } =
        await loadFixture(deployTwoCoresFixture);
      const otherManager = otherCore.strategyManager;
      expect(await otherManager.getAddress()).to.not.equal(await strategyManager.getAddress());
      // The same strategy address in both messages, so that only the domain differs.
      const authorization = await depositAuthorization(otherManager, alice.address, otherStrategyA, 100n);
      const signature = await signDepositUnder(alice, await readDepositDomain(otherManager), authorization);
      const { expiry } = authorization;

      await expect(
        strategyManager.connect(relayer).depositWithSignature(otherStrategyA, 100n, alice, expiry, signature),
      )
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(alice.address, await onChainDigest(strategyManager, authorization));

      await tokenA.connect(relayer).approve(otherStrategyA, 100n);
      await expect(otherManager.connect(relayer).depositWithSignature(otherStrategyA, 100n, alice, expiry, signature))
        .to.emit(otherManager, "Deposited")
        .withArgs(alice.address, await otherStrategyA.getAddress(), 100n, sharesFor(100n), sharesFor(100n));
      expect(await strategyManager.nonces(alice)).to.equal(0n);
      expect(await otherManager.nonces(alice)).to.equal(1n);
    });

    it("refuses a signature whose amount or strategy was tampered with", async function () {
      const { strategyManager, tokenA, strategyA, strategyB, alice, relayer } = await loadFixture(deployCoreFixture);
      const authorization = await depositAuthorization(strategyManager, alice.address, strategyA, 100n);
      const signature = await signDepositUnder(alice, await readDepositDomain(strategyManager), authorization);
      const { expiry } = authorization;
      await tokenA.connect(relayer).approve(strategyA, 1_000n);

      await expect(strategyManager.connect(relayer).depositWithSignature(strategyA, 1_000n, alice, expiry, signature))
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(alice.address, await onChainDigest(strategyManager, { ...authorization, amount: 1_000n }));

      const strategyBAddress = await strategyB.getAddress();
      await expect(strategyManager.connect(relayer).depositWithSignature(strategyB, 100n, alice, expiry, signature))
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(
          alice.address,
          await onChainDigest(strategyManager, { ...authorization, strategy: strategyBAddress }),
        );

      await expect(
        strategyManager.connect(relayer).depositWithSignature(strategyA, 100n, alice, expiry + 1n, signature),
      )
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(alice.address, await onChainDigest(strategyManager, { ...authorization, expiry: expiry + 1n }));
      expect(await strategyManager.nonces(alice)).to.equal(0n);
    });

    it("refuses a signature by anyone but the staker, and credits nobody with a signature for the zero address", async function () {
      const { strategyManager, tokenA, strategyA, alice, bob, relayer } = await loadFixture(deployCoreFixture);
      const domain = await readDepositDomain(strategyManager);
      const authorization = await depositAuthorization(strategyManager, alice.address, strategyA, 100n);
      const bobsSignature = await signDepositUnder(bob, domain, authorization);
      const digest = await onChainDigest(strategyManager, authorization);
      await tokenA.connect(relayer).approve(strategyA, 100n);

      await expect(
        strategyManager
          .connect(relayer)
          .depositWithSignature(strategyA, 100n, alice, authorization.expiry, bobsSignature),
      )
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(alice.address, digest);

      // Malformed and unrecoverable signatures fail the same way, never as a recovered zero address.
      const toZero = { ...authorization, staker: ethers.ZeroAddress };
      const zeroDigest = await onChainDigest(strategyManager, toZero);
      for (const garbage of [
        "0x",
        ethers.hexlify(new Uint8Array(65)),
        `0x${"11".repeat(64)}`,
        `0x${"22".repeat(64)}1b`,
      ]) {
        await expect(
          strategyManager
            .connect(relayer)
            .depositWithSignature(strategyA, 100n, ethers.ZeroAddress, toZero.expiry, garbage),
        )
          .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
          .withArgs(ethers.ZeroAddress, zeroDigest);
      }
      expect(await strategyManager.stakerStrategies(ethers.ZeroAddress)).to.deep.equal([]);
    });
  });

  describe("a smart-contract staker (EIP-1271)", function () {
    it("is credited when its owner key signed, and refused when any other key did", async function () {
      const { strategyManager, tokenA, strategyA, alice, carol, relayer } = await loadFixture(deployCoreFixture);
      const wallet = await new MockERC1271Wallet__factory(carol).deploy(carol.address);
      const walletAddress = await wallet.getAddress();
      const domain = await readDepositDomain(strategyManager);
      const authorization = await depositAuthorization(strategyManager, walletAddress, strategyA, 250n);
      const digest = await onChainDigest(strategyManager, authorization);
      await tokenA.connect(relayer).approve(strategyA, 250n);

      const alicesSignature = await signDepositUnder(alice, domain, authorization);
      await expect(
        strategyManager
          .connect(relayer)
          .depositWithSignature(strategyA, 250n, wallet, authorization.expiry, alicesSignature),
      )
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(walletAddress, digest);

      const carolsSignature = await signDepositUnder(carol, domain, authorization);
      const tx = strategyManager
        .connect(relayer)
        .depositWithSignature(strategyA, 250n, wallet, authorization.expiry, carolsSignature);
      await expect(tx).to.emit(strategyManager, "DepositSignatureUsed").withArgs(walletAddress, 0n, relayer.address);
      await expect(tx).to.changeTokenBalances(ethers, tokenA, [relayer, strategyA], [-250n, 250n]);
      expect(await strategyManager.scaledShares(wallet, strategyA)).to.equal(sharesFor(250n));
      expect(await strategyManager.nonces(wallet)).to.equal(1n);
      // The owner key signed for the wallet; the owner's own account gets nothing.
      expect(await strategyManager.stakerStrategies(carol)).to.deep.equal([]);
    });
  });

  describe("an account that delegated its code (EIP-7702)", function () {
    it("still signs with its own key, though it now has code that cannot approve anything (EIP-1271)", async function () {
      const { strategyManager, tokenA, strategyA, owner, bob, carol, relayer } = await loadFixture(deployCoreFixture);
      // Carol delegates her account to a contract without isValidSignature: a plain token. The relayer sponsors the
      // type-4 transaction, so the authorisation carries carol's current nonce.
      const delegate = await deployToken(owner, "DLG", 18);
      const delegation = await carol.authorize({ address: await delegate.getAddress() });
      const receipt = await (
        await relayer.sendTransaction({ type: 4, to: relayer.address, authorizationList: [delegation] })
      ).wait();
      expect(receipt?.status).to.equal(1);
      // Her account's code is now the delegation designator: 0xef0100 followed by the delegate's address.
      expect(await ethers.provider.getCode(carol)).to.equal(ethers.concat(["0xef0100", await delegate.getAddress()]));

      const domain = await readDepositDomain(strategyManager);
      const authorization = await depositAuthorization(strategyManager, carol.address, strategyA, 250n);
      const digest = await onChainDigest(strategyManager, authorization);
      await tokenA.connect(relayer).approve(strategyA, 250n);

      // Another key is refused: the ECDSA check fails, and so does the EIP-1271 fallback into the token's code.
      const bobsSignature = await signDepositUnder(bob, domain, authorization);
      await expect(
        strategyManager
          .connect(relayer)
          .depositWithSignature(strategyA, 250n, carol, authorization.expiry, bobsSignature),
      )
        .to.be.revertedWithCustomError(strategyManager, "InvalidSignature")
        .withArgs(carol.address, digest);

      const carolsSignature = await signDepositUnder(carol, domain, authorization);
      const shares = sharesFor(250n);
      const tx = strategyManager
        .connect(relayer)
        .depositWithSignature(strategyA, 250n, carol, authorization.expiry, carolsSignature);
      await expect(tx).to.emit(strategyManager, "DepositSignatureUsed").withArgs(carol.address, 0n, relayer.address);
      await expect(tx)
        .to.emit(strategyManager, "Deposited")
        .withArgs(carol.address, await strategyA.getAddress(), 250n, shares, shares);
      expect(await strategyManager.scaledShares(carol, strategyA)).to.equal(shares);
      expect(await strategyManager.nonces(carol)).to.equal(1n);
    });
  });
});
