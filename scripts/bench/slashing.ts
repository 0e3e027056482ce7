import { Wallet, ZeroAddress, ZeroHash, type ContractTransactionResponse } from "ethers";

import { deployCore } from "../../deploy/core.js";
import {
  BenchStakerFactory__factory,
  EquivocationSlasher__factory,
  InstantSlasher__factory,
  MockERC20__factory,
  VetoSlasher__factory,
} from "../../types/ethers-contracts/index.js";
import { deployFromArtifact } from "./artifacts.js";
import type { FlowGroup, FlowMeasurement } from "./types.js";

const ONE = 10n ** 18n;
const WAD = 10n ** 18n;
const AVS_URI = "https://avs.example/palisade/metadata.json";
const OPERATOR_URI = "https://operator.example/palisade/metadata.json";
const NO_APPROVAL = { signature: "0x", expiry: 0n };
const ALLOCATION_DELAY = 60;
const VETO_WINDOW = 24 * 60 * 60;
const EXECUTION_WINDOW = 2 * 24 * 60 * 60;
/** The large operator of `slash.instant.1000`. */
const STAKERS = 1_000;
const QUEUED_WITHDRAWALS = 100;
const STAKERS_PER_TRANSACTION = 100;

/** The operator sets of the bench, one per measured slash so that each is the first in its set. */
const SET = { instantSmall: 1, instantLarge: 2, warmUp: 3, veto: 4, equivocation: 5 } as const;

async function receiptOf(tx: Promise<ContractTransactionResponse>) {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return receipt;
}

/**
 * AVS, allocation and slashing flows, through the reference slashers. Every slash is the first in its operator
 * set, on an operator whose allocation is in force, on a network where a slash and a release happened before (the
 * coordinator's counter and the burn address's balance exist, as on a live network). `slash.instant.1` and
 * `slash.instant.1000` differ only in the operator's stakers: 1, against 1,000 of which 100 have a withdrawal
 * queued and pending, which is the point: a slash costs the same whatever the number of stakers and withdrawals.
 */
