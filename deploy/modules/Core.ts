import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ArgumentType, Future, NamedArtifactContractDeploymentFuture } from "@nomicfoundation/ignition-core";

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
 */
export default buildModule("PalisadeCore", (m) => {
  const owner = m.getParameter("owner", m.getAccount(0));
  const pauser = m.getParameter("pauser", m.getAccount(0));
  const withdrawalDelay = m.getParameter("withdrawalDelay", DEFAULT_WITHDRAWAL_DELAY);
  const minAllocationDelay = m.getParameter("minAllocationDelay", DEFAULT_MIN_ALLOCATION_DELAY);
  const maxAllocationDelay = m.getParameter("maxAllocationDelay", DEFAULT_MAX_ALLOCATION_DELAY);
  const escrowDelay = m.getParameter("escrowDelay", DEFAULT_ESCROW_DELAY);

  const placeholder = m.contract("DeploymentPlaceholder");
  // ERC1967Proxy insists on a construction call; the placeholder's `deployer()` view is a harmless one.
  const placeholderCall = m.encodeFunctionCall(placeholder, "deployer", []);
  const proxy = (id: string) => m.contract("ERC1967Proxy", [placeholder, placeholderCall], { id: `${id}Proxy` });
  const strategyManagerProxy = proxy("StrategyManager");
  const withdrawalQueueProxy = proxy("WithdrawalQueue");
  const operatorRegistryProxy = proxy("OperatorRegistry");
  const avsRegistryProxy = proxy("AVSRegistry");
  const allocationManagerProxy = proxy("AllocationManager");
  const slashingCoordinatorProxy = proxy("SlashingCoordinator");

  const strategyManagerImpl = m.contract(
    "StrategyManager",
    [withdrawalQueueProxy, operatorRegistryProxy, allocationManagerProxy, slashingCoordinatorProxy],
    { id: "StrategyManagerImpl" },
  );
  const withdrawalQueueImpl = m.contract(
    "WithdrawalQueue",
    [strategyManagerProxy, operatorRegistryProxy, avsRegistryProxy],
    { id: "WithdrawalQueueImpl" },
  );
  const operatorRegistryImpl = m.contract("OperatorRegistry", [strategyManagerProxy, withdrawalQueueProxy], {
    id: "OperatorRegistryImpl",
  });
  const avsRegistryImpl = m.contract(
    "AVSRegistry",
    [operatorRegistryProxy, withdrawalQueueProxy, slashingCoordinatorProxy],
    {
      id: "AVSRegistryImpl",
    },
  );
  const allocationManagerImpl = m.contract(
    "AllocationManager",
    [strategyManagerProxy, operatorRegistryProxy, avsRegistryProxy, withdrawalQueueProxy, slashingCoordinatorProxy],
    { id: "AllocationManagerImpl" },
  );
  const slashingCoordinatorImpl = m.contract(
    "SlashingCoordinator",
    [avsRegistryProxy, allocationManagerProxy, strategyManagerProxy, withdrawalQueueProxy],
    { id: "SlashingCoordinatorImpl" },
  );

  const install = <C extends string>(
    name: string,
    proxyFuture: typeof strategyManagerProxy,
    impl: NamedArtifactContractDeploymentFuture<C>,
    args: ArgumentType[],
    after: Future[] = [],
  ) =>
    m.call(
      m.contractAt("DeploymentPlaceholder", proxyFuture, { id: `${name}Placeholder` }),
      "upgradeToAndCall",
      [impl, m.encodeFunctionCall(impl, "initialize", args)],
      { id: `Install${name}`, after },
    );
  install("StrategyManager", strategyManagerProxy, strategyManagerImpl, [owner, pauser]);
  const avsRegistryInstalled = install("AVSRegistry", avsRegistryProxy, avsRegistryImpl, [owner, pauser]);
  install(
    "WithdrawalQueue",
    withdrawalQueueProxy,
    withdrawalQueueImpl,
    [owner, pauser, withdrawalDelay],
    [avsRegistryInstalled],
  );
  install("OperatorRegistry", operatorRegistryProxy, operatorRegistryImpl, [
    owner,
    pauser,
    minAllocationDelay,
    maxAllocationDelay,
  ]);
  const allocationManagerInstalled = install("AllocationManager", allocationManagerProxy, allocationManagerImpl, [
    owner,
    pauser,
  ]);
  install("SlashingCoordinator", slashingCoordinatorProxy, slashingCoordinatorImpl, [owner, pauser, escrowDelay]);

  const strategyManager = m.contractAt("StrategyManager", strategyManagerProxy);
  const withdrawalQueue = m.contractAt("WithdrawalQueue", withdrawalQueueProxy);
  const operatorRegistry = m.contractAt("OperatorRegistry", operatorRegistryProxy);
  const avsRegistry = m.contractAt("AVSRegistry", avsRegistryProxy);
  const allocationManager = m.contractAt("AllocationManager", allocationManagerProxy);
  const slashingCoordinator = m.contractAt("SlashingCoordinator", slashingCoordinatorProxy);

  // The lens checks at construction that the addresses it is given are the ones the core wires together, which it
  // reads from the installed AllocationManager.
  const lens = m.contract(
    "PalisadeLens",
    [
      strategyManagerProxy,
      withdrawalQueueProxy,
      operatorRegistryProxy,
      avsRegistryProxy,
      allocationManagerProxy,
      slashingCoordinatorProxy,
    ],
    { after: [allocationManagerInstalled] },
  );

  const strategyImplementation = m.contract("ERC20Strategy", [strategyManagerProxy]);
  const strategyFactoryImpl = m.contract("StrategyFactory", [strategyImplementation], {
    id: "StrategyFactoryImpl",
  });
  const strategyFactoryProxy = m.contract(
    "ERC1967Proxy",
    [strategyFactoryImpl, m.encodeFunctionCall(strategyFactoryImpl, "initialize", [owner, pauser])],
    { id: "StrategyFactoryProxy" },
  );
  const strategyFactory = m.contractAt("StrategyFactory", strategyFactoryProxy);

  return {
    strategyManager,
    withdrawalQueue,
    operatorRegistry,
    avsRegistry,
    allocationManager,
    slashingCoordinator,
    strategyFactory,
    strategyImplementation,
    lens,
  };
});
