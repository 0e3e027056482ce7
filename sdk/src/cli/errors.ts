/**
 * How a failure leaves the CLI: a message on stderr (or one JSON object with --json) and an exit code that tells
 * bad input (2) from a revert or other failure (1) and from the network (3).
 */
import { CommanderError } from "commander";

import { ContractRevertError, PalisadeError, type FailureKind } from "../errors/base.js";
import { commandHint } from "./errorCommands.js";
import type { ResolvedIO } from "./io.js";
import { toJson } from "./render.js";

export const EXIT_OK = 0;
/** A revert (simulated or mined), a failed pre-flight check, a declined confirmation, or any unexpected error. */
export const EXIT_FAILED = 1;
/** Bad input: a usage error, an invalid flag value, a missing key or deployment, the wrong chain. */
export const EXIT_INPUT = 2;
/** The JSON-RPC endpoint could not be reached, failed or timed out. */
export const EXIT_NETWORK = 3;

const EXIT_CODE_OF: Record<FailureKind, number> = { revert: EXIT_FAILED, input: EXIT_INPUT, network: EXIT_NETWORK };

/** The transactions a failed write had sent before it failed, by its error: `--json` reports them with the error. */
export const SENT_BEFORE_FAILURE = new WeakMap<object, Record<string, unknown>[]>();

/** The user answered no to the confirmation. */
export class CancelledError extends Error {
  override name = "CancelledError";

  constructor() {
    super("Cancelled: nothing was sent.");
  }
}

/** Commander's own outcomes that are not failures: help and the version, printed as asked. */
export function isCommanderSuccess(error: unknown): boolean {
  return (
    error instanceof CommanderError &&
    (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0)
  );
}

/**
 * The CLI flag behind an SDK parameter an error names (`requestId` is `--request`), so that a revert explained in the
 * SDK's terms still points the user at what to change.
 */
const FLAG_OF_PARAMETER: Readonly<Record<string, string>> = {
  allocationDelay: "--allocation-delay",
  amount: "--amount",
  approval: "--approval",
  approve: "--approve",
  approver: "--approver",
  avs: "--avs",
  data: "--data",
  delay: "--allocation-delay",
  delegationApprover: "--approver",
  description: "--description",
  evidence: "--evidence",
  magnitude: "--magnitude",
  magnitudes: "--magnitude",
  metadataURI: "--metadata-uri",
  operator: "--operator",
  receiver: "--receiver",
  recipient: "--recipient",
  redistributionRecipient: "--redistribution-recipient",
  registrar: "--registrar",
  requestId: "--request",
  setId: "--set",
  setIds: "--set",
  slasher: "--slasher",
  staker: "--staker",
  strategies: "--strategy",
  strategy: "--strategy",
  wad: "--wad",
  wads: "--wad",
  withdrawals: "--root",
};

/** The flag for an error's `argument`: the argument itself when it is a flag, else the flag behind the SDK parameter. */
export function flagOf(argument: string | undefined): string | undefined {
  if (argument === undefined || argument.startsWith("-")) return argument;
  // `changes[0].strategies[1]` is about --strategy: the last name in the path, without its index.
  const name = /([A-Za-z]+)(?:\[\d+\])*$/.exec(argument)?.[1];
  return name === undefined ? undefined : FLAG_OF_PARAMETER[name];
}

/** The error as data, for --json. */
function errorObject(error: unknown): Record<string, unknown> {
  if (error instanceof PalisadeError) {
    return {
      name: error.name,
      kind: error.kind,
      shortMessage: error.shortMessage,
      details: error.details,
      argument: error.argument,
      flag: flagOf(error.argument),
      hint: error.hint,
      ...(error instanceof ContractRevertError
        ? { errorName: error.errorName, args: error.args, data: error.data }
        : {}),
    };
  }
  if (error instanceof CommanderError) {
    return { name: "UsageError", kind: "input", code: error.code, shortMessage: error.message.replace(/^error: /, "") };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : "Error", shortMessage: message };
}

/** Reports `error` and returns the exit code. Commander has already printed its usage errors. */
export function reportError(error: unknown, io: ResolvedIO, json: boolean): number {
  const code =
    error instanceof PalisadeError
      ? EXIT_CODE_OF[error.kind]
      : error instanceof CommanderError
        ? EXIT_INPUT
        : EXIT_FAILED;
  if (json) {
    const sent = typeof error === "object" && error !== null ? SENT_BEFORE_FAILURE.get(error) : undefined;
    io.stdout(`${toJson({ error: errorObject(error), ...(sent === undefined ? {} : { sent }) })}\n`);
  } else if (error instanceof PalisadeError) {
    // As the error's own message: the short message, then the argument, details and what to do, one per line; the
    // argument also says which flag it is when the SDK named its own parameter.
    const flag = flagOf(error.argument);
    const argument =
      error.argument === undefined
        ? []
        : [`Argument: ${error.argument}${flag === error.argument || flag === undefined ? "" : ` (${flag})`}`];
    const hint = error.hint === undefined ? [] : [`What to do: ${error.hint}`];
    const commands = commandHint(error);
    io.stderr(
      `${["Error: " + error.shortMessage, ...argument, ...error.details, ...hint, ...(commands === undefined ? [] : [commands])].join("\n")}\n`,
    );
  } else if (error instanceof CancelledError) {
    io.stderr(`${error.message}\n`);
  } else if (!(error instanceof CommanderError)) {
    io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return code;
}
