import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The withdrawal queue arrives with a later module; until then nothing can leave the manager. */
const NOT_YET_DEPLOYED = "0x0000000000000000000000000000000000000000";

/**
 * Palisade's deposit layer: the StrategyManager and the StrategyFactory behind UUPS proxies, and the ERC20Strategy
 * implementation that every strategy clone runs.
 *
 * Parameters (`deploy/parameters/<network>.json`, module `PalisadeCore`):
 * - `owner`: governance (default: the deployer);
 * - `pauser`: the pauser role (default: the deployer).
 */
export default buildModule("PalisadeCore", (m) => {
  const owner = m.getParameter("owner", m.getAccount(0));
  const pauser = m.getParameter("pauser", m.getAccount(0));

  const strategyManagerImpl = m.contract("StrategyManager", [NOT_YET_DEPLOYED], {
    id: "StrategyManagerImpl",
  });
  const strategyManagerProxy = m.contract(
    "ERC1967Proxy",
    [strategyManagerImpl, m.encodeFunctionCall(strategyManagerImpl, "initialize", [owner, pauser])],
    { id: "StrategyManagerProxy" },
  );
  const strategyManager = m.contractAt("StrategyManager", strategyManagerProxy);

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

  return { strategyManager, strategyFactory, strategyImplementation };
});
