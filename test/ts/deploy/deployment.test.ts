/**
 * The deployment path end to end against a real JSON-RPC node: the suite deployed from a parameter file through the
 * `Palisade` Ignition module to `hardhat node` in a child process, the address book written, the SDK used against
 * it; a second deploy that sends nothing; a journal from another chain refused; the testnet parameter file deployed
 * the same way, with the governance it names taking over.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Wallet, parseUnits } from "ethers";

import { writeDeploymentRecord } from "../../../deploy/addressBook.js";
import { handoverCalls } from "../../../deploy/handover.js";
import { OWNED_CONTRACTS } from "../../../deploy/modules/Palisade.js";
import {
  DeploymentPlanError,
  checkPublicNetworkPlan,
  parseDeploymentPlan,
  readDeploymentPlan,
  type DeploymentPlan,
} from "../../../deploy/plan.js";
import { StaleJournalError, deploySuite, type SuiteDeployment } from "../../../deploy/suite.js";
import { createPalisade, readDeploymentFile } from "../../../sdk/src/index.js";
import { startLocalChain, type LocalChain } from "../../../scripts/lib/hardhatNode.js";
import {
  AVSRegistry__factory,
  MockERC20__factory,
  PriceOracleAVS__factory,
  StrategyManager__factory,
  WithdrawalQueue__factory,
} from "../../../types/ethers-contracts/index.js";

type Node = LocalChain;

const journals: string[] = [];

const startNode = (): Promise<Node> => startLocalChain("testNode");

/** Deploys `plan` under a deployment id of the test's own (its journal is removed after the tests). */
async function deploy(node: Node, plan: DeploymentPlan, deploymentId: string, reset = true): Promise<SuiteDeployment> {
  const deployed = await deploySuite(node.connection, plan, { deploymentId, resetJournal: reset });
  if (deployed.journal !== undefined && !journals.includes(deployed.journal)) journals.push(deployed.journal);
  return deployed;
}

const LOCALHOST = path.resolve("deploy/parameters/localhost.json");
const SEPOLIA = path.resolve("deploy/parameters/sepolia.json");

