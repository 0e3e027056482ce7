/**
 * The address book the SDK reads: `deployments/<chainId>.json`, written after a deployment.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { getAddress } from "ethers";

import type { PalisadeAddresses, PalisadeDeployment } from "../sdk/src/deployment.js";
import { ADDRESS_NAMES, type AddressKey } from "../sdk/src/manifest.js";

/** Anything that knows its address: a typed contract, or one Ignition returned. */
interface Addressable {
  getAddress(): Promise<string>;
}

/** The SDK's deployment record of `core` (typed or Ignition contracts), on `chainId` from block `deploymentBlock` on. */
export async function deploymentRecord(
  core: Record<AddressKey, Addressable>,
  chainId: bigint,
  deploymentBlock: number,
): Promise<PalisadeDeployment> {
  return { chainId: Number(chainId), deploymentBlock, addresses: await addressesOf(core) };
}

/** The address book of `core` (typed or Ignition contracts): each contract's checksummed address, by its key. */
export async function addressesOf(core: Record<AddressKey, Addressable>): Promise<PalisadeAddresses> {
  const addresses = {} as PalisadeAddresses;
  for (const key of ADDRESS_NAMES) addresses[key] = getAddress(await core[key].getAddress());
  return addresses;
}

/** Writes `record` to `<directory>/<chainId>.json` and returns the file's path. */
export async function writeDeploymentRecord(record: PalisadeDeployment, directory = "deployments"): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${record.chainId}.json`);
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
