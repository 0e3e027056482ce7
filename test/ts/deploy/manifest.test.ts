/**
 * The contract manifest (sdk/src/manifest.ts) against what uses it without being able to derive from it: the
 * Ignition modules, whose futures are written one call at a time, and the build's artifacts, which say what each
 * contract's constructor takes. No network: the modules are inspected as built, the artifacts read from disk.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { FutureType, type Future } from "@nomicfoundation/ignition-core";

import CoreModule from "../../../deploy/modules/Core.js";
import { buildPalisadeModule } from "../../../deploy/modules/Palisade.js";
import { upgradeModule } from "../../../deploy/modules/Upgrade.js";
import type { DeploymentPlan } from "../../../deploy/plan.js";
import {
  ADDRESS_BOOK_CONTRACTS,
  ADDRESS_NAMES,
  CONTRACT_MANIFEST,
  CONTRACT_NAMES,
  CORE_CONTRACTS,
  UPGRADEABLE_CONTRACTS,
  type ContractName,
} from "../../../sdk/src/manifest.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");

interface AbiEntry {
  type: string;
  name?: string;
  inputs?: { type: string }[];
  outputs?: { type: string }[];
  stateMutability?: string;
}

function abiOf(name: ContractName): AbiEntry[] {
  const file = path.join(ROOT, "artifacts", CONTRACT_MANIFEST[name].source, `${name}.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { abi: AbiEntry[] }).abi;
}

const futures = [...CoreModule.futures];
const deployments = futures.filter((future) => future.type === FutureType.NAMED_ARTIFACT_CONTRACT_DEPLOYMENT);
const results = CoreModule.results as Record<string, Future | undefined>;

/** The future whose address `value` stands for: a deployment itself, or the address a contractAt points to. */
function addressFuture(value: unknown): unknown {
  const future = value as Partial<Future> | undefined;
  return future?.type === FutureType.NAMED_ARTIFACT_CONTRACT_AT ? future.address : value;
}

/** A future's id (compared instead of the futures, which chai's deep equality cannot print). */
function idOf(value: unknown): unknown {
  return (value as Partial<Future> | undefined)?.id ?? value;
}

