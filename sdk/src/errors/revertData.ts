/**
 * The SDK's one reader of revert data: the bytes a call reverted with, decoded against every error a Palisade
 * contract can return (and the token errors that reach through them), Solidity's `Error(string)` and
 * `Panic(uint256)`. `decodeRevert` turns its answer into a typed error; the catalogue uses it for revert data nested
 * inside an error (a registrar's own reason inside `RegistrarRejected`).
 */
import { ErrorFragment, Interface, dataLength, isHexString, type ErrorDescription, type InterfaceAbi } from "ethers";

import * as abis from "../generated/abis/index.js";

/** OpenZeppelin's ERC20 errors: tokens raise them from inside a deposit or a withdrawal. */
const TOKEN_ERRORS = [
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
];

/** One interface holding every error any Palisade contract can return, each selector once. */
const ERRORS = (() => {
  const bySelector = new Map<string, ErrorFragment>();
  const add = (abi: InterfaceAbi) => {
    for (const fragment of new Interface(abi).fragments) {
      if (fragment instanceof ErrorFragment && !bySelector.has(fragment.selector)) {
        bySelector.set(fragment.selector, fragment);
      }
    }
  };
  for (const abi of Object.values(abis)) add(abi);
  add(TOKEN_ERRORS);
  return new Interface([...bySelector.values()]);
})();

const ERROR_STRING_SELECTOR = "0x08c379a0";
const PANIC_SELECTOR = "0x4e487b71";

/** What revert data says: nothing, a message, a panic, a known custom error with its arguments, or an unknown one. */
export type RevertReason =
  | { kind: "empty" }
  | { kind: "message"; message: string }
  | { kind: "panic"; code: bigint }
  /** `args` are keyed by the error's parameter names (by position where a parameter has none); arrays are plain. */
  | { kind: "error"; name: string; signature: string; args: Record<string, unknown> }
  | { kind: "unknown"; selector: string };

/** The named arguments of a decoded error, as a plain object. */
function namedArgs({ fragment, args: values }: ErrorDescription): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  fragment.inputs.forEach((input, index) => {
    const value: unknown = values[index];
    args[input.name === "" ? String(index) : input.name] = value instanceof Array ? [...(value as unknown[])] : value;
  });
  return args;
}

/** Decodes revert `data` (hex). Data too short to hold a selector is `empty`; data that does not decode, `unknown`. */
export function parseRevert(data: string): RevertReason {
  if (!isHexString(data, true) || dataLength(data) < 4) return { kind: "empty" };
  const selector = data.slice(0, 10).toLowerCase();
  let parsed: ErrorDescription | null;
  try {
    // ethers knows `Error(string)` and `Panic(uint256)` without their being in the interface.
    parsed = ERRORS.parseError(data);
  } catch {
    // Truncated or malformed data (a registrar's reason is cut at 1,024 bytes): reported by its selector.
    parsed = null;
  }
  if (parsed === null) return { kind: "unknown", selector };
  const first: unknown = parsed.args[0];
  if (selector === ERROR_STRING_SELECTOR) return { kind: "message", message: String(first) };
  if (selector === PANIC_SELECTOR && typeof first === "bigint") return { kind: "panic", code: first };
  return { kind: "error", name: parsed.name, signature: parsed.fragment.format("sighash"), args: namedArgs(parsed) };
}
