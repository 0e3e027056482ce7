/**
 * `npm run deploy -- --network <name>`: deploys the suite to the network from `deploy/parameters/<name>.json`
 * (PALISADE_PARAMETERS=<file> names another file) and writes the address book to `deployments/<chainId>.json`.
 *
 * Ignition keeps the deployment's journal in `deploy/deployments/chain-<chainId>/`: running the command again sends
 * nothing once every step is done, and a deployment that stopped halfway resumes. PALISADE_RESET_JOURNAL=1 deletes
 * the journal first (for a local node that was restarted). A public network (any chain but a local node's 31337)
 * must name a governance owner and a separate pauser in its parameter file.
 */
import path from "node:path";

import { network } from "hardhat";

import { writeDeploymentRecord } from "../deploy/addressBook.js";
import { handoverCalls } from "../deploy/handover.js";
import { checkPublicNetworkPlan, readDeploymentPlan } from "../deploy/plan.js";
import { deploySuite, firstSigner } from "../deploy/suite.js";

/** The chain id of a local Hardhat node (and of the in-process network). */
const LOCAL_CHAIN_ID = 31337n;

const root = path.resolve(import.meta.dirname, "..");
const connection = await network.create();
const { ethers } = connection;
const chainId = (await ethers.provider.getNetwork()).chainId;
const parametersFile = path.resolve(
  process.env.PALISADE_PARAMETERS ?? path.join(root, "deploy", "parameters", `${connection.networkName}.json`),
);
const plan = await readDeploymentPlan(parametersFile);
if (chainId !== LOCAL_CHAIN_ID) checkPublicNetworkPlan(plan);

const deployer = await firstSigner(connection);
const nonceBefore = await ethers.provider.getTransactionCount(deployer.address);
console.log(
  `Deploying Palisade to ${connection.networkName} (chain ${chainId}) from ${deployer.address}, ` +
    `with ${path.relative(process.cwd(), parametersFile)}`,
);
const { record, journal } = await deploySuite(connection, plan, {
  resetJournal: process.env.PALISADE_RESET_JOURNAL === "1",
  displayUi: true,
});
const sent = (await ethers.provider.getTransactionCount(deployer.address)) - nonceBefore;
const file = await writeDeploymentRecord(record, path.join(root, "deployments"));

console.log(
  sent === 0
    ? "\nNothing to do: Ignition's journal shows every step of this deployment done."
    : `\nDeployed with ${sent} transactions.`,
);
console.log(`Address book: ${path.relative(process.cwd(), file)} (from block ${record.deploymentBlock})`);
if (journal !== undefined) console.log(`Ignition journal: ${path.relative(process.cwd(), journal)}`);
for (const [name, address] of Object.entries(record.addresses)) console.log(`  ${name.padEnd(20)} ${address}`);
for (const strategy of record.strategies ?? []) {
  console.log(`  ${`${strategy.symbol} strategy`.padEnd(20)} ${strategy.strategy} (token ${strategy.token})`);
}
if (record.exampleAVS !== undefined) {
  console.log(`  ${"example AVS".padEnd(20)} ${record.exampleAVS.avs} (slasher ${record.exampleAVS.slasher})`);
}

if (plan.governanceOwner !== undefined) {
  const calls = await handoverCalls(connection, record, plan.governanceOwner);
  const pending = calls.filter((call) => call.pending);
  if (pending.length === 0) {
    console.log(`\nGovernance: ${plan.governanceOwner} owns every contract.`);
  } else {
    console.log(
      `\nGovernance handover: ${plan.governanceOwner} is the pending owner of ${pending.length} contracts and takes ` +
        "over by calling acceptOwnership() on each (one batch from a multisig, or one scheduled operation of a " +
        "timelock):",
    );
    for (const call of pending) console.log(`  ${call.contract.padEnd(20)} to ${call.to}  data ${call.data}`);
  }
}
await connection.close();
