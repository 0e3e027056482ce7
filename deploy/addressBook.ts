/**
 * The address book the SDK reads: `deployments/<chainId>.json`, written after a deployment.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import type { PalisadeDeployment } from "../sdk/src/deployment.js";
import type { CoreDeployment } from "./core.js";

/** The SDK's deployment record of `core`, deployed on `chainId` from block `deploymentBlock` on. */
export async function deploymentRecord(
  core: CoreDeployment,
  chainId: bigint,
  deploymentBlock: number,
): Promise<PalisadeDeployment> {
  return {
    chainId: Number(chainId),
    deploymentBlock,
    addresses: {
      strategyManager: await core.strategyManager.getAddress(),
      withdrawalQueue: await core.withdrawalQueue.getAddress(),
      operatorRegistry: await core.operatorRegistry.getAddress(),
      avsRegistry: await core.avsRegistry.getAddress(),
      allocationManager: await core.allocationManager.getAddress(),
      slashingCoordinator: await core.slashingCoordinator.getAddress(),
      strategyFactory: await core.strategyFactory.getAddress(),
      lens: await core.lens.getAddress(),
    },
  };
}

/** Writes `record` to `<directory>/<chainId>.json` and returns the file's path. */
export async function writeDeploymentRecord(record: PalisadeDeployment, directory = "deployments"): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${record.chainId}.json`);
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
