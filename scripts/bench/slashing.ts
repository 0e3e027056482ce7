import { ZeroAddress, ZeroHash, type ContractTransactionResponse, type Signer } from "ethers";

import { deployCore, type CoreDeployment } from "../../deploy/core.js";
import { BenchStakerFactory__factory, MockERC20__factory } from "../../types/ethers-contracts/index.js";
import { deployFromArtifact } from "./artifacts.js";
import type { FlowGroup, FlowMeasurement } from "./types.js";

const ONE = 10n ** 18n;
const WAD = 10n ** 18n;
const AVS_URI = "https://avs.example/palisade/metadata.json";
const OPERATOR_URI = "https://operator.example/palisade/metadata.json";
const NO_APPROVAL = { signature: "0x", expiry: 0n };
const ALLOCATION_DELAY = 60;
/** The large operator of `slash.instant.1000`. */
const STAKERS = 1_000;
const QUEUED_WITHDRAWALS = 100;
const STAKERS_PER_TRANSACTION = 100;

async function receiptOf(tx: Promise<ContractTransactionResponse>) {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return receipt;
}

/** A slasher the flows call through: how a set's slasher reaches the coordinator. */
export interface BenchSlasher {
  address: string;
  slash(operator: string, strategies: string[], wads: bigint[]): Promise<ContractTransactionResponse>;
}

/**
 * AVS, allocation and slashing flows. Every slash is the first in its operator set and strategy, measured on an
 * operator whose allocation is in force; `slash.instant.1` and `slash.instant.1000` differ only in the operator's
 * stakers (1, against 1,000 of which 100 have a withdrawal queued and pending), which is the point: a slash costs
 * the same whatever the number of stakers and withdrawals.
 */
