/**
 * `npm run bench:sdk`: how many JSON-RPC requests, and how long, reading the full state of 200 operators × 3 sets ×
 * 3 strategies takes through the SDK (the lens), beside the naive way (one getter per value), against a real
 * `hardhat node`. `-- --json` writes reports/sdk.json: `{ requests, naiveRequests, ms, naiveMs }`.
 */
import { mkdir, writeFile } from "node:fs/promises";

import { JsonRpcProvider, MaxUint256, Wallet, parseEther, type JsonRpcPayload, type JsonRpcResult } from "ethers";

import { createPalisade, type PalisadeContext } from "../sdk/src/index.js";
import {
  MockERC20__factory,
  PalisadeLens__factory,
  StrategyFactory__factory,
  StrategyManager__factory,
  type MockERC20,
} from "../types/ethers-contracts/index.js";
import { startTestNode } from "./lib/testNode.js";

const OPERATORS = Number(process.env.BENCH_OPERATORS ?? 200);
const SETS = 3;
const STRATEGIES = 3;
/** Transactions in flight at once while seeding (each from its own account). */
const PARALLEL = 25;

/** A provider that counts every JSON-RPC request it sends (a batch of n counts n). */
class CountingProvider extends JsonRpcProvider {
  requests = 0;
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    this.requests += Array.isArray(payload) ? payload.length : 1;
    return super._send(payload);
  }
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL) {
    await Promise.all(items.slice(start, start + PARALLEL).map(run));
  }
}

const node = await startTestNode();
try {
  const [owner, avs] = node.wallets;
  if (owner === undefined || avs === undefined) throw new Error("the node has no accounts");
  const { addresses } = node.deployment;
  console.log(`seeding ${OPERATORS} operators × ${SETS} sets × ${STRATEGIES} strategies on ${node.url} …`);

  // Three tokens with whitelisted strategies.
  const factory = StrategyFactory__factory.connect(addresses.strategyFactory, owner);
  const tokens: MockERC20[] = [];
  const strategies: string[] = [];
  for (let i = 0; i < STRATEGIES; i++) {
    const token = await new MockERC20__factory(owner).deploy(`Token ${i}`, `T${i}`, 18);
    await token.waitForDeployment();
    await (await factory.deployStrategy(token)).wait();
    tokens.push(token);
    strategies.push(await factory.strategyOf(token));
  }
  await (
    await StrategyManager__factory.connect(addresses.strategyManager, owner).addStrategiesToWhitelist(strategies)
  ).wait();

  // One AVS with three sets over the three strategies (its own account slashes: nothing is slashed here).
  const avsClient = await createPalisade({ runner: avs, deployment: node.deployment });
  await avsClient.avs.registerAVS({ metadataURI: "bench" });
  const sets = Array.from({ length: SETS }, (_, i) => ({ avs: avs.address, setId: i + 1 }));
  for (const set of sets) {
    await avsClient.avs.createOperatorSet({ setId: set.setId, strategies, slasher: avs.address });
  }

  // Operators: funded, registered, each depositing into every strategy, registered for and allocated to every set.
  const operators = Array.from({ length: OPERATORS }, () => Wallet.createRandom(node.provider));
  await inBatches(operators, (operator) =>
    node.provider.send("hardhat_setBalance", [operator.address, "0x56BC75E2D63100000"]),
  );
  await inBatches(operators, async (operator) => {
    const client = await createPalisade({ runner: operator, deployment: node.deployment, skipCodeCheck: true });
    await client.operator.registerAsOperator({ metadataURI: "bench", allocationDelay: 60 });
    for (const [i, token] of tokens.entries()) {
      await (await token.connect(operator).mint(operator.address, parseEther("100"))).wait();
      await (await token.connect(operator).approve(strategies[i] ?? "", MaxUint256)).wait();
      await client.staker.deposit({ strategy: strategies[i] ?? "", amount: parseEther("100") });
    }
    await client.operator.registerForSets({ avs: avs.address, setIds: sets.map((set) => set.setId) });
    await client.operator.allocate({
      changes: sets.map((set) => ({ ...set, strategies, magnitudes: strategies.map(() => parseEther("0.3")) })),
    });
  });
  // Allocations and registrations are slashable after the notice: the withdrawal delay in force and a second.
  const { delay } = await avsClient.read.withdrawalDelay();
  await node.increaseTime(delay + 1n);

  // What the lens spends per operator (not counted: the node, not the SDK, pays this).
  const lens = PalisadeLens__factory.connect(addresses.lens, node.provider);
  const lensCall = await lens.operatorViews.populateTransaction(
    operators.slice(0, 10).map((operator) => operator.address),
    sets.map((set) => ({ avs: set.avs, id: set.setId })),
    strategies,
  );
  const gasPerOperator = (await node.provider.estimateGas(lensCall)) / 10n;
  console.log(`the lens spends about ${gasPerOperator} gas per operator on this node`);

  // The SDK's way: the lens, a few eth_calls sent together. The provider is told its chain (as a client that knows
  // where it connects is), so ethers does not ask the node for it again.
  const counting = new CountingProvider(node.url, Number(node.chainId), { staticNetwork: true });
  const reader = await createPalisade({ runner: counting, deployment: node.deployment, skipCodeCheck: true });
  const operatorAddresses = operators.map((operator) => operator.address);
  counting.requests = 0;
  let started = performance.now();
  const states = await reader.read.operatorStates({ operators: operatorAddresses, sets, strategies });
  const ms = Math.round(performance.now() - started);
  const requests = counting.requests;
  const allocated = states.every((state) =>
    state.sets.every((set) => set.allocations.every((a) => a.slashableShares > 0n)),
  );
  if (states.length !== OPERATORS || !allocated) throw new Error("the lens read did not return every operator's stake");

  // The naive way: one getter per value.
  counting.requests = 0;
  started = performance.now();
  const naiveValues = await readNaively(reader.context, operatorAddresses, sets, strategies);
  const naiveMs = Math.round(performance.now() - started);
  const naiveRequests = counting.requests;

  console.log(`\nfull state of ${OPERATORS} operators × ${SETS} sets × ${STRATEGIES} strategies`);
  console.log(`  SDK (lens):  ${requests} JSON-RPC requests, ${ms} ms`);
  console.log(`  naive:       ${naiveRequests} JSON-RPC requests (${naiveValues} values), ${naiveMs} ms`);
  if (process.argv.includes("--json")) {
    await mkdir("reports", { recursive: true });
    await writeFile("reports/sdk.json", `${JSON.stringify({ requests, naiveRequests, ms, naiveMs }, null, 2)}\n`);
    console.log("wrote reports/sdk.json");
  }
  if (requests > 3) {
    console.error(`target missed: ${requests} requests > 3`);
    process.exitCode = 1;
  }
  counting.destroy();
} finally {
  await node.stop();
}

