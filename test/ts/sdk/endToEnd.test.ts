/**
 * The SDK and the `palisade` CLI end to end against a real JSON-RPC node: `hardhat node` in a child process, Palisade
 * deployed to it through the Ignition module, the SDK over ethers' JsonRpcProvider, the CLI as a separate process
 * (the built bin, as a user runs it).
 */
import { execFile } from "node:child_process";
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
import { ALLOCATION_DELAY, EQUIVOCATION_SET, EQUIVOCATION_WAD, ONE, WAD, buildWorld, type World } from "./world.js";

const run = promisify(execFile);
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
    await clients.operator.operator.registerForSets({ avs, setIds: [EQUIVOCATION_SET] });
    await clients.operator.operator.allocate({
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
    await node.increaseTime(ALLOCATION_DELAY);
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
});
