/**
 * `npm run demo`: Palisade end to end, on Hardhat's in-process network.
 *
 * Deploys the suite through its Ignition modules (the core, two test tokens and their strategies, from a plan like
 * the networks' parameter files), lets five stakers deposit (one through a signed authorisation submitted by a
 * relayer who pays), registers three operators, delegates the stakers, queues a withdrawal, moves time past the withdrawal delay and completes it. Then two AVSs
 * arrive (the example price oracle with its equivocation slasher, and a bridge with an instant slasher), operators
 * allocate stake to their sets, one operator signs two prices for one round and is slashed by whoever reports it,
 * and the slashed funds are released. It prints balances, shares, delegated and slashable stake along the way.
 */
import { network } from "hardhat";
import { ZeroHash } from "ethers";

import { connectCore } from "../deploy/core.js";
import { parseDeploymentPlan } from "../deploy/plan.js";
import { deploySuite } from "../deploy/suite.js";
import {
  createPalisade,
  decodeLogs,
  eventsNamed,
  queuedWithdrawalInReceipt,
  signAttestation,
  signDeposit,
  signKeyRegistration,
} from "../sdk/src/index.js";
import {
  ERC20Strategy__factory,
  EquivocationSlasher__factory,
  InstantSlasher__factory,
  MockERC20__factory,
  PriceOracleAVS__factory,
  type MockERC20,
} from "../types/ethers-contracts/index.js";
import { formatTable, formatUnits } from "./lib/table.js";

const connection = await network.create();
const { ethers } = connection;
const [
  deployer,
  alice,
  bob,
  carol,
  relayer,
  nodeA,
  nodeB,
  nodeC,
  oracleTeam,
  bridgeTeam,
  watcher,
  treasury,
  dave,
  erin,
] = await ethers.getSigners();
if (
  dave === undefined ||
  erin === undefined ||
  oracleTeam === undefined ||
  bridgeTeam === undefined ||
  watcher === undefined ||
  treasury === undefined ||
  deployer === undefined ||
  alice === undefined ||
  bob === undefined ||
  carol === undefined ||
  relayer === undefined ||
  nodeA === undefined ||
  nodeB === undefined ||
  nodeC === undefined
) {
  throw new Error("the demo needs fourteen funded accounts");
}
const stakers = { alice, bob, carol, dave, erin };

// The same path as `npm run deploy`: a plan in the parameter files' shape, the `Palisade` Ignition module built from
// it (the PalisadeCore module, then a test token and a strategy per entry, whitelisted), Ignition deploying it.
const plan = parseDeploymentPlan(
  {
    PalisadeStrategies: {
      tokens: [
        { symbol: "wstETH", testToken: { name: "Wrapped Staked Ether", decimals: 18 } },
        { symbol: "USDC", testToken: { name: "USD Coin", decimals: 6 } },
      ],
    },
  },
  "the demo's plan",
);
console.log("Deploying Palisade (Ignition modules Palisade and PalisadeCore): the core and two tokens' strategies...");
const { record } = await deploySuite(connection, plan);
const { strategyManager, withdrawalQueue, operatorRegistry, avsRegistry, allocationManager, slashingCoordinator } =
  connectCore(record.addresses, deployer);
for (const [name, address] of Object.entries(record.addresses)) console.log(`  ${name.padEnd(20)} ${address}`);
// The SDK over the same record: signatures are signed as the SDK signs them, under the domain the chain publishes.
const palisade = await createPalisade({ runner: ethers.provider, deployment: record });

interface Asset {
  symbol: string;
  decimals: number;
  token: MockERC20;
  strategy: string;
}

function asset(symbol: string, decimals: number): Asset {
  const deployed = record.strategies?.find((s) => s.symbol === symbol);
  if (deployed === undefined) throw new Error(`the plan deploys no ${symbol} strategy`);
  console.log(`  ${symbol.padEnd(20)} token ${deployed.token}  strategy ${deployed.strategy}`);
  return { symbol, decimals, token: MockERC20__factory.connect(deployed.token, deployer), strategy: deployed.strategy };
}
const steth = asset("wstETH", 18);
const usdc = asset("USDC", 6);
const units = (asset: Asset, amount: number): bigint => BigInt(amount) * 10n ** BigInt(asset.decimals);

