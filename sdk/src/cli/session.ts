/**
 * One run of a command: its checked global settings, its output, its key, and its connection to the chain (made
 * once, on demand, and closed when `main` returns).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import type { Command, OptionValues } from "commander";
import {
  computeAddress,
  FetchRequest,
  JsonRpcProvider,
  Network,
  Wallet,
  type ContractRunner,
  type HDNodeWallet,
} from "ethers";

import { createPalisade, type PalisadeClient } from "../client.js";
import { KNOWN_DEPLOYMENTS, readDeploymentFile, type PalisadeDeployment } from "../deployment.js";
import {
  InvalidArgumentError,
  MissingAddressError,
  NetworkError,
  SignerRequiredError,
  WrongChainError,
} from "../errors/base.js";
import type { GlobalOptionValues } from "./command.js";
import type { ResolvedIO } from "./io.js";
import { keystoreAddress, keystoreDir, keystoreFile, unlockKeystore } from "./keystore.js";
import { parseAddress, parsePrivateKey, parseSmallInt, parseUint } from "./parse.js";
import { toJson } from "./render.js";

/** The global options, checked. */
export interface Settings {
  rpc: string;
  chainId: bigint | undefined;
  deployment: string | undefined;
  privateKey: string | undefined;
  keystore: string | undefined;
  passwordFile: string | undefined;
  keystoreDir: string;
  json: boolean;
  calldata: boolean;
  from: string | undefined;
  yes: boolean;
  confirmations: number | undefined;
}

/** Where the key comes from: a raw private key, or a keystore file. */
type KeySource = { kind: "privateKey"; key: string } | { kind: "keystore"; file: string };

/** Seconds to wait for the endpoint's first answer before calling it unreachable. */
const PROBE_TIMEOUT_MS = 15_000;

export function readSettings(values: GlobalOptionValues, io: ResolvedIO): Settings {
  if (!/^https?:\/\//i.test(values.rpc)) {
    throw new InvalidArgumentError(`--rpc: "${values.rpc}" is not an http(s) URL.`, {
      argument: "--rpc",
      hint: "Pass the node's HTTP JSON-RPC endpoint, like http://127.0.0.1:8545.",
    });
  }
  return {
    rpc: values.rpc,
    chainId: values.chain === undefined ? undefined : parseUint(values.chain, "--chain", "a chain id (a whole number)"),
    deployment: values.deployment,
    privateKey: values.privateKey === undefined ? undefined : parsePrivateKey(values.privateKey, "--private-key"),
    keystore: values.keystore,
    passwordFile: values.passwordFile,
    keystoreDir: keystoreDir(values.keystoreDir, io),
    json: values.json === true,
    calldata: values.calldata === true,
    from: values.from === undefined ? undefined : parseAddress(values.from, "--from"),
    yes: values.yes === true,
    confirmations:
      values.confirmations === undefined ? undefined : parseSmallInt(values.confirmations, "--confirmations", 1, 1_000),
  };
}

