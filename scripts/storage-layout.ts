/**
 * `npm run storage:check`: builds the production contracts and checks that every upgradeable implementation can run
 * on the storage of the one deployed, as recorded in reports/storage-layout.json. Lists the problems and exits 1
 * when there are any.
 *
 * `npm run storage:snapshot`: records the current layouts in reports/storage-layout.json. Run it when a release
 * ships, so that the next release is checked against what is then deployed.
 *
 * See docs/UPGRADING.md.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import hre from "hardhat";

import {
  SNAPSHOT_FILE,
  compareWithSnapshot,
  extractUpgradeableLayouts,
  readSnapshot,
  toSnapshot,
} from "./lib/storageLayout.js";

const command = process.argv[2];
if (command !== "check" && command !== "snapshot") {
  console.error("usage: tsx scripts/storage-layout.ts check|snapshot");
  process.exit(2);
}

// The layouts of what gets deployed: the production build (a no-op when it is up to date).
await hre.tasks.getTask("build").run({ quiet: true, noTests: true, defaultBuildProfile: "production" });
const layouts = await extractUpgradeableLayouts();
const relative = path.relative(process.cwd(), SNAPSHOT_FILE);

if (command === "snapshot") {
  await mkdir(path.dirname(SNAPSHOT_FILE), { recursive: true });
  await writeFile(SNAPSHOT_FILE, `${JSON.stringify(toSnapshot(layouts), null, 2)}\n`);
  console.log(`Wrote the storage layouts of ${Object.keys(layouts).length} contracts to ${relative}.`);
} else {
  const snapshot = await readSnapshot();
  const problems = compareWithSnapshot(snapshot, layouts);
  if (problems.length > 0) {
    console.error(`Storage layout check failed against ${relative}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  } else {
    const namespaces = Object.values(layouts).reduce((sum, layout) => sum + layout.namespaces.length, 0);
    console.log(
      `Storage layouts OK: ${Object.keys(snapshot.contracts).length} contracts, ${namespaces} namespaces, ` +
        `compatible with ${relative}.`,
    );
  }
}
