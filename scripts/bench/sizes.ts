import type { ArtifactManager } from "hardhat/types/artifacts";

import { SIZED_CONTRACTS } from "../../sdk/src/manifest.js";

/**
 * Runtime bytecode size, in bytes, of each watched contract (`sized` in sdk/src/manifest.ts: every deployable contract
 * of `contracts/`, mocks excluded), read from its build artifact.
 */
export async function runtimeSizes(artifacts: ArtifactManager): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const name of SIZED_CONTRACTS) {
    const artifact = await artifacts.readArtifact(name);
    // "0x" prefix, two hex characters per byte.
    sizes[name] = (artifact.deployedBytecode.length - 2) / 2;
  }
  return sizes;
}
