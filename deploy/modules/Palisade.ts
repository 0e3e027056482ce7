import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture, Future } from "@nomicfoundation/ignition-core";

import type { DeploymentPlan, TokenPlan } from "../plan.js";
import { CONTRACT_MANIFEST, UPGRADEABLE_CONTRACTS } from "../../sdk/src/manifest.js";
import CoreModule from "./Core.js";

/** The core's contracts that have an owner (every upgradeable one), by the name they have in the suite's results. */
export const OWNED_CONTRACTS = UPGRADEABLE_CONTRACTS.map((name) => CONTRACT_MANIFEST[name].key);

/**
 * The whole suite for one network, as one Ignition module (`Palisade`) built from its deployment plan
 * (deploy/plan.ts):
 *
 * 1. `PalisadeCore` (deploy/modules/Core.ts): the core behind its proxies, owned by the deployer for now, with the
 *    plan's pauser and delays.
 * 2. The initial strategies: each test token is created, each token gets its strategy from the StrategyFactory
 *    (permissionless), the strategies are whitelisted and their deposit caps set.
 * 3. Optionally the example AVS: the price oracle with the plan's settings, its EquivocationSlasher, its registration
 *    and its operator set over every initial strategy, weighted as the plan says.
 * 4. The governance handover: each owned contract proposes the plan's owner (a two-step transfer, which the new
 *    owner completes with `acceptOwnership`; until then the deployer still owns, so a mistyped address costs nothing).
 *
 * Each step is a future in Ignition's journal, so a deployment that stopped halfway resumes where it stopped and a
 * finished one is not repeated. The plan shapes the module (one future per token), so a changed plan is a new
 * deployment: Ignition refuses to reconcile a journal with a module whose futures changed.
 */
export function buildPalisadeModule(plan: DeploymentPlan) {
  return buildModule("Palisade", (m) => {
    const core = m.useModule(CoreModule);
    const deployer = m.getAccount(0);

    const setup: Future[] = [];
    const strategies: ContractFuture<"ERC20Strategy">[] = [];
    const results: Record<string, ContractFuture<string>> = {};
    const capped: { token: TokenPlan; strategy: ContractFuture<"ERC20Strategy"> }[] = [];
    for (const token of plan.tokens) {
      let tokenAddress: ContractFuture<string> | string;
      if (token.testToken !== undefined) {
        const created = m.contract("MockERC20", [token.testToken.name, token.symbol, token.testToken.decimals], {
          id: `TestToken_${token.symbol}`,
        });
        results[`token_${token.symbol}`] = created;
        tokenAddress = created;
      } else {
        tokenAddress = token.address ?? "";
      }
      const deployed = m.call(core.strategyFactory, "deployStrategy", [tokenAddress], {
        id: `DeployStrategy_${token.symbol}`,
      });
      const strategy = m.contractAt(
        "ERC20Strategy",
        m.readEventArgument(deployed, "StrategyDeployed", "strategy", { id: `StrategyOf_${token.symbol}` }),
        { id: `Strategy_${token.symbol}` },
      );
      strategies.push(strategy);
      results[`strategy_${token.symbol}`] = strategy;
      if (token.maxPerDeposit !== 0n || token.maxTotalDeposits !== 0n) capped.push({ token, strategy });
    }
    if (strategies.length > 0) {
      setup.push(m.call(core.strategyManager, "addStrategiesToWhitelist", [strategies], { id: "WhitelistStrategies" }));
    }
    for (const { token, strategy } of capped) {
      setup.push(
        m.call(core.strategyManager, "setDepositCaps", [strategy, token.maxPerDeposit, token.maxTotalDeposits], {
          id: `DepositCaps_${token.symbol}`,
        }),
      );
    }

    if (plan.exampleAVS !== undefined) {
      const avs = plan.exampleAVS;
      const oracle = m.contract("PriceOracleAVS", [
        core.avsRegistry,
        core.allocationManager,
        deployer,
        {
          minimumStake: avs.minimumStake,
          maxOperators: avs.maxOperators,
          quorum: avs.quorum,
          roundDuration: avs.roundDuration,
          maxPrice: avs.maxPrice,
        },
      ]);
      const slasher = m.contract("EquivocationSlasher", [
        core.slashingCoordinator,
        { avs: oracle, id: 0 },
        strategies,
        avs.slashWad,
        avs.bountyWad,
        avs.treasury ?? deployer,
      ]);
      const registered = m.call(oracle, "registerAVS", [avs.metadataURI]);
      setup.push(
        m.call(oracle, "createOracleSet", [slasher, strategies, avs.strategyWeights], { after: [registered] }),
      );
      results.exampleAVS = oracle;
      results.exampleAVSSlasher = slasher;
    }

    if (plan.governanceOwner !== undefined) {
      for (const name of OWNED_CONTRACTS) {
        m.call(core[name], "transferOwnership", [plan.governanceOwner], { id: `HandOver_${name}`, after: setup });
      }
    }

    return { ...core, ...results };
  });
}
