import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import parallelBuild from "./scripts/hardhat/parallelBuild.js";

const require = createRequire(import.meta.url);

/**
 * One exact compiler for every build: the npm `solc` package's WebAssembly build,
 * so that no machine (CI included) has to download a compiler.
 */
const SOLC_VERSION = "0.8.37";
const SOLC_PATH = require.resolve("solc/soljson.js");

/**
 * `npm run coverage` sets PALISADE_COVERAGE=1. The coverage run measures which lines the tests reach, so it runs
 * short fuzz and invariant campaigns (the few tests that pin their own runs keep them) on an unoptimised build of
 * the contracts (see below); `npm test` runs the full campaigns. Running both in full made CI take 17 of its 20
 * minutes.
 */
const coverageRun = process.env.PALISADE_COVERAGE === "1";

/**
 * Every build also asks solc for the contracts' NatSpec (`devdoc`, `userdoc`): the SDK's error catalogue is generated
 * from the errors' `@notice` and `@custom:` tags (sdk/scripts/render-error-catalogue.ts). The output selection is not
 * part of the metadata, so the bytecode is the same with or without it.
 */
const natspecOutput = { outputSelection: { "*": { "*": ["devdoc", "userdoc"] } } };

/**
 * The settings Palisade's contracts are deployed with (via-IR). Palisade's contracts are called far more often than
 * they are deployed (every deposit, delegation and withdrawal goes through them), so the optimizer is told to expect
 * many calls: 10,000 runs buys cheaper execution for a modest growth in bytecode, and the size check in
 * `npm run bench:gas` keeps every runtime under 22,000 bytes (two sources are built for size, see
 * `sizeOptimizedSources`).
 */
const productionSettings = {
  evmVersion: "prague",
  optimizer: { enabled: true, runs: 10_000 },
  viaIR: true,
  ...natspecOutput,
};
const productionCompiler = { version: SOLC_VERSION, path: SOLC_PATH, settings: productionSettings };
/**
 * Two sources are built for size rather than for calls, each measured by `npm run bench:gas`:
 * - the lens is read through `eth_call` only, never in a transaction, so its execution costs nobody gas: one run;
 * - the AVS registry at 200 runs is 4 KB smaller than at 10,000 (800,000 gas less to deploy) for about 200 gas more
 *   on the flows that call it (a registration, an allocation, a slash's check), a tenth of a percent of each.
 */
const sizeOptimized = (runs: number) => ({
  ...productionCompiler,
  settings: { ...productionSettings, optimizer: { enabled: true, runs } },
});
const sizeOptimizedSources = {
  "contracts/periphery/PalisadeLens.sol": sizeOptimized(1),
  "contracts/avs/AVSRegistry.sol": sizeOptimized(200),
};
/** Test contracts skip the optimizer: the WebAssembly compiler would spend minutes optimising each of them. */
const testCompiler = {
  version: SOLC_VERSION,
  path: SOLC_PATH,
  settings: { evmVersion: "prague", optimizer: { enabled: false }, viaIR: true, ...natspecOutput },
};

const solidityFiles = (folder: string): string[] =>
  readdirSync(path.join(import.meta.dirname, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".sol"))
    .map((file) => [folder, ...file.split(path.sep)].join("/"));

/**
 * The tests run the bytecode we deploy. Two builds of the same sources through the same pipeline:
 *
 * - `production` is what `npm run deploy`, the demo, the devnet and the gas bench build: every source under
 *   `contracts/` (and the ERC-1967 proxy) with `productionSettings`.
 * - `default` builds the tests: the same sources with the very same settings, given as `overrides`, so every
 *   artifact of `contracts/` is the production bytecode (and Hardhat's cache serves the production build from the
 *   test build's results); only the test contracts under `test/` skip the optimizer. Every Solidity test deploys
 *   the contracts from their artifacts (`PalisadeTest._deploy`), and the TypeScript suites deploy them through
 *   Ignition, so unit, fuzz, invariant, attack and integration tests all run the deployed bytecode, on a chain
 *   with mainnet's size limit (test/ts/deployedBytecode.test.ts checks it).
 * - The coverage run instruments every line, which the optimizer would fight, so there the contracts are built
 *   without it, like the test contracts, and the size limit is lifted for the TypeScript tests (test/ts/fixtures.ts,
 *   `testNode` below): it measures lines, not bytecode.
 */
