/**
 * A project-local Hardhat plugin that lets the test build use both cores of a CI machine.
 *
 * - Hardhat runs each solc job in a child process, by default one fewer at a time than there are cores: one at a
 *   time on 2 cores. While solc works the Hardhat process only waits, so the build here runs one job per core.
 * - Hardhat merges the files that share a compiler configuration into one job, comparing the configurations by
 *   reference, so every `overrides` entry is a job of its own (each recompiling everything its file imports). Here
 *   the overrides with equal settings share one configuration and compile as one job, which is how the test build
 *   splits into two jobs of about the same size (see `SECOND_JOB_TEST_FOLDERS` in hardhat.config.ts).
 */
import type { HardhatPlugin } from "hardhat/types/plugins";

const parallelBuild: HardhatPlugin = {
  id: "palisade-parallel-build",
  hookHandlers: {
    config: () => import("./parallelBuildConfigHooks.js"),
    solidity: () => import("./parallelBuildSolidityHooks.js"),
  },
};

export default parallelBuild;
