/**
 * A network's deployment plan: `deploy/parameters/<network>.json`, read and checked before anything is sent.
 *
 * The file has one section per Ignition module of the suite (deploy/modules/Palisade.ts):
 * - `PalisadeCore`: `withdrawalDelay`, `minAllocationDelay`, `maxAllocationDelay`, `escrowDelay` (seconds) and `pauser`
 *   (an address, or null for the deployer);
 * - `PalisadeStrategies.tokens`: the initial strategies, each either an existing token (`{ "symbol", "address" }`) or a
 *   freely mintable test token the deployment creates (`{ "symbol", "testToken": { "name", "decimals" } }`), with
 *   optional deposit caps in token base units (`maxPerDeposit`, `maxTotalDeposits`, decimal strings; 0 or absent: none);
 * - `PalisadeExampleAVS` (optional): the example price oracle (contracts/examples/PriceOracleAVS.sol) with its
 *   equivocation slasher: `metadataURI`; the oracle's settings `minimumStake` (a stake weight, at least 1),
 *   `maxOperators` (its seats, from `quorum` to 32), `quorum` (reports a round needs, at least 1), `roundDuration`
 *   (seconds, at least 1) and `maxPrice` (the highest price a report may carry, at least 1); `strategyWeights`, the
 *   weight of 1e18 shares of each initial strategy by token symbol (from 1 to 1e34; the oracle's set holds every
 *   initial strategy, at most 8); `slashWad`, `bountyWad` (1e18 = 100%), `treasury` (null: the deployer);
 * - `PalisadeGovernance.owner`: the timelock or multisig that governs the deployment (null: the deployer keeps it).
 *
 * A public network must name its owner and its pauser, and they must differ: the deploy script refuses otherwise.
 */
import { readFile } from "node:fs/promises";

import { getAddress, isAddress } from "ethers";

import type { CoreParameters } from "./core.js";

/** An initial strategy's token: one that exists, or a test token the deployment creates. */
export interface TokenPlan {
  symbol: string;
  /** The token's address, for a token that exists on the network. */
  address?: string;
  /** A freely mintable test token (contracts/mocks/MockERC20.sol) to create, for devnets and testnets. */
  testToken?: { name: string; decimals: number };
  maxPerDeposit: bigint;
  maxTotalDeposits: bigint;
}

export interface ExampleAVSPlan {
  metadataURI: string;
  /** The oracle's settings, as its constructor takes them (`PriceOracleAVS.Parameters`). */
  minimumStake: bigint;
  maxOperators: bigint;
  quorum: bigint;
  roundDuration: bigint;
  maxPrice: bigint;
  /** The weight of 1e18 shares of each initial strategy, in the order of `DeploymentPlan.tokens`. */
  strategyWeights: bigint[];
  slashWad: bigint;
  bountyWad: bigint;
  /** Where the oracle's slashed funds go after the bounty; undefined: the deployer. */
  treasury?: string;
}

export interface DeploymentPlan {
  /** The file the plan was read from, for messages. */
  source: string;
  core: Omit<CoreParameters, "owner">;
  tokens: TokenPlan[];
  exampleAVS?: ExampleAVSPlan;
  /** The governance the deployer hands ownership to; undefined: the deployer keeps it. */
  governanceOwner?: string;
}

