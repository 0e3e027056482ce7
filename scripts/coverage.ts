/**
 * `npm run coverage`: runs every test (Solidity and TypeScript) with Hardhat's built-in coverage, then fails
 * unless the line coverage of `contracts/` (mocks excluded) reaches the threshold.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const THRESHOLD_PERCENT = 95;
const root = path.resolve(import.meta.dirname, "..");
const hardhatCli = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");

// Short fuzz and invariant campaigns: see `coverageRun` in hardhat.config.ts.
const run = spawnSync(process.execPath, [hardhatCli, "test", "--coverage"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PALISADE_COVERAGE: "1" },
});
if (run.status !== 0) {
  console.error(`\ncoverage: the test run failed (exit code ${String(run.status)})`);
  process.exit(run.status ?? 1);
}

interface FileCoverage {
  file: string;
  found: number;
  hit: number;
}

/** Line totals per source file from an lcov report (`SF`, `LF`, `LH` records). */
function parseLcov(text: string): FileCoverage[] {
  const files: FileCoverage[] = [];
  let current: FileCoverage | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) current = { file: line.slice(3), found: 0, hit: 0 };
    else if (line.startsWith("LF:") && current !== undefined) current.found = Number(line.slice(3));
    else if (line.startsWith("LH:") && current !== undefined) current.hit = Number(line.slice(3));
    else if (line === "end_of_record" && current !== undefined) {
      files.push(current);
      current = undefined;
    }
  }
  return files;
}

const isMeasured = (file: string): boolean => {
  const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join("/");
  return relative.startsWith("contracts/") && !relative.startsWith("contracts/mocks/");
};

const files = parseLcov(readFileSync(path.join(root, "coverage", "lcov.info"), "utf8")).filter((f) =>
  isMeasured(f.file),
);
if (files.length === 0) {
  console.error("coverage: no file of contracts/ in coverage/lcov.info");
  process.exit(1);
}
const found = files.reduce((sum, f) => sum + f.found, 0);
const hit = files.reduce((sum, f) => sum + f.hit, 0);
const percent = (100 * hit) / found;

console.log("\nLine coverage of contracts/ (mocks excluded)");
for (const f of files) {
  const filePercent = f.found === 0 ? 100 : (100 * f.hit) / f.found;
  console.log(
    `  ${filePercent.toFixed(1).padStart(5)}%  ${String(f.hit).padStart(4)}/${String(f.found).padEnd(4)}  ${f.file}`,
  );
}
console.log(`  total ${percent.toFixed(2)}% (${hit}/${found} lines), threshold ${THRESHOLD_PERCENT}%`);
if (percent < THRESHOLD_PERCENT) {
  console.error(`coverage: ${percent.toFixed(2)}% is below the ${THRESHOLD_PERCENT}% threshold`);
  process.exit(1);
}