// Everyone gets tokens; each depositor approves the strategy, which pulls the tokens.
for (const account of [alice, bob, carol, dave, erin, relayer, nodeA]) {
  for (const asset of [steth, usdc]) {
    await (await asset.token.mint(account.address, units(asset, 100_000))).wait();
    await (await asset.token.connect(account).approve(asset.strategy, units(asset, 100_000))).wait();
  }
}

console.log("\nDepositing...");
await (await strategyManager.connect(alice).deposit(steth.strategy, units(steth, 32))).wait();
console.log("  alice deposits 32 wstETH");
await (await strategyManager.connect(alice).deposit(usdc.strategy, units(usdc, 50_000))).wait();
console.log("  alice deposits 50,000 USDC");
await (await strategyManager.connect(bob).deposit(steth.strategy, units(steth, 10))).wait();
console.log("  bob deposits 10 wstETH");
await (await strategyManager.connect(dave).deposit(steth.strategy, units(steth, 20))).wait();
console.log("  dave deposits 20 wstETH");
await (await strategyManager.connect(erin).deposit(usdc.strategy, units(usdc, 10_000))).wait();
console.log("  erin deposits 10,000 USDC");

const latest = await ethers.provider.getBlock("latest");
if (latest === null) throw new Error("no latest block");
const expiry = BigInt(latest.timestamp) + 3_600n;
const { signature } = await signDeposit(palisade.context, carol, {
  strategy: usdc.strategy,
  amount: units(usdc, 25_000),
  expiry,
});
await (
  await strategyManager
    .connect(relayer)
    .depositWithSignature(usdc.strategy, units(usdc, 25_000), carol.address, expiry, signature)
).wait();
console.log("  carol signs a deposit of 25,000 USDC; the relayer submits it and pays");

const rows: string[][] = [];
for (const [name, staker] of Object.entries(stakers)) {
  for (const asset of [steth, usdc]) {
    const strategy = ERC20Strategy__factory.connect(asset.strategy, deployer);
    const shares = await strategyManager.withdrawableShares(staker.address, asset.strategy);
    rows.push([
      name,
      asset.symbol,
      formatUnits(await asset.token.balanceOf(staker.address), asset.decimals),
      formatUnits(shares, asset.decimals),
      formatUnits(await strategy.sharesToUnderlying(shares), asset.decimals),
    ]);
  }
}
console.log(formatTable("Stakers", ["staker", "token", "wallet balance", "shares", "shares' value (tokens)"], rows));
console.log(
  "A fresh strategy mints 1,000 shares per token unit; a share's value follows the tokens the strategy holds.",
);

const strategyRows: string[][] = [];
for (const asset of [steth, usdc]) {
  const strategy = ERC20Strategy__factory.connect(asset.strategy, deployer);
  strategyRows.push([
    asset.symbol,
    formatUnits(await strategy.totalAssets(), asset.decimals),
    formatUnits(await strategy.totalShares(), asset.decimals),
    (await strategyManager.isStrategyWhitelisted(asset.strategy)) ? "yes" : "no",
  ]);
}
console.log(formatTable("Strategies", ["strategy", "tokens held", "total shares", "whitelisted"], strategyRows));
console.log(
  `\nRelayer's USDC balance after paying for carol: ${formatUnits(await usdc.token.balanceOf(relayer.address), 6)}`,
);

// ---------------------------------------------------------------- operators and delegation

const operators = { "node-a": nodeA, "node-b": nodeB, "node-c": nodeC };
console.log("\nRegistering three operators...");
for (const [name, operator] of Object.entries(operators)) {
  await (
    await operatorRegistry
      .connect(operator)
      .registerAsOperator(ethers.ZeroAddress, 60, `https://${name}.example/palisade.json`)
  ).wait();
  console.log(`  ${name} registers (id ${await operatorRegistry.operatorId(operator.address)})`);
}
// An operator's own stake is what a watcher's bounty is paid against: reporting an operator never pays more than the
// operator itself loses, so that reporting one's own operator never pays.
await (await strategyManager.connect(nodeA).deposit(steth.strategy, units(steth, 8))).wait();
console.log("  node-a stakes 8 wstETH of its own (an operator is delegated to itself)");

