/**
 * The address book the SDK reads: `deployments/<chainId>.json`, written after a deployment.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { getAddress } from "ethers";

import type { PalisadeAddresses, PalisadeDeployment } from "../sdk/src/deployment.js";

/** Anything that knows its address: a typed contract, or one Ignition returned. */
interface Addressable {
  getAddress(): Promise<string>;
}

/** The SDK's deployment record of `core` (typed or Ignition contracts), on `chainId` from block `deploymentBlock` on. */
export async function deploymentRecord(
  core: Record<keyof PalisadeAddresses, Addressable>,
  chainId: bigint,
  deploymentBlock: number,
): Promise<PalisadeDeployment> {
  return {
    chainId: Number(chainId),
    deploymentBlock,
    addresses: {
      strategyManager: getAddress(await core.strategyManager.getAddress()),
      withdrawalQueue: getAddress(await core.withdrawalQueue.getAddress()),
      operatorRegistry: getAddress(await core.operatorRegistry.getAddress()),
      avsRegistry: getAddress(await core.avsRegistry.getAddress()),
      allocationManager: getAddress(await core.allocationManager.getAddress()),
      slashingCoordinator: getAddress(await core.slashingCoordinator.getAddress()),
      strategyFactory: getAddress(await core.strategyFactory.getAddress()),
      lens: getAddress(await core.lens.getAddress()),
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
