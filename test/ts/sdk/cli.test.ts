/**
 * The `palisade` CLI, run in-process through `main(argv, io)` without a chain: help, argument checking and exit
 * codes, calldata for multisigs, an unreachable or wrong endpoint (a stub that answers only `eth_chainId`), and the
 * keystore. The end-to-end flows against a real node live with the SDK's end-to-end tests.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";
import { Interface, parseEther, Wallet, type InterfaceAbi } from "ethers";

import { flagOf } from "../../../sdk/src/cli/errors.js";
import { main, type CliIO } from "../../../sdk/src/cli/main.js";
import { renderAvsStatus, renderOperatorStatus, renderStakerStatus } from "../../../sdk/src/cli/status.js";
import { formatTable } from "../../../sdk/src/cli/table.js";
import {
  AllocationManagerAbi,
  EquivocationSlasherAbi,
  InstantSlasherAbi,
  OperatorRegistryAbi,
  StrategyManagerAbi,
} from "../../../sdk/src/generated/abis/index.js";

const STRATEGY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OPERATOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const AVS = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const SLASHER = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
/** Hardhat's first funded account: a public test key, never for real funds. */
const TEST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const TEST_KEY_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/** A deployment record for chain 31337 at made-up addresses: enough to build calldata. */
const ADDRESSES = {
  strategyManager: "0x0000000000000000000000000000000000000a01",
  withdrawalQueue: "0x0000000000000000000000000000000000000a02",
  operatorRegistry: "0x0000000000000000000000000000000000000a03",
  avsRegistry: "0x0000000000000000000000000000000000000a04",
  allocationManager: "0x0000000000000000000000000000000000000a05",
  slashingCoordinator: "0x0000000000000000000000000000000000000a06",
  strategyFactory: "0x0000000000000000000000000000000000000a07",
  lens: "0x0000000000000000000000000000000000000a08",
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only the environment given (never the test process's own). */
async function run(argv: string[], env: CliIO["env"] = {}, extra: Partial<CliIO> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env,
    isTTY: false,
    ...extra,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

/** A loopback URL nothing listens on. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}

/** A JSON-RPC stub: answers eth_chainId with `chainId` and eth_getCode with empty code (no contracts). */
async function stubNode(chainId: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const parsed = JSON.parse(body) as { id: number; method: string } | { id: number; method: string }[];
      const answer = (call: { id: number; method: string }) => ({
        jsonrpc: "2.0",
        id: call.id,
        ...(call.method === "eth_chainId"
          ? { result: `0x${chainId.toString(16)}` }
          : call.method === "eth_getCode"
            ? { result: "0x" }
            : { error: { code: -32601, message: `stub: ${call.method} not served` } }),
      });
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The one call a --calldata run printed, decoded against `abi`. */
function decodeCall(stdout: string, abi: InterfaceAbi): { to: string; value: string; name: string; args: unknown[] } {
  const call = JSON.parse(stdout) as { to: string; data: string; value: string };
  const parsed = new Interface(abi).parseTransaction({ data: call.data });
  expect(parsed, "the calldata decodes against the contract's ABI").to.not.equal(null);
  return { to: call.to, value: call.value, name: parsed?.name ?? "", args: parsed === null ? [] : [...parsed.args] };
}

/** A set that does not exist, as avsState reports one asked for by id. */
function emptySet(setId: number) {
  const zero = "0x0000000000000000000000000000000000000000";
  return {
    setId,
    exists: false,
    slasher: zero,
    pendingSlasher: zero,
    slasherEffectAt: 0n,
    registrar: zero,
    redistributionRecipient: zero,
    pendingRedistributionRecipient: zero,
    strategies: [],
    strategySlashableFrom: [],
    totalSlashableShares: [],
    slashedSharesPending: [],
    slashedSharesReleasableAt: [],
    members: [],
  };
}

/** Every command and subcommand: each must answer --help with an example. */
const COMMANDS = [
  [],
  ["staker"],
  ["staker", "deposit"],
  ["staker", "delegate"],
  ["staker", "undelegate"],
  ["staker", "withdraw"],
  ["staker", "complete"],
  ["staker", "status"],
  ["operator"],
  ["operator", "register"],
  ["operator", "update"],
  ["operator", "status"],
  ["operator", "allocate"],
  ["operator", "settle"],
  ["operator", "register-set"],
  ["operator", "deregister-set"],
  ["avs"],
  ["avs", "register"],
  ["avs", "create-set"],
  ["avs", "add-strategy"],
  ["avs", "schedule-slasher"],
  ["avs", "slash"],
  ["avs", "veto"],
  ["avs", "release"],
  ["avs", "status"],
  ["keys"],
  ["keys", "create"],
  ["keys", "import"],
  ["keys", "list"],
];

describe("palisade CLI", function () {
  // The first run loads ethers and the ABIs; the default-strength keystore test runs scrypt once.
  this.timeout(60_000);

  let directory: string;
  let deploymentFile: string;
  let offline: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "palisade-cli-"));
    deploymentFile = join(directory, "deployment.json");
    await writeFile(deploymentFile, JSON.stringify({ chainId: 31337, deploymentBlock: 0, addresses: ADDRESSES }));
    offline = await closedUrl();
  });

  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describe("help", () => {
    for (const command of COMMANDS) {
      it(`palisade ${[...command, "--help"].join(" ")} exits 0 with an example`, async () => {
        const { code, stdout } = await run([...command, "--help"]);
        expect(code, stdout).to.equal(0);
        expect(stdout, "usage line").to.match(/^Usage: palisade/);
        expect(stdout, "an Example: block").to.include("Example:\n  $ palisade");
      });
    }

    it("lists the global options with their environment twins", async () => {
      const { stdout } = await run(["--help"]);
      // Help wraps long lines: compare with the whitespace collapsed.
      const help = stdout.replace(/\s+/g, " ");
      for (const twin of [
        "PALISADE_RPC_URL",
        "PALISADE_CHAIN_ID",
        "PALISADE_DEPLOYMENT",
        "PALISADE_PRIVATE_KEY",
        "PALISADE_KEYSTORE",
        "PALISADE_KEYSTORE_PASSWORD_FILE",
        "PALISADE_KEYSTORE_DIR",
        "PALISADE_JSON",
        "PALISADE_CALLDATA",
        "PALISADE_FROM",
        "PALISADE_YES",
        "PALISADE_CONFIRMATIONS",
      ]) {
        expect(help, twin).to.include(`env: ${twin})`);
      }
    });

    it("prints its version", async () => {
      const { code, stdout } = await run(["--version"]);
      expect(code).to.equal(0);
      expect(stdout.trim()).to.match(/^\d+\.\d+\.\d+/);
    });

    it("a command group without a subcommand is a usage error (exit 2) that shows the help", async () => {
      const { code, stderr } = await run(["staker"]);
      expect(code).to.equal(2);
      expect(stderr).to.include("Usage: palisade staker");
    });
  });

  describe("bad input exits 2 and names the flag", () => {
    const cases: { title: string; argv: string[]; flag: string }[] = [
      {
        title: "an address that is not one",
        argv: ["staker", "deposit", "--strategy", "0x1234", "--amount", "1"],
        flag: "--strategy",
      },
      {
        title: "an address with a wrong checksum",
        argv: ["staker", "delegate", "--operator", OPERATOR.replace("C51812", "c51812")],
        flag: "--operator",
      },
      {
        title: "a negative amount",
        argv: ["staker", "deposit", "--strategy", STRATEGY, "--amount", "-5"],
        flag: "--amount",
      },
      {
        title: "a zero amount",
        argv: ["staker", "deposit", "--strategy", STRATEGY, "--amount", "0.000"],
        flag: "--amount",
      },
      {
        title: "a fractional raw amount",
        argv: ["staker", "deposit", "--strategy", STRATEGY, "--amount", "1.5", "--raw"],
        flag: "--amount",
      },
      {
        title: "an unknown option",
        argv: ["staker", "deposit", "--strategy", STRATEGY, "--amount", "1", "--bogus"],
        flag: "--bogus",
      },
      { title: "a missing required option", argv: ["staker", "deposit", "--strategy", STRATEGY], flag: "--amount" },
      {
        title: "a set id that is not a number",
        argv: ["operator", "allocate", "--avs", AVS, "--set", "one", "--strategy", STRATEGY, "--magnitude", "0.5"],
        flag: "--set",
      },
      {
        title: "a set id beyond uint32",
        argv: ["operator", "register-set", "--avs", AVS, "--set", "4294967296"],
        flag: "--set",
      },
      {
        title: "a magnitude over 100%",
        argv: ["operator", "allocate", "--avs", AVS, "--set", "1", "--strategy", STRATEGY, "--magnitude", "150%"],
        flag: "--magnitude",
      },
      {
        title: "a magnitude over 1 as a fraction",
        argv: ["operator", "allocate", "--avs", AVS, "--set", "1", "--strategy", STRATEGY, "--magnitude", "1.01"],
        flag: "--magnitude",
      },
      {
        title: "more magnitudes than strategies",
        argv: [
          "operator",
          "allocate",
          "--avs",
          AVS,
          "--set",
          "1",
          "--strategy",
          STRATEGY,
          "--magnitude",
          "0.1",
          "--magnitude",
          "0.2",
        ],
        flag: "--magnitude",
      },
      {
        title: "a slash of nothing",
        argv: [
          "avs",
          "slash",
          "--slasher",
          SLASHER,
          "--kind",
          "instant",
          "--operator",
          OPERATOR,
          "--strategy",
          STRATEGY,
          "--wad",
          "0%",
          "--description",
          "x",
        ],
        flag: "--wad",
      },
      {
        title: "an unknown kind of slash",
        argv: ["avs", "slash", "--slasher", SLASHER, "--kind", "gentle"],
        flag: "--kind",
      },
      {
        title: "an instant slash without a description",
        argv: [
          "avs",
          "slash",
          "--slasher",
          SLASHER,
          "--kind",
          "instant",
          "--operator",
          OPERATOR,
          "--strategy",
          STRATEGY,
          "--wad",
          "10%",
        ],
        flag: "--description",
      },
      {
        title: "evidence given to an instant slash",
        argv: ["avs", "slash", "--slasher", SLASHER, "--kind", "instant", "--evidence", "x.json"],
        flag: "--evidence",
      },
      {
        title: "a veto execution without its request",
        argv: ["avs", "slash", "--slasher", SLASHER, "--kind", "veto", "--execute"],
        flag: "--request",
      },
      {
        title: "a withdrawal of some shares",
        argv: ["staker", "withdraw", "--strategy", STRATEGY, "--shares", "some"],
        flag: "--shares",
      },
      { title: "completing nothing in particular", argv: ["staker", "complete"], flag: "--root" },
      { title: "a malformed root", argv: ["staker", "complete", "--root", "0x1234"], flag: "--root" },
      { title: "an update of nothing", argv: ["operator", "update"], flag: "--metadata-uri" },
      {
        title: "a negative allocation delay",
        argv: ["operator", "register", "--metadata-uri", "x", "--allocation-delay", "-1"],
        flag: "--allocation-delay",
      },
      {
        title: "an RPC URL that is not http",
        argv: ["--rpc", "ftp://node", "staker", "status", OPERATOR],
        flag: "--rpc",
      },
      {
        title: "a chain id that is not a number",
        argv: ["--chain", "main", "staker", "status", OPERATOR],
        flag: "--chain",
      },
      {
        title: "a private key of the wrong length",
        argv: ["--private-key", "0x1234", "keys", "list"],
        flag: "--private-key",
      },
      { title: "zero confirmations", argv: ["--confirmations", "0", "keys", "list"], flag: "--confirmations" },
      {
        title: "a set to settle without its AVS",
        argv: ["operator", "settle", "--set", "1"],
        flag: "--avs",
      },
      {
        title: "a release for a recipient that is not an address",
        argv: ["avs", "release", "--avs", AVS, "--set", "1", "--strategy", STRATEGY, "--recipient", "0x12"],
        flag: "--recipient",
      },
      {
        title: "a scheduled slasher's recipient that is not an address",
        argv: ["avs", "schedule-slasher", "--set", "1", "--slasher", SLASHER, "--recipient", "nobody"],
        flag: "--recipient",
      },
      { title: "a key name with a slash", argv: ["keys", "create", "--name", "a/b"], flag: "--name" },
    ];
    for (const { title, argv, flag } of cases) {
      it(title, async () => {
        const { code, stderr } = await run(argv);
        expect(code, stderr).to.equal(2);
        expect(stderr, "the flag at fault is named").to.include(flag);
      });
    }

    it("refuses to send without --yes when nobody can confirm (not a terminal), before touching the network", async () => {
      const { code, stderr } = await run(
        ["--rpc", offline, "--private-key", TEST_KEY, "staker", "delegate", "--operator", OPERATOR],
        {},
        { isTTY: false },
      );
      expect(code, stderr).to.equal(2);
      expect(stderr).to.include("--yes");
    });

    it("refuses a write without a key", async () => {
      const { code, stderr } = await run(["--rpc", offline, "--yes", "staker", "delegate", "--operator", OPERATOR]);
      expect(code, stderr).to.equal(2);
      expect(stderr).to.include("--keystore");
    });

    it("reports a usage error as one JSON object with --json", async () => {
      const { code, stdout } = await run([
        "--json",
        "staker",
        "deposit",
        "--strategy",
        STRATEGY,
        "--amount",
        "1",
        "--wat",
      ]);
      expect(code).to.equal(2);
      const { error } = JSON.parse(stdout) as { error: { name: string; kind: string; shortMessage: string } };
      expect(error.name).to.equal("UsageError");
      expect(error.shortMessage).to.include("--wat");
    });

    it("reports an invalid argument as one JSON object with --json, the flag as its argument", async () => {
      const { code, stdout } = await run(["--json", "staker", "deposit", "--strategy", "0x12", "--amount", "1"]);
      expect(code).to.equal(2);
      const { error } = JSON.parse(stdout) as { error: { name: string; kind: string; argument: string } };
      expect(error).to.include({ name: "InvalidArgumentError", kind: "input", argument: "--strategy" });
    });
  });

  describe("--calldata", () => {
    const base = () => ["--rpc", offline, "--chain", "31337", "--deployment", deploymentFile, "--calldata"];

    it("staker delegate: OperatorRegistry.delegate(operator, no approval), without a key or a network", async () => {
      const { code, stdout, stderr } = await run([...base(), "staker", "delegate", "--operator", OPERATOR]);
      expect(code, stderr).to.equal(0);
      const call = decodeCall(stdout, OperatorRegistryAbi);
      expect(call.to).to.equal(ADDRESSES.operatorRegistry);
      expect(call.value).to.equal("0");
      expect(call.name).to.equal("delegate");
      expect(call.args[0]).to.equal(OPERATOR);
    });

    it("staker deposit --raw: StrategyManager.deposit(strategy, amount)", async () => {
      const { code, stdout, stderr } = await run([
        ...base(),
        "staker",
        "deposit",
        "--strategy",
        STRATEGY,
        "--amount",
        "2500",
        "--raw",
      ]);
      expect(code, stderr).to.equal(0);
      const call = decodeCall(stdout, StrategyManagerAbi);
      expect(call.to).to.equal(ADDRESSES.strategyManager);
      expect(call.name).to.equal("deposit");
      expect(call.args).to.deep.equal([STRATEGY, 2500n]);
    });

    it("operator allocate: a percentage becomes a magnitude out of 1e18", async () => {
      const { code, stdout, stderr } = await run([
        ...base(),
        "operator",
        "allocate",
        "--avs",
        AVS,
        "--set",
        "7",
        "--strategy",
        STRATEGY,
        "--magnitude",
        "12.5%",
      ]);
      expect(code, stderr).to.equal(0);
      const call = decodeCall(stdout, AllocationManagerAbi);
      expect(call.to).to.equal(ADDRESSES.allocationManager);
      expect(call.name).to.equal("modifyAllocations");
      const [[change]] = call.args as [
        [{ operatorSet: { avs: string; id: bigint }; strategies: string[]; magnitudes: bigint[] }],
      ];
      expect(change.operatorSet.avs).to.equal(AVS);
      expect(change.operatorSet.id).to.equal(7n);
      expect([...change.strategies]).to.deep.equal([STRATEGY]);
      expect([...change.magnitudes]).to.deep.equal([parseEther("0.125")]);
    });

    it("operator settle with a set and strategies: AllocationManager.settleAllocations, without reading the chain", async () => {
      const { code, stdout, stderr } = await run([
        ...base(),
        "--from",
        OPERATOR,
        "operator",
        "settle",
        "--avs",
        AVS,
        "--set",
        "3",
        "--strategy",
        STRATEGY,
      ]);
      expect(code, stderr).to.equal(0);
      const [call] = JSON.parse(stdout) as { to: string; data: string }[];
      expect(call?.to).to.equal(ADDRESSES.allocationManager);
      const parsed = new Interface(AllocationManagerAbi).parseTransaction({ data: call?.data ?? "0x" });
      expect(parsed?.name).to.equal("settleAllocations");
      expect(parsed?.args[0]).to.equal(OPERATOR);
      expect(parsed?.args[1]).to.deep.equal([AVS, 3n]);
      expect([...(parsed?.args[2] as string[])]).to.deep.equal([STRATEGY]);
    });

    it("avs slash --kind instant: the slasher's slash(operator, strategies, wads, description)", async () => {
      const { code, stdout, stderr } = await run([
        ...base(),
        "avs",
        "slash",
        "--slasher",
        SLASHER,
        "--kind",
        "instant",
        "--operator",
        OPERATOR,
        "--strategy",
        STRATEGY,
        "--wad",
        "0.1",
        "--description",
        "missed three epochs",
      ]);
      expect(code, stderr).to.equal(0);
      const call = decodeCall(stdout, InstantSlasherAbi);
      expect(call.to).to.equal(SLASHER);
      expect(call.name).to.equal("slash");
      expect(call.args[0]).to.equal(OPERATOR);
      expect([...(call.args[1] as string[])]).to.deep.equal([STRATEGY]);
      expect([...(call.args[2] as bigint[])]).to.deep.equal([parseEther("0.1")]);
      expect(call.args[3]).to.equal("missed three epochs");
    });

    it("avs slash --kind equivocation: two signed attestations from --evidence become reportEquivocation", async () => {
      const payloadA = `0x${"11".repeat(32)}`;
      const payloadB = `0x${"22".repeat(32)}`;
      const signatureA = `0x${"aa".repeat(65)}`;
      const signatureB = `0x${"bb".repeat(65)}`;
      const evidence = join(directory, "evidence.json");
      await writeFile(
        evidence,
        JSON.stringify([
          { height: 42, payloadHash: payloadA, signature: signatureA },
          { height: "42", payloadHash: payloadB, signature: signatureB },
        ]),
      );
      const { code, stdout, stderr } = await run([
        ...base(),
        "avs",
        "slash",
        "--slasher",
        SLASHER,
        "--kind",
        "equivocation",
        "--evidence",
        evidence,
      ]);
      expect(code, stderr).to.equal(0);
      const call = decodeCall(stdout, EquivocationSlasherAbi);
      expect(call.to).to.equal(SLASHER);
      expect(call.name).to.equal("reportEquivocation");
      expect(call.args).to.deep.equal([42n, payloadA, signatureA, payloadB, signatureB]);
    });

    it("equivocation evidence for two different heights is no equivocation: exit 2", async () => {
      const evidence = join(directory, "two-heights.json");
      await writeFile(
        evidence,
        JSON.stringify({
          attestations: [
            { height: 1, payloadHash: `0x${"11".repeat(32)}`, signature: "0x12" },
            { height: 2, payloadHash: `0x${"22".repeat(32)}`, signature: "0x34" },
          ],
        }),
      );
      const argv = [...base(), "avs", "slash", "--slasher", SLASHER, "--kind", "equivocation", "--evidence", evidence];
      const { code, stderr } = await run(argv);
      expect(code).to.equal(2);
      expect(stderr).to.include("different heights");
    });

    it("staker undelegate needs the sender: --from gives it, and without it the error names --from", async () => {
      const missing = await run([...base(), "staker", "undelegate"]);
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.include("--from");
      const { code, stdout } = await run([...base(), "--from", OPERATOR, "staker", "undelegate"]);
      expect(code).to.equal(0);
      const call = decodeCall(stdout, OperatorRegistryAbi);
      expect(call.name).to.equal("undelegate");
      expect(call.args).to.deep.equal([OPERATOR]);
    });

    it("operator update prints a list, one call per change", async () => {
      const { code, stdout } = await run([
        ...base(),
        "operator",
        "update",
        "--metadata-uri",
        "ipfs://x",
        "--approver",
        "none",
      ]);
      expect(code).to.equal(0);
      const calls = JSON.parse(stdout) as { to: string; data: string }[];
      expect(calls.map((call) => new Interface(OperatorRegistryAbi).parseTransaction(call)?.name)).to.deep.equal([
        "updateOperatorMetadataURI",
        "setDelegationApprover",
      ]);
    });

    it("takes every setting from its environment twin", async () => {
      const { code, stdout, stderr } = await run(["staker", "delegate", "--operator", OPERATOR], {
        PALISADE_RPC_URL: offline,
        PALISADE_CHAIN_ID: "31337",
        PALISADE_DEPLOYMENT: deploymentFile,
        PALISADE_CALLDATA: "1",
      });
      expect(code, stderr).to.equal(0);
      expect(decodeCall(stdout, OperatorRegistryAbi).name).to.equal("delegate");
    });

    it("a flag wins over its environment twin, and a boolean twin set to 0 stays off", async () => {
      const { code, stdout } = await run(
        ["--deployment", deploymentFile, "staker", "delegate", "--operator", OPERATOR],
        {
          PALISADE_RPC_URL: offline,
          PALISADE_CHAIN_ID: "31337",
          PALISADE_DEPLOYMENT: join(directory, "missing.json"),
          PALISADE_CALLDATA: "true",
          PALISADE_JSON: "0",
        },
      );
      expect(code).to.equal(0);
      expect(decodeCall(stdout, OperatorRegistryAbi).name).to.equal("delegate");
    });

    it("an action that must read the chain (a token's decimals) reports the unreachable endpoint: exit 3", async () => {
      const { code, stderr } = await run([...base(), "staker", "deposit", "--strategy", STRATEGY, "--amount", "1.5"]);
      expect(code, stderr).to.equal(3);
      expect(stderr).to.include("--rpc");
    });
  });

  describe("the endpoint", () => {
    it("an unreachable RPC exits 3", async () => {
      const { code, stderr } = await run(["--rpc", offline, "staker", "status", OPERATOR]);
      expect(code).to.equal(3);
      expect(stderr).to.match(/^Error: The JSON-RPC endpoint .* could not be reached/);
    });

    it("an unreachable RPC exits 3 with a JSON error under --json", async () => {
      const { code, stdout } = await run(["--json", "--rpc", offline, "operator", "status", OPERATOR]);
      expect(code).to.equal(3);
      const { error } = JSON.parse(stdout) as { error: { name: string; kind: string } };
      expect(error).to.include({ name: "NetworkError", kind: "network" });
    });

    describe("against a stub node", () => {
      let stub: { url: string; server: Server };

      before(async () => {
        stub = await stubNode(31337);
      });

      after(async () => {
        await closeServer(stub.server);
      });

      it("a chain other than --chain is a WrongChainError: exit 2", async () => {
        const { code, stderr } = await run(["--rpc", stub.url, "--chain", "1", "avs", "status", AVS]);
        expect(code, stderr).to.equal(2);
        expect(stderr).to.include("--chain is 1, but");
        expect(stderr).to.include("31337");
      });

      it("no deployment for the chain: exit 2 naming --deployment", async () => {
        // A chain no one deploys to, so that no deployments/<chainId>.json in the working directory gets in the way.
        const lonely = await stubNode(987_654_321);
        try {
          const { code, stderr } = await run(["--rpc", lonely.url, "staker", "status", OPERATOR]);
          expect(code, stderr).to.equal(2);
          expect(stderr).to.include("--deployment");
          expect(stderr).to.include("987654321");
        } finally {
          await closeServer(lonely.server);
        }
      });

      it("a deployment whose addresses hold no code: exit 2", async () => {
        const { code, stderr } = await run([
          "--rpc",
          stub.url,
          "--deployment",
          deploymentFile,
          "staker",
          "status",
          OPERATOR,
        ]);
        expect(code, stderr).to.equal(2);
        expect(stderr).to.include("No contract at");
      });
    });
  });

  describe("status tables", () => {
    const now = 1_800_000_000n;
    const ROOT = `0x${"ab".repeat(32)}`;

    it("a staker: delegation, positions in token units, withdrawals with their roots", () => {
      const text = renderStakerStatus(
        {
          staker: TEST_KEY_ADDRESS,
          delegatedTo: OPERATOR,
          operatorId: 7n,
          depositNonce: 2n,
          risks: [],
          positions: [
            {
              strategy: STRATEGY,
              token: AVS,
              scaledShares: 1_500n,
              withdrawableShares: 1_400n,
              underlying: parseEther("1.5"),
            },
          ],
          withdrawals: [
            {
              root: ROOT,
              status: "waiting",
              secondsToMaturity: 3_600n,
              preview: { shares: [100n], tokens: [99n] },
              withdrawal: {
                staker: TEST_KEY_ADDRESS,
                operatorId: 7n,
                maturity: now + 3_600n,
                nonce: 0n,
                strategies: [STRATEGY],
                scaledShares: [100n],
              },
            },
          ],
        },
        [{ address: AVS, symbol: "stETH", decimals: 18 }],
        now,
      );
      expect(text).to.include(`delegated to   ${OPERATOR} (operator id 7)`);
      expect(text).to.include("1.5 stETH");
      expect(text).to.include(ROOT);
      expect(text).to.include("waiting");
      expect(text).to.include("in 1 hour");
    });

    it("a staker with nothing says so", () => {
      const text = renderStakerStatus(
        {
          staker: TEST_KEY_ADDRESS,
          delegatedTo: "0x0000000000000000000000000000000000000000",
          operatorId: 0n,
          depositNonce: 0n,
          positions: [],
          withdrawals: [],
          risks: [],
        },
        [],
        now,
      );
      expect(text).to.include("not delegated");
      expect(text).to.include("none pending");
      expect(text, "no operator, no risk flags").to.not.include("Risk flags");
    });

    it("a staker whose operator can slash it to itself: a loud DANGER, with the set, recipient and slasher, amounts in tokens", () => {
      const zero = "0x0000000000000000000000000000000000000000";
      const text = renderStakerStatus(
        {
          staker: TEST_KEY_ADDRESS,
          delegatedTo: OPERATOR,
          operatorId: 7n,
          depositNonce: 0n,
          positions: [],
          withdrawals: [],
          risks: [
            {
              avs: OPERATOR,
              setId: 9,
              operator: OPERATOR,
              delegationApprover: zero,
              recipient: OPERATOR,
              pendingRecipient: zero,
              slasher: OPERATOR,
              pendingSlasher: zero,
              changesAt: 0n,
              registered: true,
              slashable: false,
              slashableFrom: now + 604_801n,
              avsIsOperator: true,
              allocations: [
                {
                  strategy: STRATEGY,
                  current: 0n,
                  pending: parseEther("1"),
                  effectAt: now + 604_801n,
                  slashableShares: 0n,
                  slashableSharesAtEffect: 100_000n,
                  slashableTokens: 0n,
                  slashableTokensAtEffect: parseEther("100"),
                },
              ],
              selfDealing: [
                { role: "recipient", party: "operator", address: OPERATOR },
                { role: "slasher", party: "operator", address: OPERATOR },
              ],
              severity: "critical",
            },
            {
              avs: AVS,
              setId: 2,
              operator: OPERATOR,
              delegationApprover: zero,
              recipient: SLASHER,
              pendingRecipient: TEST_KEY_ADDRESS,
              slasher: SLASHER,
              pendingSlasher: TEST_KEY_ADDRESS,
              changesAt: now + 3_600n,
              registered: true,
              slashable: true,
              slashableFrom: now - 10n,
              avsIsOperator: false,
              allocations: [
                {
                  strategy: STRATEGY,
                  current: parseEther("0.5"),
                  pending: 0n,
                  effectAt: 0n,
                  slashableShares: 50_000n,
                  slashableSharesAtEffect: 50_000n,
                  slashableTokens: parseEther("50"),
                  slashableTokensAtEffect: parseEther("50"),
                },
              ],
              selfDealing: [],
              severity: "warning",
            },
          ],
        },
        [],
        now,
        {
          tokensByStrategy: new Map([[STRATEGY.toLowerCase(), { address: AVS, symbol: "stETH", decimals: 18 }]]),
          delay: {
            delay: 604_800n,
            governanceDelay: 86_400n,
            maturityFloor: now + 500_000n,
            exitEnd: now + 604_800n,
            now,
          },
        },
      );
      expect(text).to.include("Risk flags: !!! 1 DANGER: your operator can slash your stake to itself");
      expect(text).to.include(
        `!!! DANGER: operator ${OPERATOR} can slash its stakers' stake to itself: in set 9 of AVS ${OPERATOR}, the operator itself is its recipient and the operator itself is its slasher.`,
      );
      expect(text).to.include(`${OPERATOR} (THE OPERATOR ITSELF)`);
      expect(text).to.include("(the AVS is the operator itself)");
      expect(text).to.include("100 stETH");
      expect(text).to.include("registered, slashable from 2027-01-22 08:00:01 UTC (in 7 days)");
      expect(text).to.include(`warning: operator ${OPERATOR} allocates to set 2 of AVS ${AVS}`);
      expect(text).to.include(`; from 2027-01-15 09:00:00 UTC (in 1 hour): ${TEST_KEY_ADDRESS}`);
      expect(text).to.include("50 stETH");
      expect(text).to.include("7 days: a withdrawal queued now matures").and.to.include("governance set 1 day");
    });

    it("an operator: registration, stake as percentages, allocations per set with pending changes", () => {
      const text = renderOperatorStatus(
        {
          operator: OPERATOR,
          isOperator: true,
          operatorId: 7n,
          registeredAt: now - 86_400n,
          delegationApprover: "0x0000000000000000000000000000000000000000",
          allocationDelay: 3_600n,
          pendingAllocationDelay: { delay: 7_200n, effectAt: now + 60n },
          stakes: [
            {
              strategy: STRATEGY,
              delegatedShares: 5_000n,
              slashingFactor: parseEther("0.9"),
              maxMagnitude: parseEther("1"),
              encumberedMagnitude: parseEther("0.5"),
              allocatableMagnitude: parseEther("0.5"),
            },
          ],
          sets: [
            {
              avs: AVS,
              setId: 1,
              info: {
                slasher: SLASHER,
                pendingSlasher: "0x0000000000000000000000000000000000000000",
                slasherEffectAt: 0n,
                registrar: "0x0000000000000000000000000000000000000000",
                redistributionRecipient: OPERATOR,
                pendingRedistributionRecipient: "0x0000000000000000000000000000000000000000",
              },
              registered: true,
              slashable: true,
              slashableFrom: now - 60n,
              slashableUntil: 0n,
              allocations: [
                {
                  strategy: STRATEGY,
                  inSet: true,
                  strategySlashableFrom: 0n,
                  current: parseEther("0.25"),
                  pending: parseEther("0.5"),
                  effectAt: now + 60n,
                  slashableShares: 1_250n,
                  slashableSharesAtEffect: 2_500n,
                },
              ],
            },
          ],
        },
        now,
      );
      expect(text).to.include("yes, id 7");
      expect(text).to.include("1 hour; 2 hours from");
      expect(text).to.include("90%");
      expect(text).to.include(`Set ${AVS} / 1: registered, slashable since 2027-01-15 07:59:00 UTC (1 minute ago)`);
      expect(text).to.include(`slashed funds  to ${OPERATOR}`);
      expect(text).to.match(/25%\s+50%/);
    });

    it("an operator with a decrease that took effect shows it to settle", () => {
      const text = renderOperatorStatus(
        {
          operator: OPERATOR,
          isOperator: true,
          operatorId: 7n,
          registeredAt: now - 86_400n,
          delegationApprover: "0x0000000000000000000000000000000000000000",
          allocationDelay: 60n,
          pendingAllocationDelay: undefined,
          stakes: [],
          sets: [],
        },
        now,
        [
          {
            strategy: STRATEGY,
            unsettledMagnitude: parseEther("0.25"),
            decreases: [{ avs: AVS, setId: 1, magnitude: 0n, effectAt: now - 3_600n }],
          },
        ],
      );
      expect(text).to.include("not settled yet").and.to.include("palisade operator settle");
      expect(text).to.match(/25%\s+0x9fE4…a6e0 \/ 1\s+0%/);
    });

    it("an AVS: each set's slasher, strategies and members, and the security report", () => {
      const text = renderAvsStatus(
        {
          avs: AVS,
          sets: [
            {
              setId: 1,
              exists: true,
              slasher: SLASHER,
              pendingSlasher: "0x0000000000000000000000000000000000000000",
              slasherEffectAt: 0n,
              registrar: "0x0000000000000000000000000000000000000000",
              redistributionRecipient: "0x0000000000000000000000000000000000000000",
              pendingRedistributionRecipient: "0x0000000000000000000000000000000000000000",
              strategies: [STRATEGY],
              strategySlashableFrom: [0n],
              totalSlashableShares: [2_500n],
              slashedSharesPending: [10n],
              slashedSharesReleasableAt: [0n],
              members: [
                {
                  operator: OPERATOR,
                  registered: false,
                  slashable: true,
                  slashableFrom: now - 86_400n,
                  slashableUntil: now + 600n,
                  slashableShares: [2_500n],
                  delegatedShares: [5_000n],
                  allocated: [parseEther("0.5")],
                  maxMagnitude: [parseEther("1")],
                  encumberedMagnitude: [parseEther("0.5")],
                },
              ],
            },
            { ...emptySet(2) },
          ],
        },
        {
          avs: AVS,
          setId: 1,
          operatorCount: 1,
          strategies: [
            {
              strategy: STRATEGY,
              totalSlashableShares: 2_500n,
              topOperatorWad: parseEther("1"),
              topThreeWad: parseEther("1"),
              operatorsForOneThird: 1,
              operatorsForHalf: 1,
            },
          ],
          operators: [{ operator: OPERATOR, slashableShares: [2_500n], allocatedElsewhereWad: [parseEther("0.2")] }],
          redistributionRecipient: "0x0000000000000000000000000000000000000000",
          pendingRedistributionRecipient: "0x0000000000000000000000000000000000000000",
          risks: [],
        },
        now,
      );
      expect(text).to.include(`slasher        ${SLASHER}`);
      expect(text).to.include("slashed funds  burned");
      expect(text).to.include("in 10 minutes");
      expect(text).to.include("Set 2 (does not exist)");
      expect(text).to.include("Security of set 1: 1 slashable operators");
      expect(text).to.include("20%");
      expect(text).to.include("Risk flags: the operators' allocations").and.to.include("none: no allocation");
    });

    it("tables right-align numbers and pad the rest", () => {
      expect(
        formatTable(
          ["name", "shares"],
          [
            ["a", "5"],
            ["bbb", "1,000"],
          ],
        ).split("\n"),
      ).to.deep.equal(["name  shares", "----  ------", "a          5", "bbb    1,000"]);
    });

    it("points an SDK parameter named by a revert at its flag", () => {
      expect(flagOf("requestId")).to.equal("--request");
      expect(flagOf("changes[0].strategies[1]")).to.equal("--strategy");
      expect(flagOf("--amount")).to.equal("--amount");
      expect(flagOf("runner")).to.equal(undefined);
    });
  });

  describe("keys", () => {
    let keysDir: string;
    const env = () => ({
      PALISADE_KEYSTORE_DIR: keysDir,
      PALISADE_KEYSTORE_PASSWORD: "correct horse",
      PALISADE_KEYSTORE_FAST_KDF: "1",
    });

    before(() => {
      keysDir = join(directory, "keys");
    });

    it("create, import and list round-trip through encrypted files, and never print a private key", async () => {
      const created = await run(["--json", "keys", "create", "--name", "alice"], env());
      expect(created.code, created.stderr).to.equal(0);
      const alice = JSON.parse(created.stdout) as { name: string; address: string; file: string };
      expect(alice.name).to.equal("alice");
      expect(alice.file).to.equal(join(keysDir, "alice.json"));

      const imported = await run(["keys", "import", "--name", "deployer"], {
        ...env(),
        PALISADE_PRIVATE_KEY: TEST_KEY,
      });
      expect(imported.code, imported.stderr).to.equal(0);
      expect(imported.stdout).to.include(TEST_KEY_ADDRESS);
      expect(imported.stdout + imported.stderr).to.not.include(TEST_KEY.slice(2));

      const listed = await run(["--json", "keys", "list"], env());
      expect(listed.code).to.equal(0);
      const { keys } = JSON.parse(listed.stdout) as { keys: { name: string; address: string }[] };
      expect(keys.map(({ name, address }) => ({ name, address }))).to.deep.equal([
        { name: "alice", address: alice.address },
        { name: "deployer", address: TEST_KEY_ADDRESS },
      ]);

      const table = await run(["keys", "list"], env());
      expect(table.stdout).to.include("alice").and.to.include(alice.address);

      // The file is what ethers writes, and the password opens it.
      const wallet = await Wallet.fromEncryptedJson(
        await readFile(join(keysDir, "deployer.json"), "utf8"),
        "correct horse",
      );
      expect(wallet.address).to.equal(TEST_KEY_ADDRESS);
    });

    it("never overwrites a key: an existing name is exit 2 naming --name", async () => {
      const { code, stderr } = await run(["keys", "create", "--name", "alice"], env());
      expect(code).to.equal(2);
      expect(stderr).to.include("--name");
    });

    it("reads the password from --password-file, and asks twice at a terminal", async () => {
      const passwordFile = join(directory, "password.txt");
      await writeFile(passwordFile, "from a file\n");
      const fromFile = await run(["--password-file", passwordFile, "keys", "create", "--name", "bob"], {
        PALISADE_KEYSTORE_DIR: keysDir,
        PALISADE_KEYSTORE_FAST_KDF: "1",
      });
      expect(fromFile.code, fromFile.stderr).to.equal(0);
      await Wallet.fromEncryptedJson(await readFile(join(keysDir, "bob.json"), "utf8"), "from a file");

      const asked: { question: string; hidden: boolean }[] = [];
      const answers = ["typed", "typed"];
      const prompted = await run(
        ["keys", "create", "--name", "carol"],
        { PALISADE_KEYSTORE_DIR: keysDir, PALISADE_KEYSTORE_FAST_KDF: "1" },
        {
          isTTY: true,
          prompt: (question, hidden) => {
            asked.push({ question, hidden: hidden === true });
            return Promise.resolve(answers.shift() ?? "");
          },
        },
      );
      expect(prompted.code, prompted.stderr).to.equal(0);
      expect(asked.length, "asked twice").to.equal(2);
      expect(
        asked.every((question) => question.hidden),
        "hidden",
      ).to.equal(true);

      const mismatch = ["one", "two"];
      const differ = await run(
        ["keys", "create", "--name", "dave"],
        { PALISADE_KEYSTORE_DIR: keysDir, PALISADE_KEYSTORE_FAST_KDF: "1" },
        { isTTY: true, prompt: () => Promise.resolve(mismatch.shift() ?? "") },
      );
      expect(differ.code).to.equal(2);
      expect(differ.stderr).to.include("passwords differ");
    });

    it("without a password and without a terminal, exit 2 naming --password-file", async () => {
      const { code, stderr } = await run(["keys", "create", "--name", "erin"], { PALISADE_KEYSTORE_DIR: keysDir });
      expect(code).to.equal(2);
      expect(stderr).to.include("--password-file");
    });

    it("a keystore gives its address without the password (for --calldata), and signs only with the right one", async () => {
      const calldata = await run(
        [
          "--keystore",
          "deployer",
          "--chain",
          "31337",
          "--deployment",
          deploymentFile,
          "--rpc",
          offline,
          "--calldata",
          "staker",
          "undelegate",
        ],
        { PALISADE_KEYSTORE_DIR: keysDir },
      );
      expect(calldata.code, calldata.stderr).to.equal(0);
      expect(decodeCall(calldata.stdout, OperatorRegistryAbi).args).to.deep.equal([TEST_KEY_ADDRESS]);

      const stub = await stubNode(31337);
      try {
        const argv = ["--rpc", stub.url, "--deployment", deploymentFile, "--keystore", "deployer", "--yes"];
        const wrong = await run([...argv, "staker", "delegate", "--operator", OPERATOR], {
          PALISADE_KEYSTORE_DIR: keysDir,
          PALISADE_KEYSTORE_PASSWORD: "wrong",
        });
        expect(wrong.code).to.equal(2);
        expect(wrong.stderr).to.include("password does not open");
        // The right password unlocks the key; the stub's empty code then stops the command at the deployment check.
        const right = await run([...argv, "staker", "delegate", "--operator", OPERATOR], {
          PALISADE_KEYSTORE_DIR: keysDir,
          PALISADE_KEYSTORE_PASSWORD: "correct horse",
        });
        expect(right.code).to.equal(2);
        expect(right.stderr).to.include("No contract at");
      } finally {
        await closeServer(stub.server);
      }
    });

    it("encrypts with ethers' default scrypt unless told otherwise", async () => {
      const { code, stderr } = await run(["keys", "create", "--name", "strong"], {
        PALISADE_KEYSTORE_DIR: keysDir,
        PALISADE_KEYSTORE_PASSWORD: "pw",
      });
      expect(code, stderr).to.equal(0);
      const file = JSON.parse(await readFile(join(keysDir, "strong.json"), "utf8")) as {
        Crypto?: { kdfparams: { n: number } };
        crypto?: { kdfparams: { n: number } };
      };
      expect((file.Crypto ?? file.crypto)?.kdfparams.n).to.equal(131072);
    });

    it("lists the default directory under HOME, and an empty one says how to create a key", async () => {
      const { code, stdout } = await run(["keys", "list"], { HOME: join(directory, "home") });
      expect(code).to.equal(0);
      expect(stdout).to.include(join(directory, "home", ".palisade", "keystores"));
      expect(stdout).to.include("palisade keys create");
    });
  });
});