/** Every value the lens returns, read with one getter call each (bounded concurrency, as a careful client would). */
async function readNaively(
  ctx: PalisadeContext,
  operators: string[],
  sets: { avs: string; setId: number }[],
  strategies: string[],
): Promise<number> {
  const { operatorRegistry, strategyManager, allocationManager, avsRegistry } = ctx.contracts;
  let values = 0;
  await inBatches(operators, async (operator) => {
    const id = await operatorRegistry.operatorId(operator);
    const reads: Promise<unknown>[] = [
      operatorRegistry.isOperator(operator),
      operatorRegistry.delegationApprover(operator),
      operatorRegistry.allocationDelayOf(id),
      operatorRegistry.pendingAllocationDelay(id),
    ];
    for (const strategy of strategies) {
      reads.push(
        strategyManager.operatorStake(id, strategy),
        strategyManager.slashingFactor(id, strategy),
        allocationManager.maxMagnitude(operator, strategy),
        allocationManager.encumberedMagnitude(operator, strategy),
        allocationManager.allocatableMagnitude(operator, strategy),
      );
    }
    const now = (await ctx.provider.getBlock("latest"))?.timestamp ?? 0;
    for (const set of sets) {
      const operatorSet = { avs: set.avs, id: set.setId };
      reads.push(
        avsRegistry.isRegistered(operator, operatorSet),
        avsRegistry.isSlashable(operator, operatorSet),
        avsRegistry.slashableUntil(operator, operatorSet),
      );
      for (const strategy of strategies) {
        reads.push(
          avsRegistry.isStrategyInSet(operatorSet, strategy),
          allocationManager.allocation(operator, operatorSet, strategy),
          allocationManager.slashableStake(operator, operatorSet, [strategy], now),
        );
      }
    }
    const read = (await Promise.all(reads)).length + 1;
    values += read;
  });
  return values;
}
