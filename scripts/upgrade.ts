/**
 * `PALISADE_UPGRADE=<Contract> npm run upgrade -- --network <network>`: upgrades one proxy of the core to the
 * contract's current production build.
 *
 * 1. Reads the proxy's address from deployments/<chainId>.json.
 * 2. Checks the new build's storage layout against reports/storage-layout.json (what is deployed) and refuses on
 *    any problem.
 * 3. Deploys the implementation with the running one's wiring (deploy/modules/Upgrade.ts) and, when the signer
 *    owns the proxy, points the proxy at it. When governance is a timelock or a multisig, it prints the
 *    `upgradeToAndCall` transaction for governance to submit instead.
 *
 * `hardhat run` passes no arguments to scripts, hence the environment variable. See docs/UPGRADING.md.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { keccak256 } from "ethers";
import hre from "hardhat";

import { upgradeModule } from "../deploy/modules/Upgrade.js";
import { readDeploymentFile } from "../sdk/src/deployment.js";
import { CONTRACT_MANIFEST, UPGRADEABLE_CONTRACTS, isUpgradeableContract } from "../sdk/src/manifest.js";
import { StrategyFactory__factory } from "../types/ethers-contracts/index.js";
import { compareLayouts, extractLayout, readSnapshot, SNAPSHOT_FILE } from "./lib/storageLayout.js";

async function main(): Promise<number> {
  const contract = process.env.PALISADE_UPGRADE ?? "";
  if (!isUpgradeableContract(contract)) {
    console.error(
      `Set PALISADE_UPGRADE to the contract to upgrade, one of: ${UPGRADEABLE_CONTRACTS.join(", ")}` +
        (contract === "" ? "." : ` (not "${contract}").`),
    );
    return 2;
  }

  const { ethers, ignition } = await hre.network.getOrCreate();
  const { chainId } = await ethers.provider.getNetwork();
  const deploymentFile = path.join("deployments", `${chainId}.json`);
  if (!existsSync(deploymentFile)) {
    console.error(`No deployment record at ${deploymentFile}: the core is not deployed on chain ${chainId}.`);
    return 1;
  }
  const deployment = await readDeploymentFile(deploymentFile);
  const proxy = deployment.addresses[CONTRACT_MANIFEST[contract].key];

  // The layout check against what is deployed comes first: an implementation that would misread the proxy's
  // storage must not even be deployed, let alone installed.
  const snapshot = await readSnapshot();
  const deployedLayout = snapshot.contracts[contract];
  if (deployedLayout === undefined) {
    console.error(`${path.relative(process.cwd(), SNAPSHOT_FILE)} has no layout for ${contract}; refusing.`);
    return 1;
  }
  const problems = compareLayouts(
    contract,
    deployedLayout,
    await extractLayout(CONTRACT_MANIFEST[contract].source, contract),
  );
  if (problems.length > 0) {
    console.error(`Refusing to upgrade ${contract}: its storage layout is not compatible with the deployed one.`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }

  const [signer] = await ethers.getSigners();
  if (signer === undefined) throw new Error(`the network ${hre.globalOptions.network} has no account to send from`);
  // Every upgradeable contract is Ownable2Step and UUPS; the StrategyFactory's ABI reads that much of any of them.
  const owner = await StrategyFactory__factory.connect(proxy, ethers.provider).owner();
  const signerOwns = owner.toLowerCase() === signer.address.toLowerCase();

  // One Ignition deployment per contract and build: re-running after a failure resumes it, and the next release's
  // build of the contract gets a deployment of its own.
  const { bytecode } = await hre.artifacts.readArtifact(contract);
  const deploymentId = `upgrade-${chainId}-${contract}-${keccak256(bytecode).slice(2, 10)}`;
  const { implementation } = await ignition.deploy(upgradeModule({ contract, upgrade: signerOwns }), {
    parameters: { [`PalisadeUpgrade${contract}`]: { proxy } },
    deploymentId,
    defaultSender: signer.address,
    displayUi: true,
  });
  const newImplementation = await implementation.getAddress();

  if (signerOwns) {
    console.log(`${contract} (proxy ${proxy}) now runs the implementation at ${newImplementation}.`);
    return 0;
  }
  const data = StrategyFactory__factory.createInterface().encodeFunctionData("upgradeToAndCall", [
    newImplementation,
    "0x",
  ]);
  console.log(`${signer.address} does not own ${contract}; its owner is ${owner}.`);
  console.log(`The new implementation is deployed at ${newImplementation}. For governance to submit:`);
  console.log(JSON.stringify({ to: proxy, value: "0", data }, null, 2));
  return 0;
}

process.exitCode = await main();
