/**
 * `npm run bench:gas [-- --json] [-- --check]`: deploys Palisade on Hardhat's in-process network, runs each user
 * flow and prints the gas of each transaction beside its target.
 *
 * --json   also writes reports/gas.json: { "flows": { "<name>": gasUsed }, "deploy": { "total", "<contract>": gas },
 *          "sizes": { "<contract>": bytes } }
 * --check  exits non-zero when a flow misses its target (or, for a known miss, exceeds its recorded ceiling) or a
 *          runtime exceeds the size limit
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import hre from "hardhat";

import { delegationFlows } from "./bench/delegation.js";
import { depositFlows } from "./bench/deposits.js";
import { slashingFlows } from "./bench/slashing.js";
import { measureDeployment } from "./bench/deployment.js";
import { runtimeSizes } from "./bench/sizes.js";
import {
  FLAT_FLOWS,
  GAS_TARGETS,
  KNOWN_MISSES,
  MAX_RUNTIME_SIZE,
  type FlowGroup,
  type FlowMeasurement,
} from "./bench/types.js";

/** Flow groups, each on its own fresh network. */
const FLOW_GROUPS: FlowGroup[] = [depositFlows, delegationFlows, slashingFlows];

const args = new Set(process.argv.slice(2));
const writeJson = args.has("--json");
const check = args.has("--check");

// Gas and sizes are those of the bytecode that gets deployed: the optimised production build, not the tests' build.
await hre.tasks.getTask("build").run({ quiet: true, noTests: true, defaultBuildProfile: "production" });

const flows: FlowMeasurement[] = [];
for (const group of FLOW_GROUPS) {
  const connection = await hre.network.create();
  flows.push(...(await group(connection)));
  await connection.close();
}
const sizes = await runtimeSizes(hre.artifacts);
const deploymentConnection = await hre.network.create();
const deployment = await measureDeployment(deploymentConnection, hre.artifacts);
await deploymentConnection.close();
flows.push({
  name: "deploy.total",
  gasUsed: deployment.total,
  scenario: `the core through its Ignition module: ${deployment.transactions} transactions, initialisation included`,
});

const failures: string[] = [];
const formatGas = (gas: bigint): string => gas.toLocaleString("en-US");
console.log("\nGas per user flow (receipt.gasUsed, Hardhat in-process network)\n");
console.table(
  flows.map((flow) => {
    const target = GAS_TARGETS[flow.name];
    const waiver = KNOWN_MISSES[flow.name];
    let verdict = "";
    if (target !== undefined) verdict = flow.gasUsed <= target ? "ok" : waiver === undefined ? "OVER" : "missed";
    if (verdict === "OVER") failures.push(`${flow.name}: ${formatGas(flow.gasUsed)} > ${formatGas(target ?? 0n)}`);
    if (verdict === "missed" && waiver !== undefined && flow.gasUsed > waiver.ceiling) {
      failures.push(`${flow.name}: ${formatGas(flow.gasUsed)} > its known-miss ceiling ${formatGas(waiver.ceiling)}`);
    }
    return {
      flow: flow.name,
      gas: formatGas(flow.gasUsed),
      target: target === undefined ? "" : formatGas(target),
      verdict,
    };
  }),
);
for (const flow of flows) console.log(`  ${flow.name}: ${flow.scenario}`);
const missed = flows.filter((flow) => {
  const target = GAS_TARGETS[flow.name];
  return target !== undefined && flow.gasUsed > target && KNOWN_MISSES[flow.name] !== undefined;
});
if (missed.length > 0) {
  console.log("\nTargets missed by design (see docs/ARCHITECTURE.md, Gas):");
  for (const flow of missed) console.log(`  ${flow.name}: ${KNOWN_MISSES[flow.name]?.reason ?? ""}`);
}

// Flows that must cost the same whatever the number of stakers: the scaled flow within a tolerance of its base.
for (const { flow, base, tolerancePercent } of FLAT_FLOWS) {
  const measured = flows.find((f) => f.name === flow)?.gasUsed;
  const reference = flows.find((f) => f.name === base)?.gasUsed;
  if (measured === undefined || reference === undefined) {
    failures.push(`${flow} or ${base} was not measured`);
    continue;
  }
  const percent = (Number(measured - reference) * 100) / Number(reference);
  const verdict = percent <= tolerancePercent ? "ok" : "OVER";
  console.log(
    `\n${flow} against ${base}: ${percent >= 0 ? "+" : ""}${percent.toFixed(2)}% (at most ${tolerancePercent}%): ${verdict}`,
  );
  if (verdict === "OVER")
    failures.push(`${flow}: ${percent.toFixed(2)}% above ${base}, more than ${tolerancePercent}%`);
}

console.log(`\nRuntime bytecode sizes (limit ${MAX_RUNTIME_SIZE.toLocaleString("en-US")} bytes)\n`);
console.table(
  Object.entries(sizes).map(([contract, bytes]) => {
    if (bytes > MAX_RUNTIME_SIZE) failures.push(`${contract}: ${bytes} bytes > ${MAX_RUNTIME_SIZE}`);
    return { contract, bytes, verdict: bytes <= MAX_RUNTIME_SIZE ? "ok" : "OVER" };
  }),
);

console.log("\nDeployment gas of the core (PalisadeCore module)\n");
console.table([
  ...Object.entries(deployment.perContract).map(([contract, gas]) => ({
    contract: contract === "ERC1967Proxy" ? "ERC1967Proxy (x7)" : contract,
    gas: formatGas(gas),
  })),
  { contract: "installing and initialising", gas: formatGas(deployment.installation) },
  { contract: "total", gas: formatGas(deployment.total) },
]);

if (writeJson) {
  const file = path.join(hre.config.paths.root, "reports", "gas.json");
  await mkdir(path.dirname(file), { recursive: true });
  const report = {
    flows: Object.fromEntries(flows.map((flow) => [flow.name, Number(flow.gasUsed)])),
    deploy: {
      total: Number(deployment.total),
      installation: Number(deployment.installation),
      ...Object.fromEntries(Object.entries(deployment.perContract).map(([name, gas]) => [name, Number(gas)])),
    },
    sizes,
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
}

if (failures.length > 0) {
  console.log(`\nMissed targets:\n  ${failures.join("\n  ")}`);
  if (check) process.exitCode = 1;
}
