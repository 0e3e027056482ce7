/**
 * The commander program: the `palisade` command, its global options (each with an environment twin) and the helpers
 * every subcommand uses to describe itself.
 */
import type { EventEmitter } from "node:events";

import { Command, Option } from "commander";

import type { ResolvedIO } from "./io.js";
import { DEFAULT_KEYSTORE_DIR } from "./keystore.js";

/** Values an environment variable may hold to leave a boolean flag off. */
const FALSE_WORDS = new Set(["", "0", "false", "no", "off"]);

/**
 * A commander `Command` that reads its options' environment twins (`Option.env`) from the CLI's `io.env` instead of
 * `process.env`, so that a test can inject them. Subcommands are created as the same class.
 *
 * Commander 14 has no public hook for the environment's source: this overrides its private `_parseOptionsEnv`
 * (which it calls after parsing the command line) with the same rules, reading `io.env`, and one change: a boolean
 * twin set to `0`, `false`, `no`, `off` or the empty string leaves the flag off (commander turns it on whatever the
 * value). `assertCommanderHook` fails loudly if a commander upgrade renames the method.
 */
export class PalisadeCommand extends Command {
  readonly #env: Record<string, string | undefined>;

  constructor(name: string | undefined, env: Record<string, string | undefined>) {
    super(name);
    this.#env = env;
  }

  override createCommand(name?: string): PalisadeCommand {
    return new PalisadeCommand(name, this.#env);
  }

  /** Commander's private hook (see the class comment): applies the environment twins of options not given. */
  _parseOptionsEnv(): void {
    for (const option of this.options) {
      const variable = option.envVar;
      if (variable === undefined) continue;
      const value = this.#env[variable];
      if (value === undefined) continue;
      const key = option.attributeName();
      const source = this.getOptionValueSource(key);
      // The command line (and values set in code) win over the environment.
      const overridable =
        (this.getOptionValue(key) as unknown) === undefined ||
        source === "default" ||
        source === "config" ||
        source === "env";
      if (!overridable) continue;
      // Commander's listener for this event applies the option's parser, preset and negation, as it does itself.
      const emitter = this as unknown as EventEmitter;
      if (option.required || option.optional) emitter.emit(`optionEnv:${option.name()}`, value);
      else if (!FALSE_WORDS.has(value.trim().toLowerCase())) emitter.emit(`optionEnv:${option.name()}`);
    }
  }
}

/** Fails if the installed commander no longer has the private hook `PalisadeCommand` overrides. */
export function assertCommanderHook(): void {
  const hook = (Command.prototype as unknown as Record<string, unknown>)._parseOptionsEnv;
  if (typeof hook !== "function") {
    throw new Error(
      "The installed commander has no _parseOptionsEnv: the CLI's environment twins need updating for this commander version.",
    );
  }
}

/** The "Example:" block every command's help ends with. */
export function example(...lines: string[]): string {
  return `\nExample:\n${lines.map((line) => `  $ ${line}`).join("\n")}`;
}

/** The options every command understands, as commander parses them (before the CLI's own checks). */
export interface GlobalOptionValues {
  rpc: string;
  chain?: string;
  deployment?: string;
  privateKey?: string;
  keystore?: string;
  passwordFile?: string;
  keystoreDir: string;
  json?: boolean;
  calldata?: boolean;
  from?: string;
  yes?: boolean;
  confirmations?: string;
}

/** The global options and their environment twins: the README's table is this list. */
export const GLOBAL_OPTIONS: readonly { flags: string; env: string; description: string; defaultValue?: string }[] = [
  {
    flags: "--rpc <url>",
    env: "PALISADE_RPC_URL",
    description: "JSON-RPC endpoint of the chain",
    defaultValue: "http://127.0.0.1:8545",
  },
  { flags: "--chain <id>", env: "PALISADE_CHAIN_ID", description: "chain id the endpoint must serve (else exit 2)" },
  {
    flags: "--deployment <file>",
    env: "PALISADE_DEPLOYMENT",
    description: "deployment record (default: deployments/<chainId>.json here if present, else the SDK's address book)",
  },
  {
    flags: "--private-key <hex>",
    env: "PALISADE_PRIVATE_KEY",
    description: "sign with this key (prefer --keystore: a flag is visible to other local users)",
  },
  {
    flags: "--keystore <name-or-file>",
    env: "PALISADE_KEYSTORE",
    description: "sign with an encrypted key: a name in --keystore-dir, or a file",
  },
  {
    flags: "--password-file <file>",
    env: "PALISADE_KEYSTORE_PASSWORD_FILE",
    description: "keystore password file (else PALISADE_KEYSTORE_PASSWORD, else a hidden prompt)",
  },
  {
    flags: "--keystore-dir <dir>",
    env: "PALISADE_KEYSTORE_DIR",
    description: "where keys are kept",
    defaultValue: DEFAULT_KEYSTORE_DIR,
  },
  {
    flags: "--json",
    env: "PALISADE_JSON",
    description: "print one JSON object on stdout (bigints as decimal strings)",
  },
  {
    flags: "--calldata",
    env: "PALISADE_CALLDATA",
    description: "print the transaction ({to, data, value}) instead of sending it, e.g. for a multisig",
  },
  {
    flags: "--from <address>",
    env: "PALISADE_FROM",
    description: "the sender, for --calldata and status commands when no key is given",
  },
  { flags: "-y, --yes", env: "PALISADE_YES", description: "send without asking for confirmation" },
  {
    flags: "--confirmations <n>",
    env: "PALISADE_CONFIRMATIONS",
    description: "blocks to wait for after each transaction (default 1)",
  },
];

/** The root `palisade` command with its global options, wired to `io` and never exiting the process itself. */
export function createProgram(io: ResolvedIO, version: string): PalisadeCommand {
  const program = new PalisadeCommand("palisade", io.env);
  program
    .description(
      "Palisade restaking from the command line: stake, operate, run an AVS, and see where everything stands.",
    )
    .version(version, "-V, --version", "print the CLI's version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        io.stdout(s);
      },
      writeErr: (s) => {
        io.stderr(s);
      },
      getOutHelpWidth: () => 110,
      getErrHelpWidth: () => 110,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({ sortSubcommands: false })
    .showHelpAfterError("(add --help for usage)");
  for (const { flags, env, description, defaultValue } of GLOBAL_OPTIONS) {
    const option = new Option(flags, description).env(env);
    program.addOption(defaultValue === undefined ? option : option.default(defaultValue));
  }
  program.addHelpText(
    "after",
    [
      example(
        "palisade --rpc http://127.0.0.1:8545 --keystore alice staker deposit --strategy 0x5FbDB2315678afecb367f032d93F642f64180aa3 --amount 10 --approve",
        "palisade staker status 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json",
      ),
      "",
      "Exit codes: 0 done, 1 reverted or failed (or not confirmed), 2 bad input or usage, 3 network.",
    ].join("\n"),
  );
  // Every subcommand's help points at the global options rather than repeating all twelve.
  program.addHelpText("afterAll", ({ command }) =>
    command === program
      ? ""
      : "\nGlobal options (--rpc, --keystore, --json, --calldata, --yes, ... and their PALISADE_* twins): palisade --help",
  );
  return program;
}
