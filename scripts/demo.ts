/**
 * `npm run demo`: Palisade end to end, on Hardhat's in-process network.
 *
 * Deploys the contracts through the Ignition module, creates two tokens and their strategies, lets three stakers
 * deposit (the third through a signed authorisation submitted by a relayer who pays), registers three operators,
 * delegates the stakers, queues a withdrawal, moves time past the withdrawal delay and completes it, printing
 * balances, shares and each operator's delegated stake along the way.
 */
import { network } from "hardhat";
import { ZeroHash } from "ethers";

import { deployCore } from "../deploy/core.js";
import { ERC20Strategy__factory, MockERC20__factory, type MockERC20 } from "../types/ethers-contracts/index.js";
import { signDeposit } from "./lib/signDeposit.js";
import { formatTable, formatUnits } from "./lib/table.js";
import { queuedWithdrawal } from "./lib/withdrawals.js";

const connection = await network.create();
const { ethers } = connection;
const [deployer, alice, bob, carol, relayer, nodeA, nodeB, nodeC] = await ethers.getSigners();
if (
  deployer === undefined ||
  alice === undefined ||
  bob === undefined ||
  carol === undefined ||
  relayer === undefined ||
  nodeA === undefined ||
  nodeB === undefined ||
  nodeC === undefined
) {
  throw new Error("the demo needs eight funded accounts");
}
const stakers = { alice, bob, carol };

console.log("Deploying Palisade (Ignition module PalisadeCore)...");
const { strategyManager, strategyFactory, operatorRegistry, withdrawalQueue } = await deployCore(connection);
console.log(`  StrategyManager   ${await strategyManager.getAddress()}`);
console.log(`  WithdrawalQueue   ${await withdrawalQueue.getAddress()}`);
console.log(`  OperatorRegistry  ${await operatorRegistry.getAddress()}`);
console.log(`  StrategyFactory   ${await strategyFactory.getAddress()}`);

interface Asset {
  symbol: string;
  decimals: number;
  token: MockERC20;
  strategy: string;
}

async function createAsset(name: string, symbol: string, decimals: number): Promise<Asset> {
  const token = await new MockERC20__factory(deployer).deploy(name, symbol, decimals);
  const tokenAddress = await token.getAddress();
  await (await strategyFactory.deployStrategy(tokenAddress)).wait();
  const strategy = await strategyFactory.strategyOf(tokenAddress);
  await (await strategyManager.addStrategiesToWhitelist([strategy])).wait();
  console.log(`  ${symbol.padEnd(6)} token ${tokenAddress}  strategy ${strategy}`);
  return { symbol, decimals, token, strategy };
}

console.log("\nCreating two tokens and their strategies...");
const steth = await createAsset("Wrapped Staked Ether", "wstETH", 18);
const usdc = await createAsset("USD Coin", "USDC", 6);
const units = (asset: Asset, amount: number): bigint => BigInt(amount) * 10n ** BigInt(asset.decimals);

// Everyone gets tokens; each depositor approves the strategy, which pulls the tokens.
for (const account of [alice, bob, carol, relayer]) {
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

const latest = await ethers.provider.getBlock("latest");
if (latest === null) throw new Error("no latest block");
const expiry = BigInt(latest.timestamp) + 3_600n;
const { signature } = await signDeposit(carol, strategyManager, {
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

const noApproval = { signature: "0x", expiry: 0n };
console.log("\nDelegating...");
for (const [name, staker, operatorName, operator] of [
  ["alice", alice, "node-a", nodeA],
  ["bob", bob, "node-b", nodeB],
  ["carol", carol, "node-a", nodeA],
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
const withdrawal = await queuedWithdrawal(withdrawalQueue, queued);
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
await connection.close();