const noApproval = { signature: "0x", expiry: 0n };
console.log("\nDelegating...");
for (const [name, staker, operatorName, operator] of [
  ["alice", alice, "node-a", nodeA],
  ["bob", bob, "node-b", nodeB],
  ["carol", carol, "node-a", nodeA],
  ["dave", dave, "node-b", nodeB],
  ["erin", erin, "node-c", nodeC],
] as const) {
  await (await operatorRegistry.connect(staker).delegate(operator.address, noApproval, ZeroHash)).wait();
  console.log(`  ${name} delegates to ${operatorName}`);
}

async function printOperatorStakes(title: string): Promise<void> {
  const rows: string[][] = [];
  for (const [name, operator] of Object.entries(operators)) {
    const id = await operatorRegistry.operatorId(operator.address);
    for (const asset of [steth, usdc]) {
      const strategy = ERC20Strategy__factory.connect(asset.strategy, deployer);
      const [, shares] = await strategyManager.operatorStake(id, asset.strategy);
      rows.push([
        name,
        asset.symbol,
        formatUnits(shares, asset.decimals),
        formatUnits(await strategy.sharesToUnderlying(shares), asset.decimals),
      ]);
    }
  }
  console.log(formatTable(title, ["operator", "token", "delegated shares", "worth (tokens)"], rows));
}
await printOperatorStakes("Operators' delegated stake");

// ---------------------------------------------------------------- a withdrawal through the queue

const delay = await withdrawalQueue.withdrawalDelay();
const bobShares = await strategyManager.withdrawableShares(bob.address, steth.strategy);
const queued = await (
  await withdrawalQueue.connect(bob).queueWithdrawals([{ strategies: [steth.strategy], shares: [bobShares / 2n] }])
).wait();
const withdrawal = queuedWithdrawalInReceipt(queued);
console.log(
  `\nbob queues half of his wstETH (${formatUnits(bobShares / 2n, 18)} shares); it matures in ${Number(delay) / 86_400} days, at ${new Date(Number(withdrawal.maturity) * 1000).toISOString()}`,
);
await printOperatorStakes("Operators' delegated stake, bob's withdrawal queued (it left node-b's stake at once)");

await connection.networkHelpers.time.increaseTo(withdrawal.maturity);
console.log(`\nTime moves past the withdrawal delay.`);
const bobBefore = await steth.token.balanceOf(bob.address);
await (await withdrawalQueue.connect(bob).completeWithdrawal(withdrawal, true, bob.address)).wait();
console.log(
  `bob completes the withdrawal as tokens and receives ${formatUnits((await steth.token.balanceOf(bob.address)) - bobBefore, 18)} wstETH`,
);
console.log(`bob's pending withdrawals now: ${(await withdrawalQueue.pendingWithdrawals(bob.address)).length}`);

// ---------------------------------------------------------------- two AVSs, allocations and a slash

const WAD = 10n ** 18n;
const percent = (value: bigint): string => `${formatUnits(value * 100n, 18)}%`;
console.log("\nTwo AVSs arrive...");
// The price oracle is the example AVS contract (contracts/examples): operators sign prices with a key registered
// with its EquivocationSlasher, the oracle publishes the stake-weighted median of each round's reports, and anyone
// who sees one key sign two prices for a round gets the operator slashed.
const oracle = await new PriceOracleAVS__factory(oracleTeam).deploy(
  avsRegistry,
  allocationManager,
  oracleTeam.address,
  {
    minimumStake: units(steth, 1) * 1_000n, // at least 1 wstETH's worth of shares at stake (weight 1 per share, below)
    maxOperators: 8n, // seats
    quorum: 2n, // a round needs two reports to have a price
    roundDuration: 60n, // one-minute rounds
    maxPrice: 10n ** 15n, // prices in US dollars with 8 decimals, up to $10,000,000
  },
);
await (await oracle.registerAVS("https://oracle.example/avs.json")).wait();
const oracleAddress = await oracle.getAddress();
const oracleSet = { avs: oracleAddress, id: 0 };
const equivocationSlasher = await new EquivocationSlasher__factory(oracleTeam).deploy(
  slashingCoordinator,
  oracleSet,
  [steth.strategy],
  WAD / 10n, // each offence takes 10% of the operator's allocation to the oracle
  WAD / 5n, // a fifth of it goes to whoever reports the offence
  treasury.address,
);
await (await oracle.createOracleSet(equivocationSlasher, [steth.strategy], [WAD])).wait(); // one share weighs 1
console.log(
  `  price-oracle  AVS ${oracleAddress}, set 0 over wstETH, EquivocationSlasher, slashed funds redistributed`,
);

