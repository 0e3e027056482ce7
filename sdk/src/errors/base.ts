/**
 * The SDK's error hierarchy. Every failure the SDK reports is a `PalisadeError`: a one-sentence `shortMessage`,
 * extra `details` lines (the argument at fault, what to do next), and the underlying `cause`.
 */

/** How a failure should be treated by a caller such as the CLI: it maps to the CLI's exit code. */
export type FailureKind = "revert" | "input" | "network";

export interface PalisadeErrorOptions {
  /** Extra lines: the facts, the argument at fault, what to do next. */
  details?: readonly string[];
  /** The caller's argument at fault (an SDK parameter or CLI option), when one is. */
  argument?: string;
  /** What to do next, one sentence. */
  hint?: string;
  cause?: unknown;
}

/** The base of every error the SDK throws. */
export class PalisadeError extends Error {
  override name = "PalisadeError";
  /** One sentence: what went wrong. */
  readonly shortMessage: string;
  readonly details: readonly string[];
  readonly argument: string | undefined;
  readonly hint: string | undefined;
  /** What kind of failure this is (an on-chain revert, bad input, the network). */
  readonly kind: FailureKind = "revert";

  constructor(shortMessage: string, options: PalisadeErrorOptions = {}) {
    const lines = [
      shortMessage,
      ...(options.argument === undefined ? [] : [`Argument: ${options.argument}`]),
      ...(options.details ?? []),
      ...(options.hint === undefined ? [] : [`What to do: ${options.hint}`]),
    ];
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details ?? [];
    this.argument = options.argument;
    this.hint = options.hint;
  }

  /** This error and its causes, outermost first, until `predicate` matches (or all of them). */
  walk(predicate?: (error: unknown) => boolean): unknown {
    const chain: unknown[] = [this];
    for (let cause = this.cause; cause !== undefined && chain.length < 32;) {
      chain.push(cause);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    return predicate === undefined ? chain[chain.length - 1] : chain.find(predicate);
  }
}

/** An argument the caller gave is wrong before anything reaches the chain. */
export class InvalidArgumentError extends PalisadeError {
  override name = "InvalidArgumentError";
  override readonly kind = "input";
}

/** The SDK was given, or found, no address for a contract it needs. */
export class MissingAddressError extends PalisadeError {
  override name = "MissingAddressError";
  override readonly kind = "input";
}

/** An address the SDK was given holds no contract on this chain. */
export class NoContractCodeError extends PalisadeError {
  override name = "NoContractCodeError";
  override readonly kind = "input";
}

/** The runner is connected to another chain than the deployment's. */
export class WrongChainError extends PalisadeError {
  override name = "WrongChainError";
  override readonly kind = "input";
}

/** A write was asked of a client created without a signer. */
export class SignerRequiredError extends PalisadeError {
  override name = "SignerRequiredError";
  override readonly kind = "input";
}

/** The sender cannot pay for the transaction's gas (or value). */
export class InsufficientFundsError extends PalisadeError {
  override name = "InsufficientFundsError";
}

/** The transaction's nonce was used already, or a pending transaction holds it. */
export class NonceError extends PalisadeError {
  override name = "NonceError";
  override readonly kind = "network";
}

/** The JSON-RPC endpoint failed, refused or timed out. */
export class NetworkError extends PalisadeError {
  override name = "NetworkError";
  override readonly kind = "network";
}

/** A check the SDK makes before sending found that the call would fail (for example a missing allowance). */
export class PreflightError extends PalisadeError {
  override name = "PreflightError";
}

/** The chain rejected the call: a decoded custom error of a Palisade contract, `Error(string)` or a panic. */
export class ContractRevertError extends PalisadeError {
  override name = "ContractRevertError";
  /** The error's name (`WithdrawalNotMature`), `Error` for `Error(string)`, `Panic`, or `UnknownError`. */
  readonly errorName: string;
  /** Its full signature (`WithdrawalNotMature(bytes32,uint256,uint256)`), when known. */
  readonly signature: string | undefined;
  /** Its decoded arguments by name. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The raw revert data. */
  readonly data: string;

  constructor(
    shortMessage: string,
    revert: { errorName: string; signature?: string; args?: Readonly<Record<string, unknown>>; data: string },
    options: PalisadeErrorOptions = {},
  ) {
    super(shortMessage, options);
    this.errorName = revert.errorName;
    this.signature = revert.signature;
    this.args = revert.args ?? {};
    this.data = revert.data;
  }
}

/** A transaction was mined but reverted (it passed simulation, then the chain changed under it). */
export class TransactionRevertedError extends PalisadeError {
  override name = "TransactionRevertedError";
}

/** Waiting for something on chain took longer than the caller allowed. */
export class TimeoutError extends PalisadeError {
  override name = "TimeoutError";
  override readonly kind = "network";
}