describe("deployment", function () {
  this.timeout(180_000);

  after(async () => {
    for (const journal of journals) await rm(journal, { recursive: true, force: true });
  });

  describe("parameter files", () => {
    it("names the field at fault in a file that cannot be deployed", () => {
      const bad: [unknown, string][] = [
        [{ PalisadeCore: { withdrawalDelay: -1 } }, "PalisadeCore.withdrawalDelay"],
        [{ PalisadeCore: { pauser: "0x1234" } }, "PalisadeCore.pauser"],
        [{ PalisadeStrategies: { tokens: [{ symbol: "X" }] } }, "PalisadeStrategies.tokens[0]"],
        [
          { PalisadeStrategies: { tokens: [{ symbol: "bad symbol!", address: Wallet.createRandom().address }] } },
          "PalisadeStrategies.tokens[0].symbol",
        ],
        [
          {
            PalisadeStrategies: {
              tokens: [{ symbol: "T", testToken: { name: "T", decimals: 6 }, maxPerDeposit: "1.5" }],
            },
          },
          "PalisadeStrategies.tokens[0].maxPerDeposit",
        ],
        [
          {
            PalisadeStrategies: {
              tokens: [
                { symbol: "T", testToken: { name: "T", decimals: 6 } },
                { symbol: "T", testToken: { name: "T2", decimals: 6 } },
              ],
            },
          },
          "PalisadeStrategies.tokens[1].symbol",
        ],
        [{ PalisadeExampleAVS: { metadataURI: "x", slashWad: "1", bountyWad: "0" } }, "PalisadeExampleAVS"],
        [
          {
            PalisadeStrategies: { tokens: [{ symbol: "T", testToken: { name: "T", decimals: 6 } }] },
            PalisadeExampleAVS: { metadataURI: "x", slashWad: "0", bountyWad: "0" },
          },
          "PalisadeExampleAVS.slashWad",
        ],
        ...(
          [
            [{ maxOperators: 33 }, "PalisadeExampleAVS.maxOperators"],
            [{ quorum: 0 }, "PalisadeExampleAVS.quorum"],
            [{ roundDuration: 0 }, "PalisadeExampleAVS.roundDuration"],
            [{ maxPrice: "0" }, "PalisadeExampleAVS.maxPrice"],
            [{ strategyWeights: { T: "1", X: "1" } }, "PalisadeExampleAVS.strategyWeights.X"],
            [{ strategyWeights: { T: (10n ** 34n + 1n).toString() } }, "PalisadeExampleAVS.strategyWeights.T"],
          ] as const
        ).map(([change, field]): [object, string] => [
          {
            PalisadeStrategies: { tokens: [{ symbol: "T", testToken: { name: "T", decimals: 6 } }] },
            PalisadeExampleAVS: {
              metadataURI: "x",
              slashWad: "1",
              bountyWad: "0",
              minimumStake: "1",
              maxOperators: 4,
              quorum: 2,
              roundDuration: 60,
              maxPrice: "100",
              strategyWeights: { T: "1" },
              ...change,
            },
          },
          field,
        ]),
        [{ PalisadeGovernance: { owner: "0x0000000000000000000000000000000000000000" } }, "PalisadeGovernance.owner"],
      ];
      for (const [file, field] of bad) {
        expect(() => parseDeploymentPlan(file, "test.json"), field)
          .to.throw(DeploymentPlanError)
          .with.property("field", field);
      }
    });

    it("refuses a public deployment without a governance owner, or with the owner as pauser", async () => {
      const sepolia = await readDeploymentPlan(SEPOLIA);
      expect(() => {
        checkPublicNetworkPlan(sepolia);
      })
        .to.throw(DeploymentPlanError)
        .with.property("field", "PalisadeGovernance.owner");
      const governance = Wallet.createRandom().address;
      expect(() => {
        checkPublicNetworkPlan({
          ...sepolia,
          governanceOwner: governance,
          core: { ...sepolia.core, pauser: governance },
        });
      })
        .to.throw(DeploymentPlanError)
        .with.property("field", "PalisadeCore.pauser");
      const pauser = Wallet.createRandom().address;
      expect(() => {
        checkPublicNetworkPlan({ ...sepolia, governanceOwner: governance, core: { ...sepolia.core, pauser } });
      }).not.to.throw();
    });
  });

  describe("to a hardhat node", () => {
    let node: Node;
    let plan: DeploymentPlan;
    let deployed: SuiteDeployment;
    let directory: string;

    before(async () => {
      node = await startNode();
      plan = await readDeploymentPlan(LOCALHOST);
      directory = await mkdtemp(path.join(tmpdir(), "palisade-deploy-"));
      deployed = await deploy(node, plan, "test-localhost");
    });

    after(async () => {
      await node.stop();
      await rm(directory, { recursive: true, force: true });
    });

    it("deploys what the parameter file says, and the SDK works from the address book it writes", async () => {
      const { record } = deployed;
      expect(record.chainId).to.equal(31337);
      expect(record.strategies?.map((s) => s.symbol)).to.deep.equal(["wstETH", "USDC"]);
      expect(record.exampleAVS?.setId).to.equal(0);
      const deployer = node.wallet(0);
      const strategyManager = StrategyManager__factory.connect(record.addresses.strategyManager, node.provider);
      const queue = WithdrawalQueue__factory.connect(record.addresses.withdrawalQueue, node.provider);
      expect(await queue.withdrawalDelay()).to.equal(BigInt(plan.core.withdrawalDelay ?? 0));
      expect(await strategyManager.owner()).to.equal(deployer.address);
      const [wsteth, usdc] = record.strategies ?? [];
      if (wsteth === undefined || usdc === undefined || record.exampleAVS === undefined) throw new Error("incomplete");
      expect(await strategyManager.isStrategyWhitelisted(usdc.strategy)).to.equal(true);
      const caps = await strategyManager.strategyConfig(usdc.strategy);
      expect(caps.maxPerDeposit).to.equal(plan.tokens[1]?.maxPerDeposit);
      expect(caps.maxTotalDeposits).to.equal(plan.tokens[1]?.maxTotalDeposits);
      const avsRegistry = AVSRegistry__factory.connect(record.addresses.avsRegistry, node.provider);
      expect(await avsRegistry.isAVS(record.exampleAVS.avs)).to.equal(true);
      expect((await avsRegistry.operatorSetInfo({ avs: record.exampleAVS.avs, id: 0 })).slasher).to.equal(
        record.exampleAVS.slasher,
      );
      const oracle = PriceOracleAVS__factory.connect(record.exampleAVS.avs, node.provider);
      expect(await oracle.quorum()).to.equal(plan.exampleAVS?.quorum);
      expect(await oracle.roundDuration()).to.equal(plan.exampleAVS?.roundDuration);
      expect(await oracle.strategyWeights()).to.deep.equal(plan.exampleAVS?.strategyWeights);

      // The SDK from the file the deploy wrote, as a user's script would.
      const file = await writeDeploymentRecord(record, directory);
      const deployment = await readDeploymentFile(file);
      const operator = node.wallet(1);
      const staker = node.wallet(2);
      await (await MockERC20__factory.connect(wsteth.token, deployer).mint(staker.address, parseUnits("3", 18))).wait();
      const asOperator = await createPalisade({ runner: operator, deployment });
      await asOperator.operator.registerAsOperator({ metadataURI: "https://op.example", allocationDelay: 60 });
      const asStaker = await createPalisade({ runner: staker, deployment });
      const { shares } = await asStaker.staker.deposit({
        strategy: wsteth.strategy,
        amount: parseUnits("3", 18),
        approve: true,
      });
      await asStaker.staker.delegate({ operator: operator.address });
      const state = await asStaker.read.stakerState({ staker: staker.address });
      expect(state.delegatedTo).to.equal(operator.address);
      expect(state.positions.find((p) => p.strategy === wsteth.strategy)?.withdrawableShares).to.equal(shares);
    });

    it("sends nothing when run again: Ignition's journal shows every step done", async () => {
      const deployer = node.wallet(0);
      const nonce = await node.provider.getTransactionCount(deployer.address);
      const again = await deploy(node, plan, "test-localhost", false);
      expect(await node.provider.getTransactionCount(deployer.address)).to.equal(nonce);
      expect(again.record).to.deep.equal(deployed.record);
    });

    it("refuses a journal written for another chain with the same id", async () => {
      const other = await startNode();
      try {
        let caught: unknown;
        try {
          await deploy(other, plan, "test-localhost", false);
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(StaleJournalError);
        expect((caught as Error).message).to.contain("restarted local node");
      } finally {
        await other.stop();
      }
    });
  });

  describe("with the testnet parameter file", () => {
    it("deploys the same path on a local node, and the governance it names takes over in one acceptance per contract", async () => {
      const node = await startNode();
      try {
        const governance = node.wallet(8);
        const pauser = node.wallet(9);
        // What an operator of a testnet deployment fills in before deploying: the governance and the pauser.
        const text = JSON.parse(await readFile(SEPOLIA, "utf8")) as Record<string, Record<string, unknown>>;
        text.PalisadeCore = { ...text.PalisadeCore, pauser: pauser.address };
        text.PalisadeGovernance = { owner: governance.address };
        const plan = parseDeploymentPlan(text, SEPOLIA);
        checkPublicNetworkPlan(plan);
        const { record } = await deploy(node, plan, "test-sepolia");

        const calls = await handoverCalls(node.connection, record, governance.address);
        expect(calls.map((call) => call.contract)).to.deep.equal([...OWNED_CONTRACTS]);
        expect(calls.every((call) => call.pending && call.owner === node.wallet(0).address)).to.equal(true);
        for (const call of calls) await (await governance.sendTransaction({ to: call.to, data: call.data })).wait();
        const after = await handoverCalls(node.connection, record, governance.address);
        expect(after.every((call) => !call.pending && call.owner === governance.address)).to.equal(true);

        const strategyManager = StrategyManager__factory.connect(record.addresses.strategyManager, node.provider);
        expect(await strategyManager.pauser()).to.equal(pauser.address);
        const queue = WithdrawalQueue__factory.connect(record.addresses.withdrawalQueue, node.provider);
        expect(await queue.withdrawalDelay()).to.equal(3600n);
        expect(record.strategies?.map((s) => s.symbol)).to.deep.equal(["tstETH", "tUSDC"]);
      } finally {
        await node.stop();
      }
    });
  });
});