const PROXY_SOURCE = "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
const deployedSources = {
  ...Object.fromEntries([...solidityFiles("contracts"), PROXY_SOURCE].map((source) => [source, productionCompiler])),
  ...sizeOptimizedSources,
};

/**
 * The test build runs as two solc jobs at once, one per core of a CI machine, with about half of the test sources
 * each: the sources of these folders are listed as `overrides` with the test settings, which the project's
 * `parallelBuild` plugin (scripts/hardhat/parallelBuild.ts) compiles as a job of their own. Besides nearly halving the
 * build's wall time, the split keeps each job's output within what the WebAssembly compiler can return once the
 * coverage run has instrumented every source (one job for everything fails with "Error writing output JSON").
 */
const SECOND_JOB_TEST_FOLDERS = ["attacks", "examples", "fuzz", "invariant", "periphery", "slashers"];
const secondJobSources = SECOND_JOB_TEST_FOLDERS.flatMap((folder) => solidityFiles(`test/solidity/${folder}`));

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, parallelBuild],
  solidity: {
    // Proxies come from OpenZeppelin as-is; building them here gives Ignition and the tests their artifacts.
    npmFilesToBuild: [PROXY_SOURCE],
    profiles: {
      default: {
        compilers: [testCompiler],
        overrides: {
          ...Object.fromEntries(secondJobSources.map((source) => [source, { ...testCompiler }])),
          ...(coverageRun ? {} : deployedSources),
        },
      },
      production: {
        compilers: [productionCompiler],
        overrides: sizeOptimizedSources,
        // Hardhat builds this profile one source at a time and stamps its version into the build info by default; built
        // like the test build instead, its bytecode is the test build's to the byte (metadata hash included), and
        // Hardhat's cache serves it from the test build's results.
        isolated: false,
        toolVersionsInBuildInfo: false,
      },
    },
  },
  paths: {
    ignition: "./deploy",
    tests: {
      solidity: "./test/solidity",
      mocha: "./test/ts",
    },
  },
  test: {
    solidity: {
      fuzz: { runs: coverageRun ? 32 : 256 },
      invariant: { runs: coverageRun ? 8 : 64, depth: 64, failOnRevert: false },
    },
  },
  coverage: {
    skipFiles: ["contracts/mocks/**", "test/**"],
  },
  networks: {
    // Tests, the demo and the bench run on the hardfork the contracts are compiled for, pinned rather than left to
    // Hardhat's "latest", so that gas figures and behaviour stay put across Hardhat upgrades.
    default: { type: "edr-simulated", chainType: "l1", hardfork: "prague" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // The chain `hardhat node --network testNode` serves to the SDK's end-to-end tests (scripts/lib/testNode.ts): they
    // deploy the test build, which is the production bytecode, within mainnet's size limit; only the coverage run's
    // unoptimised build needs the limit lifted.
    testNode: { type: "edr-simulated", chainType: "l1", hardfork: "prague", allowUnlimitedContractSize: coverageRun },
    // Public testnets (docs/DEPLOYING.md). The RPC URL and the deployer's key are configuration variables: Hardhat
    // reads them from its encrypted keystore (`npx hardhat keystore set SEPOLIA_RPC_URL`) or the environment, only
    // when the network is used, so no key is ever written to a file of the project.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("PALISADE_DEPLOYER_KEY")],
    },
    hoodi: {
      type: "http",
      chainType: "l1",
      url: configVariable("HOODI_RPC_URL"),
      accounts: [configVariable("PALISADE_DEPLOYER_KEY")],
    },
  },
  // Source verification of testnet deployments (`npx hardhat ignition verify chain-<chainId>`): Etherscan with its
  // API key from the keystore, and Sourcify, which needs none.
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
