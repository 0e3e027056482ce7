/**
 * `npm run devnet`: a local chain with Palisade on it, ready to poke at with the `palisade` CLI or the SDK.
 *
 * Starts `hardhat node` (http://127.0.0.1:8545; PALISADE_DEVNET_PORT picks another port), deploys the suite with
 * deploy/parameters/localhost.json through the Ignition modules (two test tokens with their strategies and the
 * example price-oracle AVS with its operator set), seeds it through the SDK (three operators, five stakers with
 * deposits and delegations, two operators allocated to and registered in the oracle's set, the clock moved past the
 * notice of both so they are slashable there), writes the address book
 * to deployments/31337.json (PALISADE_DEPLOYMENTS_DIR picks another folder), prints the addresses, the funded
 * accounts and the next commands to try, and stays up until Ctrl-C.
 */
import { rm } from "node:fs/promises";
import { createConnection } from "node:net";
import path from "node:path";

import { JsonRpcProvider, Wallet, parseUnits } from "ethers";
import { network } from "hardhat";

import { writeDeploymentRecord } from "../deploy/addressBook.js";
import { readDeploymentPlan } from "../deploy/plan.js";
import { deploySuite } from "../deploy/suite.js";
import { createPalisade, type DeployedStrategy } from "../sdk/src/index.js";
import { MockERC20__factory } from "../types/ethers-contracts/index.js";
import { startHardhatNode, testAccountKey } from "./lib/hardhatNode.js";
import { formatTable, formatUnits } from "./lib/table.js";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PALISADE_DEVNET_PORT ?? "8545");
const url = `http://127.0.0.1:${port}`;
const deploymentsDir = path.resolve(process.env.PALISADE_DEPLOYMENTS_DIR ?? path.join(root, "deployments"));
/** The devnet's own Ignition deployment id: its journal never mixes with `npm run deploy -- --network localhost`. */
const DEPLOYMENT_ID = `devnet-${port}`;
/**
 * The simulated chain the node runs: hardhat.config.ts's `default` (mainnet's rules). The tests pass `testNode`, which
 * lifts the contract size limit for their unoptimised build.
 */
const nodeNetwork = process.env.PALISADE_DEVNET_NETWORK ?? "default";

async function portInUse(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => {
      resolve(false);
    });
  });
}

if (await portInUse()) {
  console.error(
    `Port ${port} is taken (another node?). Stop it, or pick another port: PALISADE_DEVNET_PORT=8546 npm run devnet`,
  );
  process.exit(1);
}

console.log(`Starting hardhat node on ${url}...`);
const node = await startHardhatNode({ network: nodeNetwork, port });
const connection = await network.create({ network: "localhost", override: { url } });
const journal = path.join(root, "deploy", "deployments", DEPLOYMENT_ID);
let recordFile: string | undefined;
let stopping = false;
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  node.kill();
  await connection.close();
  await rm(journal, { recursive: true, force: true });
  if (recordFile !== undefined) await rm(recordFile, { force: true });
  process.exit(exitCode);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
node.on("exit", (code) => {
  if (!stopping) {
    console.error(`hardhat node stopped (exit code ${String(code)})`);
    void stop(1);
  }
});

