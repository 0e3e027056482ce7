/**
 * Turns whatever a JSON-RPC call threw into a `PalisadeError`: revert data is decoded against every Palisade
 * contract's custom errors (and the token errors that reach through them) and explained in plain words from the
 * catalogue; ethers' error codes become the typed non-revert errors. Nothing here scrapes message strings for
 * meaning, except to tell a refused connection from other server failures.
 */
import { isError } from "ethers";

import {
  ContractRevertError,
  InsufficientFundsError,
  NetworkError,
  NonceError,
  PalisadeError,
  TimeoutError,
} from "./base.js";
import { ERROR_CATALOGUE, explainPanic } from "./catalogue.js";
import { parseRevert, type RevertReason } from "./revertData.js";

/**
 * Decodes revert `data` into a `ContractRevertError` explained in plain words. `Error(string)` and `Panic(uint256)`
 * are handled; an unknown selector is reported as such, with the raw data.
 */
export function decodeRevert(data: string, cause?: unknown): ContractRevertError {
  const reason = parseRevert(data);
  switch (reason.kind) {
    case "empty":
      return new ContractRevertError(
        "The call reverted without a reason.",
        { errorName: "EmptyRevert", data },
        {
          cause,
          hint: "Check the target address and the arguments; a contract that does not exist, or a token that reverts without data, fails this way.",
        },
      );
    case "message":
      return new ContractRevertError(
        `The call reverted: "${reason.message}".`,
        { errorName: "Error", signature: "Error(string)", args: { reason: reason.message }, data },
        { cause },
      );
    case "panic":
      return new ContractRevertError(
        `The call failed with a panic (code 0x${reason.code.toString(16)}): ${explainPanic(reason.code)}`,
        { errorName: "Panic", signature: "Panic(uint256)", args: { code: reason.code }, data },
        { cause, hint: "A panic is a bug or an unexpected state: report it with the transaction's inputs." },
      );
    case "unknown":
      return new ContractRevertError(
        `The call reverted with an error this SDK does not know (selector ${reason.selector}).`,
        { errorName: "UnknownError", data },
        {
          cause,
          details: [`Revert data: ${data}`],
          hint: "The error comes from a contract outside Palisade (a token, a registrar hook) or from a newer Palisade version.",
        },
      );
    case "error":
      return explainError(reason, data, cause);
  }
}

/** A Palisade (or token) custom error, in the catalogue's words when it has an entry. */
function explainError(
  { name, signature, args }: Extract<RevertReason, { kind: "error" }>,
  data: string,
  cause: unknown,
): ContractRevertError {
  const entry = ERROR_CATALOGUE[signature];
  if (entry === undefined) {
    return new ContractRevertError(
      `The call reverted with ${signature}.`,
      { errorName: name, signature, args, data },
      {
        cause,
      },
    );
  }
  return new ContractRevertError(
    entry.explain(args),
    { errorName: name, signature, args, data },
    {
      cause,
      ...(entry.argument === undefined ? {} : { argument: entry.argument }),
      details: [`Contract error: ${name} (${entry.contracts.join(", ")})`],
      hint: entry.hint(args),
    },
  );
}

/** The revert data inside an ethers error, wherever the provider put it. */
function findRevertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (depth > 6 || typeof value !== "object" || value === null || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const data = record.data;
    if (typeof data === "string" && /^0x[0-9a-fA-F]*$/.test(data) && data.length >= 10) return data;
    if (typeof data === "object" && data !== null) {
      const nested = (data as Record<string, unknown>).data;
      if (typeof nested === "string" && /^0x[0-9a-fA-F]*$/.test(nested) && nested.length >= 10) return nested;
    }
    for (const key of ["error", "info", "cause", "revert"]) {
      const found = visit(record[key], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(error, 0);
}

/** Whether a failed eth_call ran out of gas (the node's cap on eth_call), rather than reverted. */
export function ranOutOfGas(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (depth > 6 || typeof value !== "object" || value === null || seen.has(value)) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.message === "string" && /out of gas|gas limit|gas required exceeds/i.test(record.message))
      return true;
    return ["error", "info", "cause", "data"].some((key) => visit(record[key], depth + 1));
  };
  return visit(error, 0);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Any failure of a JSON-RPC call or transaction, as a typed `PalisadeError`. `PalisadeError`s pass through unchanged.
 */
export function toPalisadeError(error: unknown): PalisadeError {
  if (error instanceof PalisadeError) return error;
  const data = findRevertData(error);
  if (data !== undefined) return decodeRevert(data, error);
  if (ranOutOfGas(error)) {
    return new ContractRevertError(
      "The call ran out of gas.",
      { errorName: "OutOfGas", data: "0x" },
      {
        cause: error,
        hint: "Reads: ask for less at once (the node caps the gas of eth_call). Writes: raise the gas limit.",
      },
    );
  }
  if (isError(error, "CALL_EXCEPTION")) return decodeRevert("0x", error);
  if (isError(error, "INSUFFICIENT_FUNDS")) {
    return new InsufficientFundsError("The sender does not hold enough ether to pay for this transaction's gas.", {
      cause: error,
      hint: "Fund the sending account with ether (on a local node, use one of its funded accounts).",
    });
  }
  if (isError(error, "NONCE_EXPIRED") || isError(error, "REPLACEMENT_UNDERPRICED")) {
    return new NonceError("The transaction's nonce is already used, or a pending transaction holds it.", {
      cause: error,
      hint: "Wait for the sender's pending transactions to be mined, then send again.",
    });
  }
  if (isError(error, "TIMEOUT")) {
    return new TimeoutError("The JSON-RPC endpoint did not answer in time.", {
      cause: error,
      hint: "Check the RPC URL and the node's health, then retry.",
    });
  }
  const message = messageOf(error);
  if (/insufficient funds/i.test(message)) {
    return new InsufficientFundsError("The sender does not hold enough ether to pay for this transaction's gas.", {
      cause: error,
      hint: "Fund the sending account with ether.",
    });
  }
  if (/nonce too (low|high)|nonce has already been used/i.test(message)) {
    return new NonceError("The transaction's nonce does not match the sender's next nonce.", {
      cause: error,
      hint: "Let the pending transactions of the sender be mined, or reset the signer's nonce, then send again.",
    });
  }
  if (
    isError(error, "NETWORK_ERROR") ||
    isError(error, "SERVER_ERROR") ||
    /ECONNREFUSED|ENOTFOUND|ECONNRESET|fetch failed|socket hang up/i.test(message)
  ) {
    return new NetworkError("The JSON-RPC endpoint could not be reached or failed to answer.", {
      cause: error,
      details: [message.split("\n")[0] ?? message],
      hint: "Check the RPC URL (--rpc / PALISADE_RPC_URL) and that the node is running.",
    });
  }
  return new PalisadeError(message.split("\n")[0] ?? "An unexpected error occurred.", { cause: error });
}