export const slashingFlows: FlowGroup = async (connection) => {
  const { ethers, networkHelpers } = connection;
  const [deployer, avs, operatorSmall, operatorLarge, alice, other, warmUp, resolver] = await ethers.getSigners();
  if (
    deployer === undefined ||
    avs === undefined ||
    operatorSmall === undefined ||
    operatorLarge === undefined ||
    alice === undefined ||
    other === undefined ||
    warmUp === undefined ||
    resolver === undefined
  ) {
    throw new Error("the bench needs eight funded accounts");
  }
  const core = await deployCore(connection);
  const {
    strategyManager,
    strategyFactory,
    operatorRegistry,
    avsRegistry,
    allocationManager,
    slashingCoordinator,
    withdrawalQueue,
  } = core;
  // Registrations and allocation increases take effect one second after a withdrawal queued now would mature.
  const notice = Number(await withdrawalQueue.withdrawalDelay()) + 1;
  const token = MockERC20__factory.connect(
    await deployFromArtifact(connection, "MockERC20", deployer, ["Bench Token", "BENCH", 18]),
    deployer,
  );
  const tokenAddress = await token.getAddress();
  await receiptOf(strategyFactory.deployStrategy(tokenAddress));
  const strategy = await strategyFactory.strategyOf(tokenAddress);
  await receiptOf(strategyManager.addStrategiesToWhitelist([strategy]));
  const setOf = (id: number) => ({ avs: avs.address, id });

  const results: FlowMeasurement[] = [];
  // Another AVS registered first, so the registry's shared storage exists as on a live network.
  await receiptOf(avsRegistry.connect(other).registerAVS(AVS_URI));
  results.push({
    name: "avs.register",
    gasUsed: (await receiptOf(avsRegistry.connect(avs).registerAVS(AVS_URI))).gasUsed,
    scenario: "a new AVS registers with a 42-byte metadata URI",
  });

  // The slashers: instant ones owned by the AVS, a veto slasher with a resolver, an equivocation slasher.
  const instant = async (id: number) =>
    InstantSlasher__factory.connect(
      await deployFromArtifact(connection, "InstantSlasher", avs, [slashingCoordinator, setOf(id), avs.address]),
      avs,
    );
  const smallSlasher = await instant(SET.instantSmall);
  const largeSlasher = await instant(SET.instantLarge);
  const warmUpSlasher = await instant(SET.warmUp);
  const vetoSlasher = VetoSlasher__factory.connect(
    await deployFromArtifact(connection, "VetoSlasher", avs, [
      slashingCoordinator,
      setOf(SET.veto),
      avs.address,
      resolver.address,
      VETO_WINDOW,
      EXECUTION_WINDOW,
    ]),
    avs,
  );
  const equivocationSlasher = EquivocationSlasher__factory.connect(
    await deployFromArtifact(connection, "EquivocationSlasher", avs, [
      slashingCoordinator,
      setOf(SET.equivocation),
      [strategy],
      WAD / 10n,
      WAD / 10n,
      other.address,
    ]),
    avs,
  );

  results.push({
    name: "avs.createOperatorSet",
    gasUsed: (
      await receiptOf(
        avsRegistry
          .connect(avs)
          .createOperatorSet(SET.instantSmall, [strategy], smallSlasher, ZeroAddress, ZeroAddress),
      )
    ).gasUsed,
    scenario: "an AVS creates its first set: one strategy, a slasher, no registrar, slashed funds burned",
  });
  for (const [id, slasher, recipient] of [
    [SET.instantLarge, largeSlasher, ZeroAddress],
    [SET.warmUp, warmUpSlasher, ZeroAddress],
    [SET.veto, vetoSlasher, ZeroAddress],
    [SET.equivocation, equivocationSlasher, await equivocationSlasher.getAddress()],
  ] as const) {
    await receiptOf(avsRegistry.connect(avs).createOperatorSet(id, [strategy], slasher, ZeroAddress, recipient));
  }

  for (const operator of [operatorSmall, operatorLarge, warmUp]) {
    await receiptOf(operatorRegistry.connect(operator).registerAsOperator(ZeroAddress, ALLOCATION_DELAY, OPERATOR_URI));
  }
  results.push({
    name: "operator.registerForSet",
    gasUsed: (
      await receiptOf(avsRegistry.connect(operatorSmall).registerForOperatorSets(avs.address, [SET.instantSmall], "0x"))
    ).gasUsed,
    scenario: "a registered operator joins one set that has no registrar hook",
  });
  await receiptOf(
    avsRegistry.connect(operatorSmall).registerForOperatorSets(avs.address, [SET.veto, SET.equivocation], "0x"),
  );
  await receiptOf(avsRegistry.connect(operatorLarge).registerForOperatorSets(avs.address, [SET.instantLarge], "0x"));
  await receiptOf(avsRegistry.connect(warmUp).registerForOperatorSets(avs.address, [SET.warmUp], "0x"));

  results.push({
    name: "operator.allocate",
    gasUsed: (
      await receiptOf(
        allocationManager
          .connect(operatorSmall)
          .modifyAllocations([
            { operatorSet: setOf(SET.instantSmall), strategies: [strategy], magnitudes: [WAD / 4n] },
          ]),
      )
    ).gasUsed,
    scenario: "an operator's first allocation: a quarter of its magnitude of one strategy to one set",
  });
  await receiptOf(
    allocationManager.connect(operatorSmall).modifyAllocations([
      { operatorSet: setOf(SET.veto), strategies: [strategy], magnitudes: [WAD / 4n] },
      { operatorSet: setOf(SET.equivocation), strategies: [strategy], magnitudes: [WAD / 4n] },
    ]),
  );
  await receiptOf(
    allocationManager
      .connect(operatorLarge)
      .modifyAllocations([{ operatorSet: setOf(SET.instantLarge), strategies: [strategy], magnitudes: [WAD / 2n] }]),
  );
  await receiptOf(
    allocationManager
      .connect(warmUp)
      .modifyAllocations([{ operatorSet: setOf(SET.warmUp), strategies: [strategy], magnitudes: [WAD] }]),
  );

  // The small operator's one staker and its own stake (a reporter's bounty is capped by what the operator itself
  // loses), and the warm-up operator's own stake.
  for (const [staker, operator] of [
    [alice, operatorSmall],
    [operatorSmall, undefined],
    [warmUp, undefined],
  ] as const) {
    await receiptOf(token.mint(staker.address, 100n * ONE));
    await receiptOf(token.connect(staker).approve(strategy, 100n * ONE));
    await receiptOf(strategyManager.connect(staker).deposit(strategy, 10n * ONE));
    if (operator !== undefined) {
      await receiptOf(operatorRegistry.connect(staker).delegate(operator.address, NO_APPROVAL, ZeroHash));
    }
  }

  // The large operator's thousand stakers, a hundred of which queue a withdrawal.
  const factory = BenchStakerFactory__factory.connect(
    await deployFromArtifact(connection, "BenchStakerFactory", deployer, []),
    deployer,
  );
  for (let created = 0; created < STAKERS; created += STAKERS_PER_TRANSACTION) {
    await receiptOf(
      factory.create(
        strategyManager,
        operatorRegistry,
        strategy,
        operatorLarge.address,
        10n * ONE,
        STAKERS_PER_TRANSACTION,
      ),
    );
  }
  const largeId = await operatorRegistry.operatorId(operatorLarge.address);
  const [largeStake] = await strategyManager.operatorStake(largeId, strategy);
  if (largeStake === 0n) throw new Error("the large operator has no stake");

  // The equivocating operator's signing key, registered with the slasher.
  const key = Wallet.createRandom();
  const keyDigest = await equivocationSlasher.keyRegistrationDigest(operatorSmall.address, key.address);
  await receiptOf(
    equivocationSlasher
      .connect(operatorSmall)
      .registerSigningKey(key.address, key.signingKey.sign(keyDigest).serialized),
  );

  // The notice passes: the registrations and allocations are in force. Then a hundred of the large operator's
  // stakers queue a withdrawal, pending at the slash.
  await networkHelpers.time.increase(notice);
  await receiptOf(factory.queue(strategy, 0, QUEUED_WITHDRAWALS, ONE));

  // A slash and a release happened before on this network, in a set of their own.
  await receiptOf(warmUpSlasher.slash(warmUp.address, [strategy], [WAD / 10n], "warm-up"));
  await receiptOf(slashingCoordinator.releaseSlashedFunds(setOf(SET.warmUp), strategy, ZeroAddress));

  results.push({
    name: "slash.instant.1",
    gasUsed: (await receiptOf(smallSlasher.slash(operatorSmall.address, [strategy], [WAD / 10n], "bench"))).gasUsed,
    scenario:
      "the AVS's InstantSlasher slashes 10% of an allocation of one strategy; the operator has 1 delegated staker",
  });
  results.push({
    name: "slash.instant.1000",
    gasUsed: (await receiptOf(largeSlasher.slash(operatorLarge.address, [strategy], [WAD / 10n], "bench"))).gasUsed,
    scenario: `the same slash of an operator with ${STAKERS.toLocaleString("en-US")} delegated stakers and ${QUEUED_WITHDRAWALS} pending withdrawals`,
  });
  results.push({
    name: "slash.release",
    gasUsed: (
      await receiptOf(
        slashingCoordinator.connect(other).releaseSlashedFunds(setOf(SET.instantSmall), strategy, ZeroAddress),
      )
    ).gasUsed,
    scenario: "anyone releases a burning set's bucket of one strategy to the burn address, which holds the token",
  });

  results.push({
    name: "slash.veto.request",
    gasUsed: (await receiptOf(vetoSlasher.requestSlash(operatorSmall.address, [strategy], [WAD / 10n], "bench")))
      .gasUsed,
    scenario: "the AVS requests a slash of 10% of one strategy through its VetoSlasher (its first request)",
  });
  await networkHelpers.time.increase(VETO_WINDOW + 1);
  results.push({
    name: "slash.veto.execute",
    gasUsed: (await receiptOf(vetoSlasher.connect(other).executeSlash(1n, [strategy], [WAD / 10n], "bench"))).gasUsed,
    scenario: "anyone executes the request once the veto window passed: the slash, the operator's second",
  });

  const round = 7n;
  const hashA = ethers.keccak256(ethers.toUtf8Bytes("price 3000"));
  const hashB = ethers.keccak256(ethers.toUtf8Bytes("price 3100"));
  const signatureA = key.signingKey.sign(await equivocationSlasher.attestationDigest(round, hashA)).serialized;
  const signatureB = key.signingKey.sign(await equivocationSlasher.attestationDigest(round, hashB)).serialized;
  results.push({
    name: "slash.equivocation",
    gasUsed: (
      await receiptOf(
        equivocationSlasher.connect(other).reportEquivocation(round, hashA, signatureA, hashB, signatureB),
      )
    ).gasUsed,
    scenario:
      "anyone proves two attestations by one key for one height: the slash of one strategy (the operator has stake " +
      "of its own, which caps the bounty) and the bounty owed",
  });

  await networkHelpers.time.increase(Number(await slashingCoordinator.escrowDelay()));
  results.push({
    name: "slash.release.redistributing",
    gasUsed: (
      await receiptOf(
        slashingCoordinator
          .connect(other)
          .releaseSlashedFunds(setOf(SET.equivocation), strategy, await equivocationSlasher.getAddress()),
      )
    ).gasUsed,
    scenario:
      "anyone releases a redistributing set's escrowed bucket of one strategy to its recipient once the escrow is over",
  });
  return results;
};
