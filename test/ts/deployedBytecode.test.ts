/**
 * The tests run the bytecode we deploy: every artifact the test build made of a source under `contracts/` (and of
 * the ERC-1967 proxy) was compiled with the settings the `production` build profile gives that source, so the
 * Solidity tests (which deploy from artifacts) and these TypeScript suites (which deploy through Ignition) exercise
 * what `npm run deploy` ships. The coverage run builds the contracts without the optimizer on purpose
 * (hardhat.config.ts), so there this file has nothing to check.
 */
import { readFile } from "node:fs/promises";

import { expect } from "chai";
import hre from "hardhat";

import { connection } from "./fixtures.js";

const PROXY = "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol:ERC1967Proxy";

interface BuildInfoInput {
  input: { settings: { optimizer: unknown; viaIR?: boolean; evmVersion?: string } };
}

/** The settings the production profile compiles `sourceName` with: its override, else the profile's compiler. */
function productionSettingsOf(sourceName: string): unknown {
  const production = hre.config.solidity.profiles.production;
  if (production === undefined) throw new Error("hardhat.config.ts has no `production` build profile");
  const override = production.overrides[sourceName];
  const compiler = override ?? production.compilers[0];
  if (compiler === undefined) throw new Error("the `production` build profile has no compiler");
  return compiler.settings;
}

/** The settings the artifact `name` was compiled with, from its build info. */
async function compiledSettingsOf(name: string): Promise<BuildInfoInput["input"]["settings"]> {
  const artifact = await hre.artifacts.readArtifact(name);
  if (artifact.buildInfoId === undefined) throw new Error(`${name} has no build info`);
  const file = await hre.artifacts.getBuildInfoPath(artifact.buildInfoId);
  if (file === undefined) throw new Error(`the build info of ${name} is missing`);
  return (JSON.parse(await readFile(file, "utf8")) as BuildInfoInput).input.settings;
}

/** The fully qualified names of the deployable contracts the test build holds. */
async function deployableContracts(): Promise<string[]> {
  const names = [...(await hre.artifacts.getAllFullyQualifiedNames())];
  return names.filter((name) => name.startsWith("contracts/") && !name.startsWith("contracts/mocks/")).toSorted();
}

describe("The tests run the deployed bytecode", function () {
  before(function () {
    if (process.env.PALISADE_COVERAGE === "1") this.skip();
  });

  it("builds every contract of contracts/ with the production profile's settings", async function () {
    const names = await deployableContracts();
    expect(names, "the contracts found").to.include.members([
      "contracts/core/StrategyManager.sol:StrategyManager",
      "contracts/periphery/PalisadeLens.sol:PalisadeLens",
    ]);
    for (const name of names) {
      const sourceName = name.slice(0, name.lastIndexOf(":"));
      const { optimizer, viaIR, evmVersion } = await compiledSettingsOf(name);
      const expected = productionSettingsOf(sourceName) as Record<string, unknown>;
      expect({ optimizer, viaIR, evmVersion }, name).to.deep.equal({
        optimizer: expected.optimizer,
        viaIR: expected.viaIR,
        evmVersion: expected.evmVersion,
      });
    }
  });

  it("builds the ERC-1967 proxy with the production profile's settings", async function () {
    const { optimizer } = await compiledSettingsOf(PROXY);
    expect(optimizer).to.deep.equal((productionSettingsOf("") as { optimizer: unknown }).optimizer);
  });

  it("runs them on a chain with mainnet's contract size limit", async function () {
    // Init code returning `size` zero bytes as the runtime: PUSH2 size, PUSH1 0, RETURN.
    const initCode = (size: number) => `0x61${size.toString(16).padStart(4, "0")}6000f3`;
    const [deployer] = await connection.ethers.getSigners();
    if (deployer === undefined) throw new Error("the test chain has no account");
    const deploys = async (size: number): Promise<boolean> => {
      try {
        const receipt = await (await deployer.sendTransaction({ data: initCode(size) })).wait();
        return receipt?.status === 1;
      } catch {
        return false;
      }
    };
    expect(await deploys(24_576), "a runtime at the limit").to.equal(true);
    expect(await deploys(24_577), "a runtime one byte over the limit").to.equal(false);
  });
});