export const slashingFlows: FlowGroup = async (connection) => {
  const { ethers, networkHelpers } = connection;
  const [deployer, avs, operatorSmall, operatorLarge, alice, other, warmUp] = await ethers.getSigners();
  if (
    warmUp === undefined ||
    deployer === undefined ||
    avs === undefined ||
    operatorSmall === undefined ||
    operatorLarge === undefined ||
    alice === undefined ||
    other === undefined
  ) {
    throw new Error("the bench needs seven funded accounts");
  }
  const core = await deployCore(connection);
  const { strategyManager, strategyFactory, operatorRegistry, avsRegistry, allocationManager } = core;
  const token = MockERC20__factory.connect(
    await deployFromArtifact(connection, "MockERC20", deployer, ["Bench Token", "BENCH", 18]),
    deployer,
  );
  const tokenAddress = await token.getAddress();
  await receiptOf(strategyFactory.deployStrategy(tokenAddress));
  const strategy = await strategyFactory.strategyOf(tokenAddress);
  await receiptOf(strategyManager.addStrategiesToWhitelist([strategy]));

  const results: FlowMeasurement[] = [];
  // Another AVS registered first, so the registry's shared storage exists as on a live network.
  await receiptOf(avsRegistry.connect(other).registerAVS(AVS_URI));
  results.push({
    name: "avs.register",
    gasUsed: (await receiptOf(avsRegistry.connect(avs).registerAVS(AVS_URI))).gasUsed,
    scenario: "a new AVS registers with a 42-byte metadata URI",
  });

  const slasher = await deployInstantSlasher(core, avs, 1);
  const largeSlasher = await deployInstantSlasher(core, avs, 2);
  const warmUpSlasher = await deployInstantSlasher(core, avs, 3);
  results.push({
    name: "avs.createOperatorSet",
    gasUsed: (
      await receiptOf(
        avsRegistry.connect(avs).createOperatorSet(1, [strategy], slasher.address, ZeroAddress, ZeroAddress),
      )
    ).gasUsed,
    scenario: "an AVS creates its first set: one strategy, a slasher, no registrar, slashed funds burned",
  });
  await receiptOf(
    avsRegistry.connect(avs).createOperatorSet(2, [strategy], largeSlasher.address, ZeroAddress, ZeroAddress),
  );
  await receiptOf(
    avsRegistry.connect(avs).createOperatorSet(3, [strategy], warmUpSlasher.address, ZeroAddress, ZeroAddress),
  );

  for (const operator of [operatorSmall, operatorLarge]) {
    await receiptOf(operatorRegistry.connect(operator).registerAsOperator(ZeroAddress, ALLOCATION_DELAY, OPERATOR_URI));
  }
  results.push({
    name: "operator.registerForSet",
    gasUsed: (await receiptOf(avsRegistry.connect(operatorSmall).registerForOperatorSets(avs.address, [1], "0x")))
      .gasUsed,
    scenario: "a registered operator joins one set that has no registrar hook",
  });
  await receiptOf(avsRegistry.connect(operatorLarge).registerForOperatorSets(avs.address, [2], "0x"));

  results.push({
    name: "operator.allocate",
    gasUsed: (
      await receiptOf(
        allocationManager
          .connect(operatorSmall)
          .modifyAllocations([
            { operatorSet: { avs: avs.address, id: 1 }, strategies: [strategy], magnitudes: [WAD / 2n] },
          ]),
      )
    ).gasUsed,
    scenario: "an operator's first allocation: half its magnitude of one strategy to one set",
  });
  await receiptOf(
    allocationManager
      .connect(operatorLarge)
      .modifyAllocations([
        { operatorSet: { avs: avs.address, id: 2 }, strategies: [strategy], magnitudes: [WAD / 2n] },
      ]),
  );

  // The small operator's one staker.
  await receiptOf(token.mint(alice.address, 100n * ONE));
  await receiptOf(token.connect(alice).approve(strategy, 100n * ONE));
  await receiptOf(strategyManager.connect(alice).deposit(strategy, 10n * ONE));
  await receiptOf(operatorRegistry.connect(alice).delegate(operatorSmall.address, NO_APPROVAL, ZeroHash));

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
  await receiptOf(factory.queue(strategy, 0, QUEUED_WITHDRAWALS, ONE));
  const [largeStake] = await strategyManager.operatorStake(
    await operatorRegistry.operatorId(operatorLarge.address),
    strategy,
  );
  if (largeStake === 0n) throw new Error("the large operator has no stake");

  // A slash and a release happened before on this network, in a set of their own (the coordinator's slash counter
  // and the burn address's token balance exist, as on a live network).
  await receiptOf(operatorRegistry.connect(warmUp).registerAsOperator(ZeroAddress, ALLOCATION_DELAY, OPERATOR_URI));
  await receiptOf(avsRegistry.connect(warmUp).registerForOperatorSets(avs.address, [3], "0x"));
  await receiptOf(
    allocationManager
      .connect(warmUp)
      .modifyAllocations([{ operatorSet: { avs: avs.address, id: 3 }, strategies: [strategy], magnitudes: [WAD] }]),
  );
  await receiptOf(token.mint(warmUp.address, 10n * ONE));
  await receiptOf(token.connect(warmUp).approve(strategy, 10n * ONE));
  await receiptOf(strategyManager.connect(warmUp).deposit(strategy, 10n * ONE));

  await networkHelpers.time.increase(ALLOCATION_DELAY);
  await receiptOf(warmUpSlasher.slash(warmUp.address, [strategy], [WAD / 10n]));
  await receiptOf(core.slashingCoordinator.releaseSlashedFunds({ avs: avs.address, id: 3 }, strategy));
  results.push({
    name: "slash.instant.1",
    gasUsed: (await receiptOf(slasher.slash(operatorSmall.address, [strategy], [WAD / 10n]))).gasUsed,
    scenario:
      "the AVS's InstantSlasher slashes 10% of an allocation of one strategy; the operator has 1 delegated staker",
  });
  results.push({
    name: "slash.instant.1000",
    gasUsed: (await receiptOf(largeSlasher.slash(operatorLarge.address, [strategy], [WAD / 10n]))).gasUsed,
    scenario: `the same slash of an operator with ${STAKERS.toLocaleString("en-US")} delegated stakers and ${QUEUED_WITHDRAWALS} pending withdrawals`,
  });
  results.push({
    name: "slash.release",
    gasUsed: (
      await receiptOf(
        core.slashingCoordinator.connect(other).releaseSlashedFunds({ avs: avs.address, id: 1 }, strategy),
      )
    ).gasUsed,
    scenario: "anyone releases a burning set's bucket of one strategy to the burn address, which holds the token",
  });
  return results;
};

/** Set `setId`'s slasher. Until the reference slashers land this is the AVS's own account calling the coordinator. */
async function deployInstantSlasher(core: CoreDeployment, avs: Signer, setId: number): Promise<BenchSlasher> {
  const address = await avs.getAddress();
  return {
    address,
    slash: (operator, strategies, wads) =>
      core.slashingCoordinator.connect(avs).slash(operator, { avs: address, id: setId }, strategies, wads, "bench"),
  };
}
