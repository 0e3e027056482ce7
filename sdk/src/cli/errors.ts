/**
 * How a failure leaves the CLI: a message on stderr (or one JSON object with --json) and an exit code that tells
 * bad input (2) from a revert or other failure (1) and from the network (3).
 */
import { CommanderError } from "commander";

import { ContractRevertError, PalisadeError, type FailureKind } from "../errors/base.js";
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

/** The error as data, for --json. */
function errorObject(error: unknown): Record<string, unknown> {
  if (error instanceof PalisadeError) {
    return {
      name: error.name,
      kind: error.kind,
      shortMessage: error.shortMessage,
      details: error.details,
      argument: error.argument,
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
    io.stdout(`${toJson({ error: errorObject(error) })}\n`);
  } else if (error instanceof PalisadeError) {
    // The message is the short message, then the argument, details and what to do, one per line.
    io.stderr(`Error: ${error.message}\n`);
  } else if (error instanceof CancelledError) {
    io.stderr(`${error.message}\n`);
  } else if (!(error instanceof CommanderError)) {
    io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return code;
}
