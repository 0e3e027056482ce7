/**
 * `npm run devnet` as a user runs it: the script in its own process brings up a node with Palisade deployed and
 * seeded, the `palisade` CLI (the built bin) reads from it, and Ctrl-C stops it and removes what it wrote.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { expect } from "chai";

import { readDeploymentFile } from "../../../sdk/src/index.js";
import { freePort, testAccountKey } from "../../../scripts/lib/hardhatNode.js";
import { Wallet } from "ethers";

const run = promisify(execFile);
const HARDHAT = path.resolve("node_modules/hardhat/dist/src/cli.js");
const BIN = path.resolve("sdk/bin/palisade.js");

describe("npm run devnet", function () {
  this.timeout(180_000);

  it("comes up deployed and seeded, answers the CLI, and stops on Ctrl-C leaving nothing behind", async () => {
    const port = await freePort();
    const directory = await mkdtemp(path.join(tmpdir(), "palisade-devnet-"));
    const devnet = spawn(process.execPath, [HARDHAT, "run", "--no-compile", "scripts/devnet.ts"], {
      env: {
        ...process.env,
        PALISADE_DEVNET_PORT: String(port),
        // The tests' build is unoptimised: its node lifts the contract size limit (see hardhat.config.ts).
        PALISADE_DEVNET_NETWORK: "testNode",
        PALISADE_DEPLOYMENTS_DIR: directory,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((resolve) => devnet.on("exit", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Devnet ready at")) resolve();
        };
        devnet.stdout.on("data", onData);
        devnet.stderr.on("data", onData);
        void exited.then((code) => {
          reject(new Error(`the devnet exited (${String(code)}) before it was ready:\n${output}`));
        });
      });

      // It prints the funded accounts and the commands to try next.
      const nodeA = new Wallet(testAccountKey(1)).address;
      expect(output)
        .to.contain(nodeA)
        .and.to.contain(testAccountKey(4))
        .and.to.contain(`--rpc http://127.0.0.1:${port}`)
        .and.to.contain("operator status");

      const file = path.join(directory, "31337.json");
      const deployment = await readDeploymentFile(file);
      const oracle = deployment.exampleAVS;
      if (oracle === undefined) throw new Error("the devnet deploys the example AVS");
      const rpc = `http://127.0.0.1:${port}`;
      const { stdout } = await run(process.execPath, [
        BIN,
        "--rpc",
        rpc,
        "--deployment",
        file,
        "--json",
        "operator",
        "status",
        nodeA,
        "--avs",
        oracle.avs,
        "--set",
        String(oracle.setId),
      ]);
      const status = JSON.parse(stdout) as {
        isOperator?: boolean;
        sets?: { registered?: boolean; slashable?: boolean; allocations?: { slashableShares?: string }[] }[];
      };
      expect(status.isOperator).to.equal(true);
      expect(status.sets?.[0]?.registered).to.equal(true);
      // Seeded past the notice of the registration and of the allocation: the oracle's operators are slashable.
      expect(status.sets?.[0]?.slashable).to.equal(true);
      expect(BigInt(status.sets?.[0]?.allocations?.[0]?.slashableShares ?? "0")).to.be.greaterThan(0n);

      // The printed suggestions work: the oracle's security report, and a staker's status with its risk flags (the
      // oracle redistributes its slashed funds to its slasher, which pays bounties: flagged, not loudly).
      const cli = (args: string[]) => run(process.execPath, [BIN, "--rpc", rpc, "--deployment", file, ...args]);
      const report = await cli(["avs", "status", oracle.avs, "--set", String(oracle.setId), "--report"]);
      expect(report.stdout).to.contain("Security of set").and.to.contain("Risk flags");
      const alice = await cli(["staker", "status", new Wallet(testAccountKey(4)).address]);
      expect(alice.stdout).to.contain("warning:").and.to.not.contain("DANGER");

      devnet.kill("SIGINT");
      expect(await exited).to.equal(0);
      expect(existsSync(file)).to.equal(false);
      expect(existsSync(path.resolve("deploy/deployments", `devnet-${port}`))).to.equal(false);
    } finally {
      devnet.kill("SIGKILL");
      await rm(directory, { recursive: true, force: true });
    }
  });
});
