/**
 * `hardhat node` in a child process: for the devnet, the SDK's end-to-end tests and the deployment tests.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import type { Readable } from "node:stream";

import { HDNodeWallet, JsonRpcProvider, Mnemonic, Wallet } from "ethers";
import { network as hardhatNetwork } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

/** The mnemonic of the accounts every Hardhat node funds: public, never for real funds. */
export const TEST_MNEMONIC = "test test test test test test test test test test test junk";

/** The private key of the node's funded account `index`. */
export function testAccountKey(index: number): string {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(TEST_MNEMONIC), `m/44'/60'/0'/0/${index}`).privateKey;
}

/** A loopback port nothing listens on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new Error("no port"));
        else resolve(address.port);
      });
    });
  });
}

export type HardhatNodeProcess = ChildProcessByStdio<null, Readable, Readable>;

export interface HardhatNodeOptions {
  /** The network of hardhat.config.ts the node simulates. */
  network: string;
  port: number;
  hostname?: string;
}

/** Starts `hardhat node` and resolves once it serves JSON-RPC; rejects with its output if it does not. */
export async function startHardhatNode(options: HardhatNodeOptions): Promise<HardhatNodeProcess> {
  const child = spawn(
    process.execPath,
    [
      path.resolve(import.meta.dirname, "../../node_modules/hardhat/dist/src/cli.js"),
      "node",
      "--network",
      options.network,
      "--hostname",
      options.hostname ?? "127.0.0.1",
      "--port",
      String(options.port),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      reject(new Error(`hardhat node did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("JSON-RPC server at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`hardhat node exited with ${code}:\n${output}`));
    });
  });
  // Keep draining its output so the pipe never fills and blocks the node.
  child.stdout.resume();
  child.stderr.resume();
  return child;
}

/** A running node: its URL, an ethers provider and a Hardhat connection to it, and its funded accounts. */
export interface LocalChain {
  url: string;
  provider: JsonRpcProvider;
  /** A Hardhat connection to the node (for Ignition). */
  connection: NetworkConnection;
  /** The node's funded account `index` as a wallet on `provider`. */
  wallet(index: number): Wallet;
  stop(): Promise<void>;
}

/** Starts `hardhat node` on a free loopback port, simulating `network`, and connects to it. */
export async function startLocalChain(network: string): Promise<LocalChain> {
  const port = await freePort();
  const child = await startHardhatNode({ network, port });
  const url = `http://127.0.0.1:${port}`;
  // No request cache: transactions sent back to back must each see the nonce the one before left.
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  const connection = await hardhatNetwork.create({ network: "localhost", override: { url } });
  return {
    url,
    provider,
    connection,
    wallet: (index) => new Wallet(testAccountKey(index), provider),
    async stop() {
      provider.destroy();
      await connection.close();
      child.kill();
    },
  };
}