try {
  console.log("Deploying Palisade with deploy/parameters/localhost.json (Ignition module Palisade)...");
  const plan = await readDeploymentPlan(path.join(root, "deploy", "parameters", "localhost.json"));
  const { record } = await deploySuite(connection, plan, { deploymentId: DEPLOYMENT_ID, resetJournal: true });
  recordFile = await writeDeploymentRecord(record, deploymentsDir);
  const oracle = record.exampleAVS;
  const strategies = record.strategies ?? [];
  const [wsteth, usdc] = strategies;
  if (oracle === undefined || wsteth === undefined || usdc === undefined) {
    throw new Error("deploy/parameters/localhost.json must deploy two strategies and the example AVS");
  }

  // ------------------------------------------------------------------ seeding, through the SDK
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  const account = (index: number): Wallet => new Wallet(testAccountKey(index), provider);
  const nodeA = { name: "node-a", wallet: account(1) };
  const nodeB = { name: "node-b", wallet: account(2) };
  const nodeC = { name: "node-c", wallet: account(3) };
  const operators = [nodeA, nodeB, nodeC];
  type Deposits = Partial<Record<"wstETH" | "USDC", string>>;
  const stakers: { name: string; wallet: Wallet; operator: typeof nodeA; deposits: Deposits }[] = [
    { name: "alice", wallet: account(4), operator: nodeA, deposits: { wstETH: "32", USDC: "50000" } },
    { name: "bob", wallet: account(5), operator: nodeA, deposits: { wstETH: "10" } },
    { name: "carol", wallet: account(6), operator: nodeB, deposits: { USDC: "25000" } },
    { name: "dave", wallet: account(7), operator: nodeB, deposits: { wstETH: "20" } },
    { name: "erin", wallet: account(8), operator: nodeC, deposits: { wstETH: "5", USDC: "10000" } },
  ];
  const signingKeys = [account(10), account(11)];
  // One SDK client per account, made once: the seeding below acts as several accounts, some more than once.
  const clients = new Map<string, ReturnType<typeof createPalisade>>();
  const clientOf = (wallet: Wallet): ReturnType<typeof createPalisade> => {
    let client = clients.get(wallet.address);
    if (client === undefined) {
      client = createPalisade({ runner: wallet, deployment: record, skipCodeCheck: true });
      clients.set(wallet.address, client);
    }
    return client;
  };
  const tokenOf = (strategy: DeployedStrategy, wallet: Wallet) => MockERC20__factory.connect(strategy.token, wallet);

  console.log("Seeding: test tokens for every account, three operators, five stakers...");
  const deployer = account(0);
  for (const holder of [...operators.map((o) => o.wallet), ...stakers.map((s) => s.wallet), account(9)]) {
    await (await tokenOf(wsteth, deployer).mint(holder.address, parseUnits("100", 18))).wait();
    await (await tokenOf(usdc, deployer).mint(holder.address, parseUnits("100000", 6))).wait();
  }
  for (const { name, wallet } of operators) {
    await (
      await clientOf(wallet)
    ).operator.registerAsOperator({
      metadataURI: `https://palisade.example/operators/${name}.json`,
      allocationDelay: 60,
    });
  }
  for (const { wallet, operator, deposits } of stakers) {
    const client = await clientOf(wallet);
    for (const [strategy, amount] of [
      [wsteth, deposits.wstETH],
      [usdc, deposits.USDC],
    ] as const) {
      if (amount === undefined) continue;
      const units = strategy === usdc ? 6 : 18;
      await client.staker.deposit({ strategy: strategy.strategy, amount: parseUnits(amount, units), approve: true });
    }
    await client.staker.delegate({ operator: operator.wallet.address });
  }

  console.log("Seeding: node-a and node-b allocate half their stake to the oracle's set and join it...");
  const half = parseUnits("0.5", 18);
  /** Moves the node's clock to `timestamp` (if it is ahead) and mines a block there. */
  const waitUntil = async (timestamp: bigint): Promise<void> => {
    const latest = BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
    if (timestamp > latest) await provider.send("evm_increaseTime", [Number(timestamp - latest)]);
    await provider.send("evm_mine", []);
  };
  let inForce = 0n;
  for (const { wallet } of [nodeA, nodeB]) {
    const client = await clientOf(wallet);
    const { updates } = await client.operator.allocate({
      changes: [
        {
          avs: oracle.avs,
          setId: oracle.setId,
          strategies: [wsteth.strategy, usdc.strategy],
          magnitudes: [half, half],
        },
      ],
    });
    for (const { effectAt } of updates) inForce = effectAt > inForce ? effectAt : inForce;
  }
  // An increase takes effect after the operator's allocation delay and the notice (the withdrawal delay and a
  // second), so that stakers can leave first. The operators register right away: a registration is slashable only
  // after the notice too, and the oracle's registrar counts the stake slashable from then on.
  let slashableFrom = 0n;
  for (const [index, { wallet }] of [nodeA, nodeB].entries()) {
    const client = await clientOf(wallet);
    const registered = await client.operator.registerForSets({ avs: oracle.avs, setIds: [oracle.setId] });
    for (const { from } of registered.slashableFrom) slashableFrom = from > slashableFrom ? from : slashableFrom;
    // The key the operator signs oracle reports with: the slasher accepts it from registered operators only.
    const key = signingKeys[index];
    if (key !== undefined) await client.operator.registerSigningKey({ slasher: oracle.slasher, key });
  }
  await waitUntil(inForce > slashableFrom ? inForce : slashableFrom);

  // ------------------------------------------------------------------ what is there, and what to try
  console.log(
    formatTable(
      "Contracts (deployments/31337.json)",
      ["contract", "address"],
      [
        ...Object.entries(record.addresses),
        ...strategies.flatMap((s) => [
          [`${s.symbol} token`, s.token],
          [`${s.symbol} strategy`, s.strategy],
        ]),
        ["example AVS (price oracle)", oracle.avs],
        ["its EquivocationSlasher", oracle.slasher],
      ],
    ),
  );
  const reader = await createPalisade({ runner: provider, deployment: record, skipCodeCheck: true });
  const rows: string[][] = [];
  const roles: [string, Wallet, string][] = [
    ["deployer, owner, pauser", deployer, ""],
    ...operators.map(({ name, wallet }): [string, Wallet, string] => [`operator ${name}`, wallet, ""]),
    ...stakers.map(({ name, wallet, operator }): [string, Wallet, string] => [
      `staker ${name}`,
      wallet,
      `delegated to ${operator.name}`,
    ]),
    ["free account", account(9), ""],
  ];
  for (const [role, wallet, note] of roles) {
    const state = await reader.read.stakerState({ staker: wallet.address });
    const stake = state.positions
      .filter((position) => position.withdrawableShares > 0n)
      .map((position) => {
        const strategy = strategies.find((s) => s.strategy.toLowerCase() === position.strategy.toLowerCase());
        const units = strategy?.symbol === "USDC" ? 6 : 18;
        return `${formatUnits(position.underlying, units)} ${strategy?.symbol ?? position.strategy}`;
      });
    rows.push([role, wallet.address, wallet.privateKey, [stake.join(", "), note].filter(Boolean).join("; ")]);
  }
  console.log(
    formatTable(
      "Funded accounts (10,000 ETH, 100 wstETH and 100,000 USDC each; public test keys, never for real funds)",
      ["role", "address", "private key", "restaked"],
      rows,
    ),
  );
  const erin = stakers[4]?.wallet ?? deployer;
  // The CLI's defaults are http://127.0.0.1:8545 and deployments/<chainId>.json in the working directory.
  const defaultsHold = port === 8545 && deploymentsDir === path.join(process.cwd(), "deployments");
  const cli = defaultsHold ? "npx palisade" : `npx palisade --rpc ${url} --deployment ${recordFile}`;
  console.log(`
node-a and node-b allocate 50% of their wstETH and USDC to the oracle's set ${oracle.setId}, are registered in it and
slashable there (the notice of their registration and allocation has passed); node-c has stake but no allocation
yet: an allocation it makes now takes effect after the notice (the withdrawal delay and a second). Signing keys for the oracle: node-a ${signingKeys[0]?.address ?? ""},
node-b ${signingKeys[1]?.address ?? ""} (accounts 10 and 11 of the test mnemonic).

Try (writes show what they will send and ask first):
  ${cli} operator status ${nodeA.wallet.address} --avs ${oracle.avs} --set ${oracle.setId}
  ${cli} avs status ${oracle.avs} --set ${oracle.setId} --report
  ${cli} staker status ${erin.address}
  ${cli} --private-key ${erin.privateKey} staker deposit --strategy ${wsteth.strategy} --amount 1 --approve
  ${cli} --private-key ${nodeC.wallet.privateKey} operator allocate --avs ${oracle.avs} --set ${oracle.setId} --strategy ${wsteth.strategy} --magnitude 25%
  ${cli} --private-key ${erin.privateKey} staker withdraw --strategy ${wsteth.strategy} --shares all
`);
  console.log(`Devnet ready at ${url} (chain ${record.chainId}). Ctrl-C stops it.`);
} catch (error) {
  console.error(`The devnet could not be set up: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
