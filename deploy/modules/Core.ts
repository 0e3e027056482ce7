import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ArgumentType, CallableContractFuture, ContractFuture, Future } from "@nomicfoundation/ignition-core";

import {
  ADDRESS_NAMES,
  CONTRACT_MANIFEST,
  UPGRADEABLE_CONTRACTS,
  type AddressKey,
  type ContractName,
  type UpgradeableContract,
  type WiringName,
} from "../../sdk/src/manifest.js";

/** One week: the delay a public network runs with unless its parameter file says otherwise. */
const DEFAULT_WITHDRAWAL_DELAY = 7 * 24 * 60 * 60;
/** Four days: how long a redistributing set's slashed funds stay in escrow unless the parameter file says otherwise. */
const DEFAULT_ESCROW_DELAY = 4 * 24 * 60 * 60;
/** Operators choose their allocation delay between one minute and 21 days unless told otherwise. */
const DEFAULT_MIN_ALLOCATION_DELAY = 60;
const DEFAULT_MAX_ALLOCATION_DELAY = 21 * 24 * 60 * 60;

/**
 * Palisade's core: the StrategyManager, the WithdrawalQueue, the OperatorRegistry, the AVSRegistry, the
 * AllocationManager, the SlashingCoordinator and the StrategyFactory behind UUPS proxies, the ERC20Strategy
 * implementation that every strategy clone runs, and the PalisadeLens the SDK reads through.
 *
 * The core contracts name one another in immutables, so their proxies are deployed first, on a
 * `DeploymentPlaceholder` implementation that only the deployer can replace; the real implementations follow, built
 * with the proxies' addresses, and each proxy is then upgraded to its implementation and initialised in one call.
 *
 * Parameters (`deploy/parameters/<network>.json`, module `PalisadeCore`):
 * - `owner`: governance (default: the deployer);
 * - `pauser`: the pauser role (default: the deployer);
 * - `withdrawalDelay`: seconds between queueing a withdrawal and completing it (default: 7 days);
 * - `minAllocationDelay`, `maxAllocationDelay`: the allocation delays operators may choose (default: 1 minute to
 *   21 days); an increase never takes effect before the withdrawal delay has passed, whatever the operator chose;
 * - `escrowDelay`: seconds a redistributing set's slashed funds stay in escrow before they can be released (default:
 *   4 days).
 *
 * The withdrawal queue tells the AVS registry its delay when it is initialised, so the registry is installed first.
 *
 * Which contracts sit behind proxies, which the lens reads and what each constructor takes come from
 * sdk/src/manifest.ts; test/ts/deploy/manifest.test.ts checks that this module deploys exactly what the manifest lists.
 */
/** The core's results: each address-book contract by its key, and the implementation every strategy clone runs. */
export type CoreResults = Record<AddressKey, CallableContractFuture<string>> & {
  strategyImplementation: ContractFuture<"ERC20Strategy">;
};

/**
 * The proxies deployed on the placeholder: those whose implementation's constructor names another proxy. The
 * StrategyFactory's implementation names only the strategy implementation, so its proxy is deployed on it directly,
 * initialised in the same call.
 */
const PLACEHOLDER_PROXIES = UPGRADEABLE_CONTRACTS.filter((name) =>
  CONTRACT_MANIFEST[name].wiring.some((getter) => getter !== "strategyImplementation"),
);

/** The contracts that must be installed before another is: the withdrawal queue tells the AVS registry its delay. */
const INSTALLED_BEFORE: Partial<Record<UpgradeableContract, UpgradeableContract>> = {
  WithdrawalQueue: "AVSRegistry",
};