/** A parameter file that cannot be deployed as it is, naming the field at fault. */
export class DeploymentPlanError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${source}: ${field} ${problem}`);
    this.name = "DeploymentPlanError";
  }
}

const WAD = 10n ** 18n;
/** PriceOracleAVS's limits: MAX_OPERATORS, MAX_STRATEGIES and MAX_STRATEGY_WEIGHT. */
const ORACLE_MAX_OPERATORS = 32n;
const ORACLE_MAX_STRATEGIES = 8;
const ORACLE_MAX_STRATEGY_WEIGHT = 10n ** 34n;
const SYMBOL = /^[A-Za-z][A-Za-z0-9]{0,10}$/;

type Json = Record<string, unknown>;

function section(root: Json, name: string, source: string): Json | undefined {
  const value = root[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    throw new DeploymentPlanError(source, name, "is not an object");
  return value as Json;
}

function optionalAddress(value: unknown, source: string, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !isAddress(value)) {
    throw new DeploymentPlanError(source, field, `is not an address: ${JSON.stringify(value)}`);
  }
  const address = getAddress(value);
  if (address === "0x0000000000000000000000000000000000000000") {
    throw new DeploymentPlanError(source, field, "is the zero address");
  }
  return address;
}

function seconds(value: unknown, source: string, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new DeploymentPlanError(source, field, `is not a whole number of seconds: ${JSON.stringify(value)}`);
  }
  return value;
}

/** A non-negative integer given as a decimal string (JSON numbers lose precision above 2^53) or a small number. */
function amount(value: unknown, source: string, field: string, fallback?: bigint): bigint {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^[0-9]+$/.test(value)) return BigInt(value);
  throw new DeploymentPlanError(
    source,
    field,
    `is not a non-negative integer (a decimal string): ${JSON.stringify(value)}`,
  );
}

function tokenPlan(value: unknown, source: string, field: string): TokenPlan {
  if (typeof value !== "object" || value === null) throw new DeploymentPlanError(source, field, "is not an object");
  const entry = value as Json;
  const symbol = entry.symbol;
  if (typeof symbol !== "string" || !SYMBOL.test(symbol)) {
    throw new DeploymentPlanError(source, `${field}.symbol`, `is not a token symbol: ${JSON.stringify(symbol)}`);
  }
  const address = optionalAddress(entry.address, source, `${field}.address`);
  let testToken: TokenPlan["testToken"];
  if (entry.testToken !== undefined && entry.testToken !== null) {
    const spec = entry.testToken as Json;
    if (typeof spec.name !== "string" || spec.name.length === 0) {
      throw new DeploymentPlanError(source, `${field}.testToken.name`, "is missing");
    }
    if (
      typeof spec.decimals !== "number" ||
      !Number.isInteger(spec.decimals) ||
      spec.decimals < 0 ||
      spec.decimals > 36
    ) {
      throw new DeploymentPlanError(source, `${field}.testToken.decimals`, "is not a whole number from 0 to 36");
    }
    testToken = { name: spec.name, decimals: spec.decimals };
  }
  if ((address === undefined) === (testToken === undefined)) {
    throw new DeploymentPlanError(source, field, 'needs exactly one of "address" (an existing token) and "testToken"');
  }
  const maxPerDeposit = amount(entry.maxPerDeposit, source, `${field}.maxPerDeposit`, 0n);
  const maxTotalDeposits = amount(entry.maxTotalDeposits, source, `${field}.maxTotalDeposits`, 0n);
  // The StrategyManager stores the caps as uint120 and uint128.
  if (maxPerDeposit >= 1n << 120n) throw new DeploymentPlanError(source, `${field}.maxPerDeposit`, "exceeds uint120");
  if (maxTotalDeposits >= 1n << 128n) {
    throw new DeploymentPlanError(source, `${field}.maxTotalDeposits`, "exceeds uint128");
  }
  return { symbol, address, testToken, maxPerDeposit, maxTotalDeposits };
}

/** The oracle's weight of each token's strategy, in the order of `tokens`: one per symbol, each in [1, 1e34]. */
function strategyWeights(value: unknown, tokens: TokenPlan[], source: string, field: string): bigint[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DeploymentPlanError(source, field, "is not an object of weights by token symbol");
  }
  if (tokens.length > ORACLE_MAX_STRATEGIES) {
    throw new DeploymentPlanError(source, field, `names more than ${String(ORACLE_MAX_STRATEGIES)} strategies`);
  }
  const weights = value as Json;
  for (const symbol of Object.keys(weights)) {
    if (!tokens.some((token) => token.symbol === symbol)) {
      throw new DeploymentPlanError(source, `${field}.${symbol}`, "is not a token of PalisadeStrategies");
    }
  }
  return tokens.map((token) => {
    const weight = amount(weights[token.symbol], source, `${field}.${token.symbol}`);
    if (weight === 0n || weight > ORACLE_MAX_STRATEGY_WEIGHT) {
      throw new DeploymentPlanError(source, `${field}.${token.symbol}`, "is not in [1, 1e34]");
    }
    return weight;
  });
}

/** Checks a parsed parameter file and returns its plan; `source` names it in errors. */
export function parseDeploymentPlan(value: unknown, source: string): DeploymentPlan {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DeploymentPlanError(source, "the file", "is not a JSON object");
  }
  const root = value as Json;
  const coreSection = section(root, "PalisadeCore", source) ?? {};
  const core: DeploymentPlan["core"] = {
    withdrawalDelay: seconds(coreSection.withdrawalDelay, source, "PalisadeCore.withdrawalDelay"),
    minAllocationDelay: seconds(coreSection.minAllocationDelay, source, "PalisadeCore.minAllocationDelay"),
    maxAllocationDelay: seconds(coreSection.maxAllocationDelay, source, "PalisadeCore.maxAllocationDelay"),
    escrowDelay: seconds(coreSection.escrowDelay, source, "PalisadeCore.escrowDelay"),
    pauser: optionalAddress(coreSection.pauser, source, "PalisadeCore.pauser"),
  };

  const strategiesSection = section(root, "PalisadeStrategies", source) ?? {};
  const rawTokens = strategiesSection.tokens ?? [];
  if (!Array.isArray(rawTokens)) throw new DeploymentPlanError(source, "PalisadeStrategies.tokens", "is not a list");
  const tokens = rawTokens.map((entry, index) => tokenPlan(entry, source, `PalisadeStrategies.tokens[${index}]`));
  const symbols = new Set<string>();
  for (const [index, token] of tokens.entries()) {
    if (symbols.has(token.symbol)) {
      throw new DeploymentPlanError(source, `PalisadeStrategies.tokens[${index}].symbol`, `repeats ${token.symbol}`);
    }
    symbols.add(token.symbol);
  }

  let exampleAVS: ExampleAVSPlan | undefined;
  const avsSection = section(root, "PalisadeExampleAVS", source);
  if (avsSection !== undefined) {
    const field = (name: string): string => `PalisadeExampleAVS.${name}`;
    if (tokens.length === 0) {
      throw new DeploymentPlanError(source, "PalisadeExampleAVS", "needs at least one strategy to slash");
    }
    if (typeof avsSection.metadataURI !== "string" || avsSection.metadataURI.length === 0) {
      throw new DeploymentPlanError(source, field("metadataURI"), "is missing");
    }
    const slashWad = amount(avsSection.slashWad, source, field("slashWad"));
    const bountyWad = amount(avsSection.bountyWad, source, field("bountyWad"));
    if (slashWad === 0n || slashWad > WAD)
      throw new DeploymentPlanError(source, field("slashWad"), "is not in (0, 1e18]");
    if (bountyWad > WAD) throw new DeploymentPlanError(source, field("bountyWad"), "exceeds 1e18");
    const minimumStake = amount(avsSection.minimumStake, source, field("minimumStake"));
    if (minimumStake === 0n) throw new DeploymentPlanError(source, field("minimumStake"), "is 0: at least 1");
    const quorum = amount(avsSection.quorum, source, field("quorum"));
    if (quorum === 0n) throw new DeploymentPlanError(source, field("quorum"), "is 0: at least 1");
    const maxOperators = amount(avsSection.maxOperators, source, field("maxOperators"));
    if (maxOperators < quorum || maxOperators > ORACLE_MAX_OPERATORS) {
      throw new DeploymentPlanError(
        source,
        field("maxOperators"),
        `is not in [quorum, ${String(ORACLE_MAX_OPERATORS)}]: ${String(maxOperators)}`,
      );
    }
    const roundDuration = BigInt(seconds(avsSection.roundDuration, source, field("roundDuration")) ?? 0);
    if (roundDuration === 0n) throw new DeploymentPlanError(source, field("roundDuration"), "is missing or 0");
    const maxPrice = amount(avsSection.maxPrice, source, field("maxPrice"));
    if (maxPrice === 0n) throw new DeploymentPlanError(source, field("maxPrice"), "is 0: at least 1");
    exampleAVS = {
      metadataURI: avsSection.metadataURI,
      minimumStake,
      maxOperators,
      quorum,
      roundDuration,
      maxPrice,
      strategyWeights: strategyWeights(avsSection.strategyWeights, tokens, source, field("strategyWeights")),
      slashWad,
      bountyWad,
      treasury: optionalAddress(avsSection.treasury, source, field("treasury")),
    };
  }

  const governance = section(root, "PalisadeGovernance", source) ?? {};
  return {
    source,
    core,
    tokens,
    exampleAVS,
    governanceOwner: optionalAddress(governance.owner, source, "PalisadeGovernance.owner"),
  };
}

/** Reads and checks `deploy/parameters/<network>.json` (or another file). */
export async function readDeploymentPlan(file: string): Promise<DeploymentPlan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new DeploymentPlanError(file, "the file", "does not exist: every network deploys from its parameter file");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DeploymentPlanError(file, "the file", `is not JSON (${(error as Error).message})`);
  }
  return parseDeploymentPlan(parsed, file);
}

/**
 * What a public network needs beyond a valid file: an owner other than the deployer and a pauser other than the
 * owner, so that no single key both governs the protocol and can freeze it.
 */
export function checkPublicNetworkPlan(plan: DeploymentPlan): void {
  if (plan.governanceOwner === undefined) {
    throw new DeploymentPlanError(
      plan.source,
      "PalisadeGovernance.owner",
      "is not set: a public deployment hands ownership to a timelock or multisig (docs/DEPLOYING.md)",
    );
  }
  if (plan.core.pauser === undefined) {
    throw new DeploymentPlanError(
      plan.source,
      "PalisadeCore.pauser",
      "is not set: a public deployment names its pauser",
    );
  }
  if (plan.core.pauser === plan.governanceOwner) {
    throw new DeploymentPlanError(
      plan.source,
      "PalisadeCore.pauser",
      "is the owner: the pauser must be a separate key",
    );
  }
}
