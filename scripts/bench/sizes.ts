import type { ArtifactManager } from "hardhat/types/artifacts";

/** The deployable contracts of `contracts/` (mocks excluded) whose runtime size we watch. */
const WATCHED_CONTRACTS = [
  "StrategyManager",
  "WithdrawalQueue",
  "OperatorRegistry",
  "AVSRegistry",
  "AllocationManager",
  "SlashingCoordinator",
  "InstantSlasher",
  "VetoSlasher",
  "EquivocationSlasher",
  "PriceOracleAVS",
  "StrategyFactory",
  "ERC20Strategy",
  "DeploymentPlaceholder",
  "PalisadeLens",
] as const;

/** Runtime bytecode size, in bytes, of each watched contract, read from its build artifact. */
export async function runtimeSizes(artifacts: ArtifactManager): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const name of WATCHED_CONTRACTS) {
    const artifact = await artifacts.readArtifact(name);
    // "0x" prefix, two hex characters per byte.
    sizes[name] = (artifact.deployedBytecode.length - 2) / 2;
  }
  return sizes;
}