// The bridge is an account of its own, slashing through an InstantSlasher it owns, and burns what it slashes.
await (await avsRegistry.connect(bridgeTeam).registerAVS("https://bridge.example/avs.json")).wait();
const bridgeSet = { avs: bridgeTeam.address, id: 1 };
const instantSlasher = await new InstantSlasher__factory(bridgeTeam).deploy(
  slashingCoordinator,
  bridgeSet,
  bridgeTeam.address,
);
await (
  await avsRegistry
    .connect(bridgeTeam)
    .createOperatorSet(1, [steth.strategy, usdc.strategy], instantSlasher, ethers.ZeroAddress, ethers.ZeroAddress)
).wait();
console.log(
  `  bridge        AVS ${bridgeTeam.address}, set 1 over wstETH and USDC, InstantSlasher, slashed funds burned`,
);

const sets = { "price-oracle": oracleSet, bridge: bridgeSet };
console.log(
  "\nOperators allocate stake to the sets (in force after the notice: the withdrawal delay and one second, so that a staker who leaves at once is gone first)...",
);
for (const [operatorName, operator, setName, strategies, magnitudes] of [
  ["node-a", nodeA, "price-oracle", [steth.strategy], [WAD / 2n]],
  ["node-a", nodeA, "bridge", [steth.strategy, usdc.strategy], [(WAD * 3n) / 10n, WAD / 2n]],
  ["node-b", nodeB, "price-oracle", [steth.strategy], [(WAD * 4n) / 10n]],
] as const) {
  await (
    await allocationManager
      .connect(operator)
      .modifyAllocations([{ operatorSet: sets[setName], strategies: [...strategies], magnitudes: [...magnitudes] }])
  ).wait();
  console.log(`  ${operatorName} allocates ${magnitudes.map(percent).join(" and ")} to ${setName}`);
}

console.log("\nOperators join the sets...");
for (const [operatorName, operator, setName] of [
  ["node-a", nodeA, "price-oracle"],
  ["node-b", nodeB, "price-oracle"],
  ["node-a", nodeA, "bridge"],
] as const) {
  const set = sets[setName];
  await (await avsRegistry.connect(operator).registerForOperatorSets(set.avs, [set.id], "0x")).wait();
  console.log(
    `  ${operatorName} joins ${setName}${setName === "price-oracle" ? " (the oracle's hook checked its stake)" : ""}`,
  );
}
const nodeAKey = ethers.Wallet.createRandom();
const nodeBKey = ethers.Wallet.createRandom();
for (const [operatorName, operator, key] of [
  ["node-a", nodeA, nodeAKey],
  ["node-b", nodeB, nodeBKey],
] as const) {
  const registration = await signKeyRegistration(
    palisade.context,
    key,
    await equivocationSlasher.getAddress(),
    operator.address,
  );
  await (await equivocationSlasher.connect(operator).registerSigningKey(key.address, registration.signature)).wait();
  console.log(`  ${operatorName} registers its oracle signing key ${key.address} with the equivocation slasher`);
}
// Registrations take effect after the notice (the withdrawal delay + 1 s), and the oracle counts an operator's reports
// from the first round that begins once its registration is slashable (rounds are tied to time): wait for that round.
let slashableFrom = 0n;
for (const [operator, set] of [
  [nodeA, oracleSet],
  [nodeB, oracleSet],
  [nodeA, bridgeSet],
] as const) {
  const registration = await avsRegistry.registration(operator.address, set);
  if (registration.slashableFrom > slashableFrom) slashableFrom = registration.slashableFrom;
}
const [oracleStart, roundDuration] = [await oracle.startTime(), await oracle.roundDuration()];
const firstRound = (slashableFrom - oracleStart + roundDuration - 1n) / roundDuration;
if ((await oracle.currentRound()) < firstRound) {
  await connection.networkHelpers.time.increaseTo(await oracle.roundStartsAt(firstRound));
}
console.log(`  the registrations are slashable; from oracle round ${String(firstRound)} on, node-a and node-b report`);

