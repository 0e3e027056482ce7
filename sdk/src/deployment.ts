/**
 * Where Palisade lives on a chain: the address book. Deploy scripts write `deployments/<chainId>.json` in this shape;
 * public deployments are bundled into the SDK (`KNOWN_DEPLOYMENTS`), and any other (a local node, a fork) is given to
 * `createPalisade` or read from its file.
 */
import { readFile } from "node:fs/promises";

import { isAddress } from "ethers";

import { InvalidArgumentError, MissingAddressError } from "./errors/base.js";
import { ADDRESS_NAMES, type AddressKey } from "./manifest.js";

/** The addresses of the address book's contracts (the core and the lens), by their keys in sdk/src/manifest.ts. */
export type PalisadeAddresses = Record<AddressKey, string>;

export { ADDRESS_NAMES } from "./manifest.js";

/** A strategy the deployment created, with its token. */
export interface DeployedStrategy {
  symbol: string;
  token: string;
  strategy: string;
}

/** The example AVS a devnet or testnet deployment includes: the price oracle, its slasher and its set. */
export interface DeployedExampleAVS {
  avs: string;
  slasher: string;
  setId: number;
}

/** One deployment: its chain, the block its first contract was deployed in (event history starts there), addresses. */
export interface PalisadeDeployment {
  chainId: number;
  deploymentBlock: number;
  addresses: PalisadeAddresses;
  /** The strategies the deployment created (more may exist: anyone can deploy one through the StrategyFactory). */
  strategies?: DeployedStrategy[];
  /** The example AVS, where the deployment includes it. */
  exampleAVS?: DeployedExampleAVS;
}

/** Palisade's deployments on public chains, by chain id. None yet: testnet deployments will be added here. */
export const KNOWN_DEPLOYMENTS: Readonly<Record<number, PalisadeDeployment>> = {};

/** Checks that `value` is a complete deployment record, naming the first field that is not. */
export function parseDeployment(value: unknown, source = "deployment"): PalisadeDeployment {
  if (typeof value !== "object" || value === null) {
    throw new InvalidArgumentError(`The ${source} is not an object.`, { argument: "deployment" });
  }
  const record = value as Record<string, unknown>;
  const chainId = record.chainId;
  const deploymentBlock = record.deploymentBlock ?? 0;
  if (typeof chainId !== "number" || !Number.isInteger(chainId) || chainId <= 0) {
    throw new InvalidArgumentError(`The ${source} has no valid "chainId".`, { argument: "deployment.chainId" });
  }
  if (typeof deploymentBlock !== "number" || !Number.isInteger(deploymentBlock) || deploymentBlock < 0) {
    throw new InvalidArgumentError(`The ${source} has no valid "deploymentBlock".`, {
      argument: "deployment.deploymentBlock",
    });
  }
  const addresses = record.addresses;
  if (typeof addresses !== "object" || addresses === null) {
    throw new InvalidArgumentError(`The ${source} has no "addresses".`, { argument: "deployment.addresses" });
  }
  const book = addresses as Record<string, unknown>;
  for (const name of ADDRESS_NAMES) {
    const address = book[name];
    if (address === undefined) {
      throw new MissingAddressError(`The ${source} gives no address for ${name}.`, {
        argument: `deployment.addresses.${name}`,
        hint: "Redeploy with the current deploy scripts, or add the address to the file.",
      });
    }
    if (typeof address !== "string" || !isAddress(address)) {
      throw new InvalidArgumentError(
        `The ${source}'s address for ${name} is not an address: ${JSON.stringify(address)}.`,
        {
          argument: `deployment.addresses.${name}`,
        },
      );
    }
  }
  const deployment: PalisadeDeployment = { chainId, deploymentBlock, addresses: book as unknown as PalisadeAddresses };
  if (record.strategies !== undefined) deployment.strategies = parseStrategies(record.strategies, source);
  if (record.exampleAVS !== undefined) deployment.exampleAVS = parseExampleAVS(record.exampleAVS, source);
  return deployment;
}

function addressField(value: unknown, source: string, argument: string): string {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new InvalidArgumentError(`The ${source}'s ${argument} is not an address: ${JSON.stringify(value)}.`, {
      argument,
    });
  }
  return value;
}

function parseStrategies(value: unknown, source: string): DeployedStrategy[] {
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError(`The ${source}'s "strategies" is not a list.`, {
      argument: "deployment.strategies",
    });
  }
  return value.map((entry: unknown, index) => {
    const item = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    const argument = `deployment.strategies[${index}]`;
    if (typeof item.symbol !== "string" || item.symbol.length === 0) {
      throw new InvalidArgumentError(`The ${source}'s ${argument} has no symbol.`, { argument: `${argument}.symbol` });
    }
    return {
      symbol: item.symbol,
      token: addressField(item.token, source, `${argument}.token`),
      strategy: addressField(item.strategy, source, `${argument}.strategy`),
    };
  });
}

function parseExampleAVS(value: unknown, source: string): DeployedExampleAVS {
  const item = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const setId = item.setId;
  if (typeof setId !== "number" || !Number.isInteger(setId) || setId < 0 || setId > 0xffffffff) {
    throw new InvalidArgumentError(`The ${source}'s exampleAVS.setId is not a set id.`, {
      argument: "deployment.exampleAVS.setId",
    });
  }
  return {
    avs: addressField(item.avs, source, "deployment.exampleAVS.avs"),
    slasher: addressField(item.slasher, source, "deployment.exampleAVS.slasher"),
    setId,
  };
}

/** Reads a deployment record written by the deploy scripts (`deployments/<chainId>.json`). */
export async function readDeploymentFile(file: string): Promise<PalisadeDeployment> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new MissingAddressError(`No deployment file at ${file}.`, {
      argument: "deployment",
      cause: error,
      hint: "Deploy first (npm run deploy -- --network localhost), or pass --deployment <file>.",
    });
  }
  try {
    return parseDeployment(JSON.parse(text) as unknown, `deployment file ${file}`);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new InvalidArgumentError(`The deployment file ${file} is not valid JSON.`, {
        argument: "deployment",
        cause: error,
      });
    }
    throw error;
  }
}