export default buildModule("PalisadeCore", (m): CoreResults => {
  const owner = m.getParameter("owner", m.getAccount(0));
  const pauser = m.getParameter("pauser", m.getAccount(0));
  const withdrawalDelay = m.getParameter("withdrawalDelay", DEFAULT_WITHDRAWAL_DELAY);
  const minAllocationDelay = m.getParameter("minAllocationDelay", DEFAULT_MIN_ALLOCATION_DELAY);
  const maxAllocationDelay = m.getParameter("maxAllocationDelay", DEFAULT_MAX_ALLOCATION_DELAY);
  const escrowDelay = m.getParameter("escrowDelay", DEFAULT_ESCROW_DELAY);

  /** Each upgradeable contract's `initialize` arguments. */
  const initialization: Record<UpgradeableContract, ArgumentType[]> = {
    StrategyManager: [owner, pauser],
    WithdrawalQueue: [owner, pauser, withdrawalDelay],
    OperatorRegistry: [owner, pauser, minAllocationDelay, maxAllocationDelay],
    AVSRegistry: [owner, pauser],
    AllocationManager: [owner, pauser],
    SlashingCoordinator: [owner, pauser, escrowDelay],
    StrategyFactory: [owner, pauser],
  };

  // The addresses the constructors are wired with, as they become known: the proxies, then the strategy
  // implementation.
  const wired = new Map<WiringName, ContractFuture<string>>();
  const wiringOf = (name: ContractName): ContractFuture<string>[] =>
    CONTRACT_MANIFEST[name].wiring.map((getter) => {
      const future = wired.get(getter);
      if (future === undefined) throw new Error(`PalisadeCore: ${name} is wired to ${getter} before it exists`);
      return future;
    });
  const proxies = new Map<UpgradeableContract, ContractFuture<"ERC1967Proxy">>();
  const proxyOf = (name: UpgradeableContract): ContractFuture<"ERC1967Proxy"> => {
    const proxy = proxies.get(name);
    if (proxy === undefined) throw new Error(`PalisadeCore: ${name} has no proxy yet`);
    return proxy;
  };

  const placeholder = m.contract("DeploymentPlaceholder");
  // ERC1967Proxy insists on a construction call; the placeholder's `deployer()` view is a harmless one.
  const placeholderCall = m.encodeFunctionCall(placeholder, "deployer", []);
  for (const name of PLACEHOLDER_PROXIES) {
    const proxy = m.contract("ERC1967Proxy", [placeholder, placeholderCall], { id: `${name}Proxy` });
    proxies.set(name, proxy);
    wired.set(CONTRACT_MANIFEST[name].key, proxy);
  }

  const installed = new Map<UpgradeableContract, Future>();
  const install = (name: UpgradeableContract): Future => {
    const done = installed.get(name);
    if (done !== undefined) return done;
    const before = INSTALLED_BEFORE[name];
    const after = before === undefined ? [] : [install(before)];
    const implementation = m.contract(name, wiringOf(name), { id: `${name}Impl` });
    const call = m.call(
      m.contractAt("DeploymentPlaceholder", proxyOf(name), { id: `${name}Placeholder` }),
      "upgradeToAndCall",
      [implementation, m.encodeFunctionCall(implementation, "initialize", initialization[name])],
      { id: `Install${name}`, after },
    );
    installed.set(name, call);
    return call;
  };
  for (const name of PLACEHOLDER_PROXIES) install(name);

  // The lens checks at construction that the addresses it is given are the ones the core wires together, which it
  // reads from the installed AllocationManager.
  const lens = m.contract("PalisadeLens", wiringOf("PalisadeLens"), { after: [install("AllocationManager")] });

  const strategyImplementation = m.contract("ERC20Strategy", wiringOf("ERC20Strategy"));
  wired.set("strategyImplementation", strategyImplementation);
  for (const name of UPGRADEABLE_CONTRACTS.filter((contract) => !proxies.has(contract))) {
    const implementation = m.contract(name, wiringOf(name), { id: `${name}Impl` });
    const initialize = m.encodeFunctionCall(implementation, "initialize", initialization[name]);
    proxies.set(name, m.contract("ERC1967Proxy", [implementation, initialize], { id: `${name}Proxy` }));
  }

  const results: Partial<Record<AddressKey, CallableContractFuture<string>>> = { lens };
  for (const name of UPGRADEABLE_CONTRACTS) {
    results[CONTRACT_MANIFEST[name].key] = m.contractAt(name, proxyOf(name));
  }
  const missing = ADDRESS_NAMES.filter((key) => results[key] === undefined);
  if (missing.length > 0) throw new Error(`PalisadeCore deploys nothing for ${missing.join(", ")}`);
  return { ...(results as Record<AddressKey, CallableContractFuture<string>>), strategyImplementation };
});