describe("contract manifest", function () {
  describe("PalisadeCore deploys what the manifest lists", function () {
    it("deploys exactly the manifest's core contracts", function () {
      const deployed = new Set(deployments.map((future) => future.contractName));
      expect([...deployed].sort()).to.deep.equal([...CORE_CONTRACTS].sort());
    });

    it("returns each address-book contract under its key, and the strategy implementation", function () {
      expect(Object.keys(results).sort()).to.deep.equal([...ADDRESS_NAMES, "strategyImplementation"].sort());
      for (const name of ADDRESS_BOOK_CONTRACTS) {
        const result = results[CONTRACT_MANIFEST[name].key];
        expect(result !== undefined && "contractName" in result ? result.contractName : undefined, name).to.equal(name);
      }
    });

    it("puts exactly the upgradeable contracts behind proxies that run their implementations", function () {
      const proxied = deployments.filter((future) => future.contractName === "ERC1967Proxy");
      expect(proxied, "one proxy per upgradeable contract").to.have.length(UPGRADEABLE_CONTRACTS.length);
      for (const name of CONTRACT_NAMES.filter((contract) => CONTRACT_MANIFEST[contract].key !== null)) {
        const result = results[CONTRACT_MANIFEST[name].key ?? ""];
        const isProxy = proxied.some((proxy) => proxy === addressFuture(result));
        expect(isProxy, `${name} is behind a proxy`).to.equal(CONTRACT_MANIFEST[name].deployment === "proxy");
      }
      for (const name of UPGRADEABLE_CONTRACTS) {
        const proxy = addressFuture(results[CONTRACT_MANIFEST[name].key]);
        const implementation = deployments.find((future) => future.contractName === name);
        expect(implementation, `${name}'s implementation`).to.not.equal(undefined);
        // Either the proxy is built on the implementation, or the placeholder it starts on is upgraded to it.
        const builtOn = proxied.find((future) => future === proxy)?.constructorArgs[0] === implementation;
        const upgraded = futures.some(
          (future) =>
            future.type === FutureType.CONTRACT_CALL &&
            future.functionName === "upgradeToAndCall" &&
            addressFuture(future.contract) === proxy &&
            future.args[0] === implementation,
        );
        expect(builtOn || upgraded, `${name}'s proxy runs its implementation`).to.equal(true);
      }
    });

    it("wires each constructor with the addresses the manifest names", function () {
      const addressOf = (getter: string): unknown =>
        getter === "strategyImplementation" ? results.strategyImplementation : addressFuture(results[getter]);
      for (const future of deployments) {
        if (!(future.contractName in CONTRACT_MANIFEST)) continue;
        if (future.contractName === "ERC1967Proxy") continue;
        const wiring: readonly string[] = CONTRACT_MANIFEST[future.contractName as ContractName].wiring;
        expect(future.constructorArgs.map(idOf), future.id).to.deep.equal(wiring.map(addressOf).map(idOf));
      }
    });
  });

  describe("the suite and the upgrades", function () {
    it("hands every upgradeable contract over to governance", function () {
      const plan: DeploymentPlan = {
        source: "test",
        core: {},
        tokens: [],
        governanceOwner: "0x000000000000000000000000000000000000dEaD",
      };
      const handovers = [...buildPalisadeModule(plan).futures]
        .filter((future) => future.type === FutureType.CONTRACT_CALL && future.functionName === "transferOwnership")
        .map((future) => future.id);
      expect(handovers.sort()).to.deep.equal(
        UPGRADEABLE_CONTRACTS.map((name) => `Palisade#HandOver_${CONTRACT_MANIFEST[name].key}`).sort(),
      );
    });

    it("builds an upgrade of every upgradeable contract with its running wiring", function () {
      for (const name of UPGRADEABLE_CONTRACTS) {
        const reads = [...upgradeModule({ contract: name }).futures]
          .filter((future) => future.type === FutureType.STATIC_CALL)
          .map((future) => future.functionName);
        expect(reads, name).to.deep.equal([...CONTRACT_MANIFEST[name].wiring]);
      }
    });
  });

  describe("the manifest against the build", function () {
    it("names, for every constructor, one address getter per argument, in order", function () {
      // A contract outside the core (a slasher, the example AVS) is wired by whoever deploys it: its wiring is empty.
      for (const name of CONTRACT_NAMES.filter((contract) => CONTRACT_MANIFEST[contract].wiring.length > 0)) {
        const { wiring } = CONTRACT_MANIFEST[name];
        const abi = abiOf(name);
        const constructorInputs = abi.find((entry) => entry.type === "constructor")?.inputs ?? [];
        expect(
          constructorInputs.map((input) => input.type),
          `${name}'s constructor takes the ${wiring.length} addresses the manifest wires`,
        ).to.deep.equal(wiring.map(() => "address"));
        for (const getter of wiring) {
          const view = abi.find((entry) => entry.type === "function" && entry.name === getter);
          expect(view?.inputs, `${name}.${getter}()`).to.deep.equal([]);
          expect(
            view?.outputs?.map((output) => output.type),
            `${name}.${getter}() returns an address`,
          ).to.deep.equal(["address"]);
        }
      }
    });

    it("marks as upgradeable exactly the contracts that are UUPS, owned and initialisable", function () {
      // The placeholder is UUPS too, by design: the deployer replaces it with each real implementation.
      for (const name of CONTRACT_NAMES.filter((contract) => contract !== "DeploymentPlaceholder")) {
        const functions = new Set(abiOf(name).flatMap((entry) => (entry.type === "function" ? [entry.name] : [])));
        const upgradeable = ["upgradeToAndCall", "initialize", "acceptOwnership"].every((fn) => functions.has(fn));
        expect(upgradeable, name).to.equal(CONTRACT_MANIFEST[name].deployment === "proxy");
      }
    });
  });
});