const allocatingOperators = { "node-a": nodeA, "node-b": nodeB };
async function printSlashableStake(title: string): Promise<Map<string, bigint>> {
  const rows: string[][] = [];
  const figures = new Map<string, bigint>();
  const now = (await ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  for (const [operatorName, operator] of Object.entries(allocatingOperators)) {
    for (const [setName, set] of Object.entries(sets)) {
      for (const asset of [steth, usdc]) {
        if (!(await avsRegistry.isStrategyInSet(set, asset.strategy))) continue;
        const [current] = await allocationManager.allocation(operator.address, set, asset.strategy);
        const [shares] = await allocationManager.slashableStake(operator.address, set, [asset.strategy], now);
        if (current === 0n) continue;
        const strategy = ERC20Strategy__factory.connect(asset.strategy, deployer);
        figures.set(`${operatorName}/${setName}/${asset.symbol}`, shares ?? 0n);
        rows.push([
          operatorName,
          setName,
          asset.symbol,
          percent(current),
          formatUnits(shares ?? 0n, asset.decimals),
          formatUnits(await strategy.sharesToUnderlying(shares ?? 0n), asset.decimals),
        ]);
      }
    }
  }
  console.log(
    formatTable(title, ["operator", "set", "token", "allocated", "slashable shares", "worth (tokens)"], rows),
  );
  return figures;
}

async function stakerStakes(): Promise<string[][]> {
  const rows: string[][] = [];
  for (const [name, staker] of Object.entries(stakers)) {
    for (const asset of [steth, usdc]) {
      const shares = await strategyManager.withdrawableShares(staker.address, asset.strategy);
      if (shares === 0n) continue;
      const strategy = ERC20Strategy__factory.connect(asset.strategy, deployer);
      rows.push([name, asset.symbol, formatUnits(await strategy.sharesToUnderlying(shares), asset.decimals)]);
    }
  }
  return rows;
}

const slashableBefore = await printSlashableStake("Slashable stake by set");

// Alice, delegated to node-a, starts withdrawing part of her wstETH before anything happens: it stays slashable
// until it matures.
const aliceShares = await strategyManager.withdrawableShares(alice.address, steth.strategy);
const aliceQueued = await (
  await withdrawalQueue.connect(alice).queueWithdrawals([{ strategies: [steth.strategy], shares: [aliceShares / 4n] }])
).wait();
const aliceWithdrawal = queuedWithdrawalInReceipt(aliceQueued);
const [, [alicePreviewBefore = 0n]] = await withdrawalQueue.previewCompletion(aliceWithdrawal);
console.log(
  `\nalice queues a quarter of her wstETH: ${formatUnits(alicePreviewBefore, 18)} wstETH, maturing in 7 days`,
);
const stakesBefore = await stakerStakes();

const dollars = (amount: bigint): bigint => amount * 10n ** 8n;
const round = await oracle.currentRound();
console.log(
  `\nRound ${String(round)} of the oracle: node-b reports 3,010; node-a's key signs 3,000, then a second price, 3,100...`,
);
const signPrice = async (key: typeof nodeAKey, price: bigint): Promise<string> =>
  (
    await signAttestation(palisade.context, key, await equivocationSlasher.getAddress(), {
      height: round,
      payloadHash: await oracle.priceHash(price),
    })
  ).signature;
await (
  await oracle.connect(relayer).submitPrice(round, dollars(3_010n), await signPrice(nodeBKey, dollars(3_010n)))
).wait();
const honestHash = await oracle.priceHash(dollars(3_000n));
const honestSignature = await signPrice(nodeAKey, dollars(3_000n));
await (await oracle.connect(relayer).submitPrice(round, dollars(3_000n), honestSignature)).wait();
const lieHash = await oracle.priceHash(dollars(3_100n));
const lieSignature = await signPrice(nodeAKey, dollars(3_100n));
console.log("  the first reaches the oracle; the watcher sees the second and reports both signatures");
const reportReceipt = await (
  await equivocationSlasher
    .connect(watcher)
    .reportEquivocation(round, honestHash, honestSignature, lieHash, lieSignature)
).wait();
const [slashEvent] = eventsNamed(decodeLogs(reportReceipt?.logs ?? []), "StrategySlashed");
const slashedShares = (slashEvent?.args.sharesSlashed as bigint | undefined) ?? 0n;
console.log(
  `  node-a is slashed 10% of its oracle allocation (slash ${String(slashEvent?.args.slashId)}): ${formatUnits(slashedShares, 18)} shares to the oracle's bucket, in ${reportReceipt?.gasUsed.toLocaleString("en-US")} gas`,
);

const stakesAfter = await stakerStakes();
console.log(
  formatTable(
    "Each staker's stake, in tokens, before and after the slash",
    ["staker", "token", "before", "after"],
    stakesAfter.map((row, i) => [...row.slice(0, 2), stakesBefore[i]?.[2] ?? "", row[2] ?? ""]),
  ),
);
console.log(
  "alice (node-a) lost 5% of her wstETH (10% of the half node-a allocated); bob (node-b) and USDC lost nothing.",
);
await connection.networkHelpers.time.increaseTo(await oracle.roundStartsAt(round + 1n));
const [published, reports, totalWeight] = await oracle.priceOf(round);
console.log(
  `\nRound ${String(round)} is over: the oracle publishes $${formatUnits(published, 8)}, the stake-weighted median of ${String(reports)} reports (${formatUnits(totalWeight, 18)} shares at stake). node-a's key is retired: the oracle refuses its reports until node-a registers a new one.`,
);
const slashableAfter = await printSlashableStake("Slashable stake by set, after the slash");
const bridgeBefore = slashableBefore.get("node-a/bridge/wstETH");
const bridgeAfter = slashableAfter.get("node-a/bridge/wstETH");
console.log(
  `The bridge's slashable wstETH stake of node-a is ${bridgeBefore === bridgeAfter ? "unchanged" : "CHANGED"}: the oracle's slash could only take what node-a allocated to the oracle.`,
);

await connection.networkHelpers.time.increaseTo(aliceWithdrawal.maturity);
const aliceBefore = await steth.token.balanceOf(alice.address);
await (await withdrawalQueue.connect(alice).completeWithdrawal(aliceWithdrawal, true, alice.address)).wait();
console.log(
  `
alice's withdrawal, queued before the slash, matures and pays ${formatUnits((await steth.token.balanceOf(alice.address)) - aliceBefore, 18)} wstETH instead of ${formatUnits(alicePreviewBefore, 18)}: leaving did not escape the slash.`,
);

// The oracle's set redistributes: its slashed funds wait out the escrow, during which governance could stop them.
const [, releasableAt] = await slashingCoordinator.bucket(oracleSet, steth.strategy, equivocationSlasher);
if (BigInt(await connection.networkHelpers.time.latest()) < releasableAt) {
  await connection.networkHelpers.time.increaseTo(releasableAt);
}
const [, released] = await slashingCoordinator
  .connect(relayer)
  .releaseSlashedFunds.staticCall(oracleSet, steth.strategy, equivocationSlasher);
await (
  await slashingCoordinator.connect(relayer).releaseSlashedFunds(oracleSet, steth.strategy, equivocationSlasher)
).wait();
console.log(
  `\nThe escrow of the oracle's slashed funds ends on ${new Date(Number(releasableAt) * 1000).toISOString()}; anyone then releases its bucket: ${formatUnits(released, 18)} wstETH go to its equivocation slasher.`,
);
const watcherBefore = await steth.token.balanceOf(watcher.address);
await (await equivocationSlasher.connect(watcher).claimBounty(steth.strategy)).wait();
await (await equivocationSlasher.connect(relayer).sweepToTreasury(steth.strategy)).wait();
console.log(
  `The watcher claims its bounty, ${formatUnits((await steth.token.balanceOf(watcher.address)) - watcherBefore, 18)} wstETH, and the rest, ${formatUnits(await steth.token.balanceOf(treasury.address), 18)} wstETH, goes to the oracle's treasury.`,
);
await connection.close();
