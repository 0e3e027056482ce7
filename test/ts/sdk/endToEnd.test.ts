/**
 * The SDK and the `palisade` CLI end to end against a real JSON-RPC node: `hardhat node` in a child process, Palisade
 * deployed to it through the Ignition module, the SDK over ethers' JsonRpcProvider, the CLI as a separate process
 * (the built bin, as a user runs it).
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

import { expect } from "chai";
import { Wallet, id } from "ethers";

import {
  ContractRevertError,
  PreflightError,
  WrongChainError,
  buildEquivocationEvidence,
  createPalisade,
  signAttestation,
} from "../../../sdk/src/index.js";
import { startTestNode, type TestNode } from "../../../scripts/lib/testNode.js";
import {
  ALLOCATION_DELAY,
  EQUIVOCATION_SET,
  EQUIVOCATION_WAD,
  INSTANT_SET,
  ONE,
  WAD,
  buildWorld,
  type World,
} from "./world.js";

const run = promisify(execFile);
/** The notice every increase of exposure gives under the default withdrawal delay of 7 days. */
const NOTICE = 7 * 24 * 3600 + 1;
const BIN = path.resolve("sdk/bin/palisade.js");

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe("SDK and CLI against a hardhat node", function () {
  this.timeout(180_000);
  let node: TestNode;
  let world: World;

  /** Runs the CLI binary against the node as `signer` (by private key from the environment). */
  async function cli(args: string[], signer?: Wallet): Promise<CliRun> {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        env: {
          ...process.env,
          PALISADE_RPC_URL: node.url,
          PALISADE_DEPLOYMENT: node.deploymentFile,
          PALISADE_YES: "1",
          ...(signer === undefined ? {} : { PALISADE_PRIVATE_KEY: signer.privateKey }),
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  }

  const wallet = (index: number): Wallet => {
    const found = node.wallets[index];
    if (found === undefined) throw new Error(`no wallet ${index}`);
    return found;
  };

  before(async function () {
    node = await startTestNode();
    world = await buildWorld(node.wallets, node.deployment);
  });

  after(async function () {
    await node.stop();
  });

  it("refuses a deployment for another chain, and an unreachable node, with typed errors", async function () {
    await createPalisade({ runner: wallet(3), deployment: { ...node.deployment, chainId: 1 } }).then(
      () => expect.fail("expected a WrongChainError"),
      (error: unknown) => expect(error).to.be.instanceOf(WrongChainError),
    );
    const wrongChain = await cli(["staker", "status", "--chain", "1"], wallet(3));
    expect(wrongChain.code, wrongChain.stderr).to.equal(2);
    const unreachable = await cli(["staker", "status", "--rpc", "http://127.0.0.1:9"], wallet(3));
    expect(unreachable.code, unreachable.stderr).to.equal(3);
  });

  it("journey: the operator registers and allocates, the staker deposits and delegates, an equivocation is slashed, the staker withdraws and completes", async function () {
    const { clients, strategy, slashers } = world;
    const avs = await world.avs.getAddress();
    const operator = await world.operator.getAddress();

    // Operator: register, opt into the equivocation set, allocate half its stake, register a signing key.
    await clients.operator.operator.registerAsOperator({
      metadataURI: "ipfs://operator",
      allocationDelay: ALLOCATION_DELAY,
    });
    const { slashableFrom } = await clients.operator.operator.registerForSets({ avs, setIds: [EQUIVOCATION_SET] });
    const { updates } = await clients.operator.operator.allocate({
      changes: [{ avs, setId: EQUIVOCATION_SET, strategies: [strategy], magnitudes: [WAD / 2n] }],
    });
    const key = Wallet.createRandom();
    await clients.operator.operator.registerSigningKey({ slasher: slashers.equivocation, key });

    // Staker: a deposit without allowance is refused before anything is sent; with approval it goes through.
    await clients.staker.staker.deposit({ strategy, amount: 50n * ONE }).then(
      () => expect.fail("expected a PreflightError"),
      (error: unknown) => expect(error).to.be.instanceOf(PreflightError),
    );
    await clients.staker.staker.deposit({ strategy, amount: 50n * ONE, approve: true });
    await clients.staker.staker.delegate({ operator });
    // The registration and the increase are slashable after the notice: the withdrawal delay and a second.
    const effectAt = updates[0]?.effectAt ?? 0n;
    const registeredFrom = slashableFrom[0]?.from ?? 0n;
    const until = effectAt > registeredFrom ? effectAt : registeredFrom;
    await node.increaseTime(until - BigInt((await node.provider.getBlock("latest"))?.timestamp ?? 0));
    const before = await clients.staker.read.operatorState({ operator });
    expect(before.sets[0]?.allocations[0]?.slashableShares).to.equal(25_000n * ONE);

    // A withdrawal queued before the slash stays slashable.
    const { withdrawals } = await clients.staker.staker.queueWithdrawal({
      requests: [{ strategies: [strategy], shares: [10_000n * ONE] }],
    });
    const [queued] = withdrawals;
    if (queued === undefined) throw new Error("nothing queued");

    // A watcher reports two different payloads signed for one height.
    const ctx = clients.watcher.context;
    const a = await signAttestation(ctx, key, slashers.equivocation, { height: 1n, payloadHash: id("a") });
    const b = await signAttestation(ctx, key, slashers.equivocation, { height: 1n, payloadHash: id("b") });
    const preview = await clients.watcher.read.previewSlash({
      operator,
      avs,
      setId: EQUIVOCATION_SET,
      strategies: [strategy],
      wads: [EQUIVOCATION_WAD],
    });
    const slashed = await clients.watcher.avs.reportEquivocation({
      slasher: slashers.equivocation,
      evidence: buildEquivocationEvidence(a, b),
    });
    expect(slashed.strategies[0]?.sharesSlashed).to.equal(preview.strategies[0]?.totalSharesSlashed);
    expect(preview.strategies[0]?.queuedSharesSlashed).to.be.greaterThan(0n);

    // The withdrawal completes after its delay, paying less than was queued.
    const { seconds } = await clients.staker.read.getTimeToComplete(queued.withdrawal);
    await node.increaseTime(seconds);
    await clients.staker.read.waitToComplete(queued.withdrawal, { pollIntervalMs: 20, timeoutMs: 10_000 });
    const completed = await clients.staker.staker.completeWithdrawal({ withdrawals: [queued.withdrawal] });
    const paid = Object.values(completed.tokensPaid)[0] ?? 0n;
    expect(paid).to.be.lessThan(10n * ONE);
    expect(paid).to.be.greaterThan(9n * ONE);
    expect(await clients.staker.read.getWithdrawalStatus(queued.withdrawal)).to.equal("completed");

    const again = await clients.staker.staker.completeWithdrawal({ withdrawals: [queued.withdrawal] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(again).to.be.instanceOf(ContractRevertError);
    expect((again as ContractRevertError).errorName).to.equal("WithdrawalNotPending");
  });

  it("the CLI: bad arguments exit 2, a missing allowance and an unknown operator exit 1 with the reason, before anything is sent", async function () {
    const staker = wallet(7);
    const badAddress = await cli(["staker", "deposit", "--strategy", "0x1234", "--amount", "1"], staker);
    expect(badAddress.code, badAddress.stderr).to.equal(2);
    expect(badAddress.stderr).to.contain("--strategy");
    const unknownCommand = await cli(["staker", "stake"], staker);
    expect(unknownCommand.code).to.equal(2);

    await (await world.token.mint(staker.address, 100n * ONE)).wait();
    const nonce = await node.provider.getTransactionCount(staker.address);
    const noAllowance = await cli(["staker", "deposit", "--strategy", world.strategy, "--amount", "5"], staker);
    expect(noAllowance.code, noAllowance.stderr).to.equal(1);
    expect(noAllowance.stderr).to.match(/allowance/i);
    const unknownOperator = await cli(["staker", "delegate", "--operator", wallet(9).address], staker);
    expect(unknownOperator.code, unknownOperator.stderr).to.equal(1);
    expect(unknownOperator.stderr).to.contain("not a registered operator");
    expect(await node.provider.getTransactionCount(staker.address)).to.equal(nonce);
  });

  it("the CLI journey: register, opt in, allocate, deposit, delegate, withdraw, get slashed for equivocation, complete", async function () {
    const operator = wallet(6);
    const staker = wallet(7);
    const watcher = wallet(8);
    const avs = await world.avs.getAddress();
    const json = async (args: string[], signer: Wallet) => {
      const result = await cli(["--json", ...args], signer);
      expect(result.code, `${args.join(" ")}: ${result.stdout} ${result.stderr}`).to.equal(0);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };

    await json(
      ["operator", "register", "--metadata-uri", "ipfs://cli-operator", "--allocation-delay", String(ALLOCATION_DELAY)],
      operator,
    );
    await json(["operator", "register-set", "--avs", avs, "--set", String(EQUIVOCATION_SET)], operator);
    await json(
      [
        "operator",
        "allocate",
        "--avs",
        avs,
        "--set",
        String(EQUIVOCATION_SET),
        "--strategy",
        world.strategy,
        "--magnitude",
        "50%",
      ],
      operator,
    );
    const operatorClient = await createPalisade({ runner: operator, deployment: node.deployment });
    const key = Wallet.createRandom();
    await operatorClient.operator.registerSigningKey({ slasher: world.slashers.equivocation, key });

    await json(["staker", "deposit", "--strategy", world.strategy, "--amount", "20", "--approve"], staker);
    await json(["staker", "delegate", "--operator", operator.address], staker);
    // The registration and the allocation take effect after the notice (the withdrawal delay and a second).
    await node.increaseTime(NOTICE);
    const operatorStatus = await json(["operator", "status", operator.address], watcher);
    expect(JSON.stringify(operatorStatus)).to.contain(world.strategy);

    const queued = await json(["staker", "withdraw", "--strategy", world.strategy, "--shares", "all"], staker);
    const [withdrawal] = queued.withdrawals as { root: string }[];
    if (withdrawal === undefined) throw new Error(`no withdrawal in ${JSON.stringify(queued)}`);
    const early = await cli(["staker", "complete", "--root", withdrawal.root], staker);
    expect(early.code, early.stderr).to.equal(1);
    expect(early.stderr, early.stderr).to.match(/not ready: it matures at/);

    const ctx = operatorClient.context;
    const attestations = await Promise.all(
      [id("round 9: 100"), id("round 9: 101")].map(async (payloadHash) => {
        const signed = await signAttestation(ctx, key, world.slashers.equivocation, { height: 9n, payloadHash });
        return { height: "9", payloadHash, signature: signed.signature };
      }),
    );
    const evidence = path.join(node.directory, "double-sign.json");
    await writeFile(evidence, JSON.stringify(attestations));
    const slashed = await json(
      ["avs", "slash", "--slasher", world.slashers.equivocation, "--kind", "equivocation", "--evidence", evidence],
      watcher,
    );
    expect(String(slashed.slashId)).to.match(/^[1-9]/);
    const avsStatus = await json(["avs", "status", avs, "--set", String(EQUIVOCATION_SET), "--report"], watcher);
    expect(JSON.stringify(avsStatus)).to.contain(operator.address);

    await node.increaseTime(7 * 24 * 3600);
    const before = await world.token.balanceOf(staker.address);
    await json(["staker", "complete", "--root", withdrawal.root], staker);
    const paid = (await world.token.balanceOf(staker.address)) - before;
    // 20 tokens queued; the slash took 10% of the half allocated to the set: 5% of the stake (rounded down, for the
    // protocol).
    expect(paid <= 19n * ONE && paid >= 19n * ONE - 10n, `paid ${paid}`).to.equal(true);
    const stakerStatus = await json(["staker", "status", staker.address], watcher);
    expect(stakerStatus).to.have.property("staker");
  });
  it("the CLI flags loudly an operator that is its own AVS with a redistributing set paying itself, and not its burning set", async function () {
    const self = wallet(9);
    const staker = wallet(4);
    const watcher = wallet(8);
    const avs = await world.avs.getAddress();
    const json = async (args: string[], signer: Wallet) => {
      const result = await cli(["--json", ...args], signer);
      expect(result.code, `${args.join(" ")}: ${result.stdout} ${result.stderr}`).to.equal(0);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };
    await json(["operator", "register", "--metadata-uri", "ipfs://self", "--allocation-delay", "60"], self);
    await json(["avs", "register", "--metadata-uri", "ipfs://self-avs"], self);
    await json(
      [
        "avs",
        "create-set",
        "--set",
        "1",
        "--strategy",
        world.strategy,
        "--slasher",
        self.address,
        "--redistribution-recipient",
        self.address,
      ],
      self,
    );
    await json(["operator", "register-set", "--avs", self.address, "--set", "1"], self);
    await json(["operator", "register-set", "--avs", avs, "--set", String(INSTANT_SET)], self);
    for (const [setAvs, setId] of [
      [self.address, "1"],
      [avs, String(INSTANT_SET)],
    ] as const) {
      await json(
        ["operator", "allocate", "--avs", setAvs, "--set", setId, "--strategy", world.strategy, "--magnitude", "50%"],
        self,
      );
    }
    await (await world.token.mint(staker.address, 10n * ONE)).wait();
    await json(["staker", "deposit", "--strategy", world.strategy, "--amount", "10", "--approve"], staker);
    await json(["staker", "delegate", "--operator", self.address], staker);

    // The allocation is pending (the notice): it is flagged already, loudly.
    const text = await cli(["staker", "status", staker.address], watcher);
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.contain("!!! DANGER");
    expect(text.stdout).to.contain(`${self.address} (THE OPERATOR ITSELF)`);
    expect(text.stdout).to.contain("5 stETH");
    expect(text.stdout).to.contain("withdrawal delay");
    const status = await json(["staker", "status", staker.address], watcher);
    const risks = status.risks as {
      avs: string;
      setId: number;
      severity: string;
      recipient: string;
      slasher: string;
      allocations: { pending: string; slashableTokensAtEffect: string }[];
      selfDealing: { role: string; party: string }[];
    }[];
    expect(risks.length, "the burning instant set is not flagged").to.equal(1);
    const [risk] = risks;
    expect(risk?.avs).to.equal(self.address);
    expect(risk?.severity).to.equal("critical");
    expect(risk?.recipient).to.equal(self.address);
    expect(risk?.slasher).to.equal(self.address);
    expect(risk?.selfDealing.map((entry) => entry.role)).to.deep.equal(["recipient", "slasher"]);
    expect(risk?.allocations[0]?.pending).to.equal((WAD / 2n).toString());
    expect(risk?.allocations[0]?.slashableTokensAtEffect).to.equal((5n * ONE).toString());

    // The security report of the set the operator also serves says so too.
    await node.increaseTime(NOTICE);
    const report = await cli(["avs", "status", avs, "--set", String(INSTANT_SET), "--report"], watcher);
    expect(report.code, report.stderr).to.equal(0);
    expect(report.stdout).to.contain("!!! DANGER").and.to.contain(`set 1 of AVS ${self.address}`);
  });
});