/** Asks the endpoint its chain id once, so that an unreachable node fails fast (ethers would retry forever). */
async function probeChainId(url: string): Promise<bigint> {
  const unreachable = (reason: string, cause?: unknown) =>
    new NetworkError(`The JSON-RPC endpoint ${url} ${reason}.`, {
      argument: "--rpc",
      cause,
      hint: "Check the URL (--rpc / PALISADE_RPC_URL) and that the node is running.",
    });
  const request = new FetchRequest(url);
  request.setHeader("content-type", "application/json");
  request.body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
  request.timeout = PROBE_TIMEOUT_MS;
  let body: unknown;
  try {
    const response = await request.send();
    if (!response.ok()) throw unreachable(`answered HTTP ${response.statusCode} ${response.statusMessage}`);
    body = response.bodyJson;
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    throw unreachable(
      `could not be reached (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
      error,
    );
  }
  const result = (body as { result?: unknown } | null)?.result;
  if (typeof result !== "string" || !/^0x[0-9a-fA-F]+$/.test(result)) {
    throw unreachable("did not answer eth_chainId as a JSON-RPC node does");
  }
  return BigInt(result);
}

/** The deployment to use: --deployment, else deployments/<chainId>.json in the working directory, else the book. */
async function loadDeployment(settings: Settings, chainId: bigint): Promise<PalisadeDeployment> {
  if (settings.deployment !== undefined) {
    const file = resolve(settings.deployment);
    if (!existsSync(file)) {
      throw new MissingAddressError(`--deployment: no file at ${file}.`, {
        argument: "--deployment",
        hint: "Pass the deployment record the deploy scripts wrote (deployments/<chainId>.json).",
      });
    }
    return readDeploymentFile(file);
  }
  const local = resolve("deployments", `${chainId}.json`);
  if (existsSync(local)) return readDeploymentFile(local);
  const known = KNOWN_DEPLOYMENTS[Number(chainId)];
  if (known !== undefined) return known;
  throw new MissingAddressError(
    `Palisade has no known deployment on chain ${chainId}, and there is no deployments/${chainId}.json here.`,
    {
      argument: "--deployment",
      hint: "Pass --deployment <file> (PALISADE_DEPLOYMENT), or run from the directory that holds deployments/.",
    },
  );
}

/** What `main` closes when a command is done: the providers it opened. */
export class Runtime {
  readonly #providers: JsonRpcProvider[] = [];

  constructor(readonly io: ResolvedIO) {}

  track(provider: JsonRpcProvider): void {
    this.#providers.push(provider);
  }

  close(): void {
    for (const provider of this.#providers.splice(0)) provider.destroy();
  }

  /**
   * A commander action running `handler` with a session (the command's global settings, checked), the command's
   * own options and its positional arguments.
   */
  // The caller names the shape of its command's options, which commander only knows as a record.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  action<O extends OptionValues>(
    handler: (session: Session, options: O, positional: (string | undefined)[]) => Promise<void>,
  ): (...args: unknown[]) => Promise<void> {
    return async (...args: unknown[]) => {
      // Commander passes the positional arguments, then the options, then the command itself.
      const command = args.at(-1) as Command;
      const settings = readSettings(command.optsWithGlobals<GlobalOptionValues>(), this.io);
      await handler(new Session(this, settings), command.opts<O>(), args.slice(0, -2) as (string | undefined)[]);
    };
  }
}

export class Session {
  #client: PalisadeClient | undefined;
  #signer: Wallet | HDNodeWallet | undefined;

  constructor(
    readonly runtime: Runtime,
    readonly settings: Settings,
  ) {}

  get io(): ResolvedIO {
    return this.runtime.io;
  }

  /** Whether a person can answer prompts. */
  get interactive(): boolean {
    return this.io.isTTY && this.io.prompt !== undefined;
  }

  // ---- output ----

  /** A line of the result on stdout. */
  print(text: string): void {
    this.io.stdout(`${text}\n`);
  }

  /** The one JSON object of --json mode. */
  printJson(value: unknown): void {
    this.io.stdout(`${toJson(value)}\n`);
  }

  /** A note for the person at the terminal, on stderr; --json mode stays quiet. */
  info(text: string): void {
    if (!this.settings.json) this.io.stderr(`${text}\n`);
  }

  // ---- prompts ----

  async ask(question: string, hidden = false): Promise<string> {
    if (this.io.prompt === undefined) throw new Error("No prompt is available.");
    return this.io.prompt(question, hidden);
  }

  /** Refuses, before anything else happens, a write that nobody could confirm. */
  assertConfirmable(): void {
    if (this.settings.yes || this.settings.calldata || this.interactive) return;
    throw new InvalidArgumentError(
      "Refusing to send a transaction without confirmation: this is not an interactive terminal.",
      {
        argument: "--yes",
        hint: "Pass --yes (or PALISADE_YES=1) to send without asking, or --calldata to print the transaction instead.",
      },
    );
  }

  /** Asks "question [y/N]"; only a yes sends. */
  async confirm(question: string): Promise<boolean> {
    const answer = await this.ask(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  }

  /**
   * A keystore password: --password-file, else PALISADE_KEYSTORE_PASSWORD, else a hidden prompt (asked twice when
   * `confirm`, for a new key).
   */
  async password(question: string, confirm: boolean): Promise<string> {
    let password: string | undefined;
    if (this.settings.passwordFile !== undefined) {
      try {
        password = (await readFile(this.settings.passwordFile, "utf8")).replace(/\r?\n$/, "");
      } catch (error) {
        throw new InvalidArgumentError(`--password-file: cannot read ${this.settings.passwordFile}.`, {
          argument: "--password-file",
          cause: error,
        });
      }
    } else if (this.io.env.PALISADE_KEYSTORE_PASSWORD !== undefined) {
      password = this.io.env.PALISADE_KEYSTORE_PASSWORD;
    } else if (this.interactive) {
      password = await this.ask(`${question}: `, true);
      if (confirm && (await this.ask("Repeat the password: ", true)) !== password) {
        throw new InvalidArgumentError("The two passwords differ.", { argument: "password", hint: "Type it again." });
      }
    } else {
      throw new InvalidArgumentError("A keystore password is needed, and there is no terminal to ask it on.", {
        argument: "--password-file",
        hint: "Pass --password-file <file> (PALISADE_KEYSTORE_PASSWORD_FILE) or set PALISADE_KEYSTORE_PASSWORD.",
      });
    }
    if (confirm && password === "") {
      throw new InvalidArgumentError("The password is empty.", {
        argument: "password",
        hint: "A keystore with an empty password protects nothing: choose one.",
      });
    }
    return password;
  }

  // ---- keys and senders ----

  /** The configured key, if any (not decrypted). */
  keySource(): KeySource | undefined {
    const { privateKey, keystore } = this.settings;
    if (privateKey !== undefined && keystore !== undefined) {
      throw new InvalidArgumentError("Both --private-key and --keystore are set: which key signs is ambiguous.", {
        argument: "--keystore",
        hint: "Keep one (check PALISADE_PRIVATE_KEY and PALISADE_KEYSTORE in the environment too).",
      });
    }
    if (privateKey !== undefined) return { kind: "privateKey", key: privateKey };
    if (keystore !== undefined) return { kind: "keystore", file: keystoreFile(keystore, this.settings.keystoreDir) };
    return undefined;
  }

  /** An address known without decrypting anything: --from, else the configured key's. */
  async knownAddress(): Promise<string | undefined> {
    if (this.#signer !== undefined) return this.#signer.address;
    if (this.settings.from !== undefined) return this.settings.from;
    const source = this.keySource();
    if (source === undefined) return undefined;
    return source.kind === "privateKey" ? computeAddress(source.key) : keystoreAddress(source.file);
  }

  /**
   * The account a write comes from: the signer's, or with --calldata, --from or the configured key's address.
   * `what` names what needs it, for the error when none is known.
   */
  async sender(what: string): Promise<string> {
    const address = await this.knownAddress();
    if (address === undefined) {
      throw new InvalidArgumentError(`${what} needs the sender's address.`, {
        argument: "--from",
        hint: "Pass --from <address> (PALISADE_FROM), or a key (--keystore / --private-key).",
      });
    }
    return address;
  }

  async #unlock(source: KeySource): Promise<Wallet | HDNodeWallet> {
    if (source.kind === "privateKey") return new Wallet(source.key);
    const address = await keystoreAddress(source.file);
    return unlockKeystore(source.file, await this.password(`Password for the key ${address}`, false));
  }

  // ---- the chain ----

  /**
   * The Palisade client. `write` loads the signer (unless --calldata) and first refuses an unconfirmable write.
   * With --calldata and --chain the chain is not asked anything until an action needs to read from it.
   */
  async connect(mode: "read" | "write"): Promise<PalisadeClient> {
    if (this.#client !== undefined) return this.#client;
    const { settings } = this;
    const signing = mode === "write" && !settings.calldata;
    let source: KeySource | undefined;
    if (signing) {
      this.assertConfirmable();
      source = this.keySource();
      if (source === undefined) {
        throw new SignerRequiredError("Sending a transaction needs a key, and none is configured.", {
          argument: "--keystore",
          hint: "Pass --keystore <name> (see `palisade keys`) or --private-key, or --calldata to print the transaction instead.",
        });
      }
    }
    const offline = settings.calldata && settings.chainId !== undefined;
    const chainId = offline && settings.chainId !== undefined ? settings.chainId : await probeChainId(settings.rpc);
    if (settings.chainId !== undefined && settings.chainId !== chainId) {
      throw new WrongChainError(`--chain is ${settings.chainId}, but ${settings.rpc} serves chain ${chainId}.`, {
        argument: "--chain",
        hint: "Point --rpc at the intended chain, or fix --chain (PALISADE_CHAIN_ID).",
      });
    }
    const deployment = await loadDeployment(settings, chainId);
    const network = Network.from(chainId);
    // The network is known: a static one spares ethers its own detection (and its endless retries when a node dies).
    // No request cache: ethers answers a repeated request from the last 250 ms from its cache, which hands two
    // transactions sent back to back (an approval, then the deposit) the same nonce.
    const provider = new JsonRpcProvider(settings.rpc, network, {
      staticNetwork: network,
      pollingInterval: 1_000,
      cacheTimeout: -1,
    });
    this.runtime.track(provider);
    let runner: ContractRunner = provider;
    if (source !== undefined) {
      const signer = (await this.#unlock(source)).connect(provider);
      if (settings.from !== undefined && settings.from !== signer.address) {
        throw new InvalidArgumentError(`--from is ${settings.from}, but the key signs as ${signer.address}.`, {
          argument: "--from",
          hint: "Drop --from (it is for --calldata and status commands), or use the key of that account.",
        });
      }
      this.#signer = signer;
      runner = signer;
    }
    this.#client = await createPalisade({
      runner,
      deployment,
      ...(settings.confirmations === undefined ? {} : { confirmations: settings.confirmations }),
      skipCodeCheck: offline,
    });
    return this.#client;
  }
}
