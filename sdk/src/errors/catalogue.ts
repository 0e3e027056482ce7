/**
 * Every custom error a Palisade contract can return, in plain words: what happened, with the facts the error carries,
 * which of the caller's arguments is at fault, and what to do next. The SDK's decoder finds the error by selector in
 * the contracts' ABIs and looks its signature up here.
 *
 * Errors bubble: a call to the OperatorRegistry can fail with the StrategyManager's or the withdrawal queue's error, a
 * deposit with the token's. So an entry never assumes which contract the caller called, only which contracts can raise
 * it (`contracts`).
 */
import { AbiCoder, dataLength, dataSlice, ErrorFragment, id, isHexString } from "ethers";

import {
  formatAmount,
  formatDuration,
  formatInteger,
  formatTimestamp,
  formatWad,
  shortAddress,
  formatUtcDate,
  shortHex,
} from "./format.js";

/**
 * The decoded arguments of a custom error, by name (and by position, `"0"`, `"1"`...): `bigint` for integers, strings
 * for addresses, `bytes32` and `bytes`, booleans, arrays. Two optional context keys, which no Palisade error uses as an
 * argument name, sharpen a message when the caller knows them:
 * - `contract`: the name of the contract that raised the error (for `ActionPaused`, which action the bit pauses);
 * - `tokenDecimals`: the decimals of the token whose amounts the error carries (amounts are shown in whole tokens
 *   rather than base units).
 */
export type ErrorArgs = Readonly<Record<string, unknown>>;

export interface ErrorEntry {
  /** The contract(s) that raise it, e.g. ["WithdrawalQueue"]. */
  contracts: readonly string[];
  /** A static plain-words title for docs, e.g. "The withdrawal is not mature yet". */
  title: string;
  /** The one-sentence message with the facts filled in. */
  explain(args: ErrorArgs): string;
  /** The name of the caller's argument (SDK/CLI parameter) at fault, when one is, e.g. "withdrawal" or "amount". */
  argument?: string;
  /** What to do next, one sentence, static or computed. */
  hint(args: ErrorArgs): string;
}

// ------------------------------------------------------------------ contracts

const STRATEGY_MANAGER = "StrategyManager";
const WITHDRAWAL_QUEUE = "WithdrawalQueue";
const OPERATOR_REGISTRY = "OperatorRegistry";
const AVS_REGISTRY = "AVSRegistry";
const ALLOCATION_MANAGER = "AllocationManager";
const SLASHING_COORDINATOR = "SlashingCoordinator";
const STRATEGY_FACTORY = "StrategyFactory";
const ERC20_STRATEGY = "ERC20Strategy";
const INSTANT_SLASHER = "InstantSlasher";
const VETO_SLASHER = "VetoSlasher";
const EQUIVOCATION_SLASHER = "EquivocationSlasher";
const PRICE_ORACLE_AVS = "PriceOracleAVS";
const PALISADE_LENS = "PalisadeLens";
/** Any ERC20 token: OpenZeppelin's `IERC20Errors`, which tokens raise from inside a deposit or a payout. */
export const ERC20_TOKEN = "ERC20 token";

/** The contracts behind ERC-1967 proxies, with an owner, a pauser and pause bits (`PauseControl`). */
const UPGRADEABLE = [
  STRATEGY_MANAGER,
  WITHDRAWAL_QUEUE,
  OPERATOR_REGISTRY,
  AVS_REGISTRY,
  ALLOCATION_MANAGER,
  SLASHING_COORDINATOR,
  STRATEGY_FACTORY,
] as const;

/** Every contract the catalogue covers, in the order the docs list them. */
export const CATALOGUE_CONTRACTS: readonly string[] = [
  ...UPGRADEABLE,
  ERC20_STRATEGY,
  INSTANT_SLASHER,
  VETO_SLASHER,
  EQUIVOCATION_SLASHER,
  PRICE_ORACLE_AVS,
  PALISADE_LENS,
  ERC20_TOKEN,
];

/** What each pause bit stops, per contract (the bit is the index). */
const PAUSE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  [STRATEGY_MANAGER]: ["depositing", "depositing with a staker's signature"],
  [WITHDRAWAL_QUEUE]: ["queueing withdrawals and undelegations", "completing withdrawals"],
  [OPERATOR_REGISTRY]: ["registering as an operator", "delegating", "undelegating"],
  [AVS_REGISTRY]: ["registering in operator sets", "deregistering from operator sets"],
  [ALLOCATION_MANAGER]: ["changing allocations"],
  [SLASHING_COORDINATOR]: ["slashing", "burning slashed funds", "releasing slashed funds to redistribution recipients"],
  [STRATEGY_FACTORY]: ["deploying strategies"],
};

/** `IVetoSlasher.RequestStatus`, by value. */
const REQUEST_STATUSES = ["None", "Pending", "Vetoed", "Cancelled", "Executed"] as const;

// ------------------------------------------------------------------ reading arguments

/** Shown in place of a fact the arguments do not carry. */
const UNKNOWN = "(unknown)";
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** An argument's name, or the names it goes by in different contracts' ABIs for the same signature. */
type Names = string | readonly string[];

/** The argument called `names` (the first present), or else the one at position `index`. */
function pick(args: ErrorArgs, names: Names, index: number): unknown {
  for (const name of typeof names === "string" ? [names] : names) {
    const value = args[name];
    if (value !== undefined && value !== null) return value;
  }
  return args[String(index)];
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^(0x[0-9a-fA-F]+|-?[0-9]+)$/.test(value)) return BigInt(value);
  return undefined;
}

function num(args: ErrorArgs, names: Names, index: number): bigint | undefined {
  return toBigInt(pick(args, names, index));
}

function text(args: ErrorArgs, names: Names, index: number): string | undefined {
  const value = pick(args, names, index);
  return typeof value === "string" ? value : undefined;
}

function isZeroAddress(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === ZERO_ADDRESS;
}

// ------------------------------------------------------------------ formatting facts

/** An address, shortened. */
function addr(args: ErrorArgs, names: Names, index: number): string {
  const value = text(args, names, index);
  if (value === undefined) return UNKNOWN;
  return isZeroAddress(value) ? "the zero address" : shortAddress(value);
}

/** A hash or other long hex value, shortened. */
function hex(args: ErrorArgs, names: Names, index: number): string {
  const value = text(args, names, index);
  return value === undefined ? UNKNOWN : shortHex(value);
}

/** A plain count (gas, ids, lengths), with thousands separators. */
function int(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : formatInteger(value);
}

/** An id, as digits without separators (operator ids, set ids, request ids, heights, rounds). */
function ident(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : value.toString();
}

/** A fraction of 1e18 (a wad, a magnitude, a slashing factor), as a percentage. */
function pct(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : formatWad(value);
}

/** A number of seconds, in words. */
function dur(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : formatDuration(value);
}

/** A timestamp as a UTC date, relative to the chain's time when the error carries it (`now`). */
function time(args: ErrorArgs, names: Names, index: number, now?: readonly [Names, number]): string {
  const value = num(args, names, index);
  if (value === undefined) return UNKNOWN;
  const current = now === undefined ? undefined : num(args, now[0], now[1]);
  return current === undefined ? formatTimestamp(value) : formatTimestamp(value, current);
}

/** The decimals the caller gave as context, if any. */
function tokenDecimals(args: ErrorArgs): number | undefined {
  const value = toBigInt(args.tokenDecimals);
  return value !== undefined && value >= 0n && value <= 255n ? Number(value) : undefined;
}

/** A token amount, in whole tokens when the token's decimals are known and in base units otherwise. */
function tokensOf(args: ErrorArgs, value: bigint): string {
  const decimals = tokenDecimals(args);
  if (decimals === undefined) return `${formatInteger(value)} base unit${value === 1n ? "" : "s"}`;
  return `${formatAmount(value, decimals)} token${value === 10n ** BigInt(decimals) ? "" : "s"}`;
}

function tokens(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? UNKNOWN : tokensOf(args, value);
}

/** Strategy shares, which have no decimals of their own (a fresh strategy mints 1,000 per token base unit). */
function shares(args: ErrorArgs, names: Names, index: number): string {
  const value = num(args, names, index);
  return value === undefined ? `${UNKNOWN} shares` : `${formatInteger(value)} shares`;
}

/** `set 3 of AVS 0x12…ab`. */
function set(args: ErrorArgs, avsIndex: number, setIndex: number): string {
  return `set ${ident(args, "setId", setIndex)} of AVS ${addr(args, "avs", avsIndex)}`;
}

/** The bits set in `flags`, as a list: `0, 2`. */
function bits(flags: bigint): string {
  const found: string[] = [];
  for (let bit = 0n; flags >> bit !== 0n && bit < 256n; bit++) {
    if (((flags >> bit) & 1n) === 1n) found.push(bit.toString());
  }
  return found.length === 0 ? "none" : found.join(", ");
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Drops a sentence's final period, to embed it in another sentence. */
function clause(sentence: string): string {
  return sentence.endsWith(".") ? sentence.slice(0, -1) : sentence;
}

// ------------------------------------------------------------------ nested revert data

const ERROR_STRING_SELECTOR = "0x08c379a0";
const PANIC_SELECTOR = "0x4e487b71";

let selectorIndex: Map<string, string> | undefined;

/** The catalogue's signature with selector `selector`, if any. */
function signatureOfSelector(selector: string): string | undefined {
  selectorIndex ??= new Map(Object.keys(ERROR_CATALOGUE).map((signature) => [id(signature).slice(0, 10), signature]));
  return selectorIndex.get(selector.toLowerCase());
}

/** What revert data decodes to: a catalogued error with its arguments by position, a message, a panic, or nothing. */
type DecodedRevert =
  | { kind: "empty" }
  | { kind: "message"; message: string }
  | { kind: "panic"; code: bigint }
  | { kind: "known"; entry: ErrorEntry; args: ErrorArgs }
  | { kind: "unknown"; selector: string };

function decodeNested(data: string | undefined): DecodedRevert {
  if (data === undefined || !isHexString(data) || dataLength(data) < 4) return { kind: "empty" };
  const selector = dataSlice(data, 0, 4).toLowerCase();
  const body = dataSlice(data, 4);
  const coder = AbiCoder.defaultAbiCoder();
  try {
    if (selector === ERROR_STRING_SELECTOR) {
      const [message] = coder.decode(["string"], body);
      if (typeof message === "string") return { kind: "message", message };
    }
    if (selector === PANIC_SELECTOR) {
      const [code] = coder.decode(["uint256"], body);
      if (typeof code === "bigint") return { kind: "panic", code };
    }
    const signature = signatureOfSelector(selector);
    const entry = signature === undefined ? undefined : ERROR_CATALOGUE[signature];
    if (signature !== undefined && entry !== undefined) {
      const fragment = ErrorFragment.from(`error ${signature}`);
      const values = coder.decode(fragment.inputs, body);
      const args: Record<string, unknown> = {};
      fragment.inputs.forEach((_input, index) => {
        args[String(index)] = values[index];
      });
      return { kind: "known", entry, args };
    }
  } catch {
    // Truncated or malformed data (a registrar's reason is cut at 1,024 bytes): reported by its selector below.
  }
  return { kind: "unknown", selector };
}

// ------------------------------------------------------------------ shared texts

const INTERNAL_HINT =
  "This function is called by Palisade's own contracts only: use the public entry point (the SDK action or `palisade` command) instead.";
const REPORT_HINT =
  "This should not happen through Palisade's public entry points: report it to the Palisade team with the transaction.";
const GOVERNANCE_HINT =
  "Only the contract's owner (governance) can do this; check the value and send it from the owner.";

// ------------------------------------------------------------------ the catalogue

/** Keyed by the error's full signature, e.g. "WithdrawalNotMature(bytes32,uint256,uint256)": names alone collide. */
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorEntry>> = {
  // ---------------------------------------------------------------- pause control, ownership (every proxy)

  "ActionPaused(uint8)": {
    contracts: UPGRADEABLE,
    title: "The action is paused",
    explain: (a) => {
      const flag = num(a, "flag", 0);
      if (flag === undefined) return "The action is paused by governance.";
      const contract = typeof a.contract === "string" ? a.contract : undefined;
      const action = contract === undefined ? undefined : PAUSE_ACTIONS[contract]?.[Number(flag)];
      if (contract !== undefined && action !== undefined) {
        return `${capitalise(action)} is paused on the ${contract} (pause bit ${flag.toString()}).`;
      }
      const candidates = Object.entries(PAUSE_ACTIONS).flatMap(([name, actions]) => {
        const candidate = actions[Number(flag)];
        return candidate === undefined ? [] : [`${candidate} (${name})`];
      });
      const last = candidates.pop();
      if (last === undefined) return `The action behind pause bit ${flag.toString()} is paused.`;
      const list = candidates.length === 0 ? last : `${candidates.join(", ")} or ${last}`;
      return `The action behind pause bit ${flag.toString()} is paused: ${list}, whichever contract raised it.`;
    },
    hint: () =>
      "Nothing is wrong with the request: wait until governance unpauses the action (`isPaused` turns false) and send it again.",
  },
  "PauseControlUnauthorized(address)": {
    contracts: UPGRADEABLE,
    title: "Only the pauser or the owner may pause",
    explain: (a) =>
      `${capitalise(addr(a, "caller", 0))} is neither the pauser nor the owner, so it cannot pause actions.`,
    hint: () => "Send the pause from the pauser's or the owner's account (see `pauser()` and `owner()`).",
  },
  "PauseReservedForOwner(address,uint256)": {
    contracts: UPGRADEABLE,
    title: "Only the owner may pause this action",
    explain: (a) => {
      const flags = num(a, "flags", 1);
      return `${capitalise(addr(a, "caller", 0))} is not the owner, and pause bits ${flags === undefined ? UNKNOWN : bits(flags)} may be paused by the owner only: pausing them would let the clocks of promised windows run out (a slash, or a staker's way out).`;
    },
    argument: "flags",
    hint: () =>
      "Send this pause from the owner (governance); the pauser may pause the other bits (`ownerOnlyPauseFlags()` lists the owner's).",
  },
  "UnknownPauseFlags(uint256,uint256)": {
    contracts: UPGRADEABLE,
    title: "The pause names bits this contract does not use",
    explain: (a) => {
      const flags = num(a, "flags", 0);
      const valid = num(a, "validFlags", 1);
      return `The flags name pause bits ${flags === undefined ? UNKNOWN : bits(flags)}, but this contract only uses bits ${valid === undefined ? UNKNOWN : bits(valid)}.`;
    },
    argument: "flags",
    hint: (a) => {
      const valid = num(a, "validFlags", 1);
      return valid === undefined
        ? "Pass only bits the contract uses (`validPauseFlags()`)."
        : `Pass only bits ${bits(valid)} (\`validPauseFlags()\` = ${valid.toString()}).`;
    },
  },
  "EmptyPauseFlags()": {
    contracts: UPGRADEABLE,
    title: "The pause or unpause names no action",
    explain: () => "The pause or unpause names no action: its flags are zero.",
    argument: "flags",
    hint: () => "Set the bit of at least one action (`validPauseFlags()` lists them).",
  },
  "OwnershipRenounceDisabled()": {
    contracts: [...UPGRADEABLE, INSTANT_SLASHER, VETO_SLASHER],
    title: "Ownership cannot be renounced",
    explain: () =>
      "Renouncing ownership is disabled: without an owner nothing could be unpaused or upgraded, and a slasher could never slash again.",
    hint: () =>
      "Transfer ownership instead (`transferOwnership`, then `acceptOwnership` from the new owner); to retire a slasher, schedule another one for the set.",
  },
  "OwnableUnauthorizedAccount(address)": {
    contracts: [...UPGRADEABLE, INSTANT_SLASHER, VETO_SLASHER, PRICE_ORACLE_AVS],
    title: "Only the owner may do this",
    explain: (a) =>
      `${capitalise(addr(a, "account", 0))} is not the owner of this contract (or, when accepting ownership, not its pending owner).`,
    hint: () =>
      "Send the transaction from the owner's account (`owner()`); for a slasher's requests and slashes (`palisade avs slash`) that is the slasher's owner.",
  },
  "OwnableInvalidOwner(address)": {
    contracts: [...UPGRADEABLE, INSTANT_SLASHER, VETO_SLASHER, PRICE_ORACLE_AVS],
    title: "The owner cannot be that address",
    explain: (a) => `${capitalise(addr(a, "owner", 0))} cannot be the owner.`,
    argument: "owner",
    hint: () => "Pass a non-zero owner address.",
  },
  "ReentrancyGuardReentrantCall()": {
    contracts: [STRATEGY_MANAGER, WITHDRAWAL_QUEUE, SLASHING_COORDINATOR, ERC20_STRATEGY, EQUIVOCATION_SLASHER],
    title: "A call re-entered the contract",
    explain: () =>
      "The call re-entered a contract that was still executing, from a token transfer or hook callback, which the contract refuses.",
    hint: () =>
      "Do not call back into Palisade from a token or hook callback; a token that does so on its own cannot be used with Palisade.",
  },

  // ---------------------------------------------------------------- OpenZeppelin proxies, initializers, calls

  "InvalidInitialization()": {
    contracts: UPGRADEABLE,
    title: "The contract is initialized already",
    explain: () =>
      "The contract is initialized already, or this is the implementation itself, whose initializers are locked.",
    hint: () => "Initialize each proxy once, through the proxy; never call the implementation's initializer.",
  },
  "NotInitializing()": {
    contracts: UPGRADEABLE,
    title: "An initialization step ran outside initialization",
    explain: () => "A step reserved for initialization ran outside the contract's initializer.",
    hint: () => "Run initialization only through the proxy's `initialize` (or an upgrade's reinitializer).",
  },
  "ERC1967InvalidImplementation(address)": {
    contracts: UPGRADEABLE,
    title: "The new implementation has no code",
    explain: (a) => `${capitalise(addr(a, "implementation", 0))} is not a valid implementation: it has no code.`,
    argument: "implementation",
    hint: () => "Deploy the new implementation first and upgrade to its address on this chain.",
  },
  "ERC1967NonPayable()": {
    contracts: UPGRADEABLE,
    title: "Ether was sent with an upgrade that calls nothing",
    explain: () => "Ether was sent with an upgrade that calls no function, so it would be stuck in the proxy.",
    hint: () => "Send no value with `upgradeToAndCall` when its call data is empty.",
  },
  "UUPSUnauthorizedCallContext()": {
    contracts: UPGRADEABLE,
    title: "The upgrade was not called through the proxy",
    explain: () =>
      "The upgrade function was called on the implementation directly, not through the proxy that delegates to it.",
    hint: () => "Call `upgradeToAndCall` on the proxy's address.",
  },
  "UUPSUnsupportedProxiableUUID(bytes32)": {
    contracts: UPGRADEABLE,
    title: "The new implementation is not a UUPS implementation for this proxy",
    explain: (a) =>
      `The new implementation reports proxiable UUID ${hex(a, "slot", 0)}, not the ERC-1967 implementation slot.`,
    argument: "implementation",
    hint: () => "Upgrade only to a UUPS implementation of the same contract, built for ERC-1967 proxies.",
  },
  "AddressEmptyCode(address)": {
    contracts: UPGRADEABLE,
    title: "The called address has no code",
    explain: (a) => `${capitalise(addr(a, "target", 0))} has no code, so the call to it did nothing.`,
    hint: () => "Check the address: it must be a contract deployed on this chain.",
  },
  "FailedCall()": {
    contracts: UPGRADEABLE,
    title: "A low-level call failed without a reason",
    explain: () => "A low-level call made by the contract (the call of an upgrade) failed without giving a reason.",
    hint: () => "Simulate the inner call on its own to see why it fails, then retry.",
  },

  // ---------------------------------------------------------------- StrategyManager

  "StrategyNotWhitelisted(address)": {
    contracts: [STRATEGY_MANAGER],
    title: "The strategy does not accept deposits",
    explain: (a) => `Strategy ${addr(a, "strategy", 0)} is not on the whitelist, so it does not accept deposits.`,
    argument: "strategy",
    hint: () =>
      "Deposit into a whitelisted strategy (`isStrategyWhitelisted`), or ask governance to whitelist this one.",
  },
  "StrategyAlreadyWhitelisted(address)": {
    contracts: [STRATEGY_MANAGER],
    title: "The strategy is already whitelisted",
    explain: (a) => `Strategy ${addr(a, "strategy", 0)} is already on the whitelist.`,
    argument: "strategy",
    hint: () => "Leave it out of the call: nothing needs to change.",
  },
  "StrategyManagerMismatch(address,address)": {
    contracts: [STRATEGY_MANAGER],
    title: "The strategy belongs to another StrategyManager",
    explain: (a) =>
      `Strategy ${addr(a, "strategy", 0)} answers to the StrategyManager at ${addr(a, "strategyManager", 1)}, not to this one.`,
    argument: "strategy",
    hint: () => "Whitelist only strategies made by this deployment's StrategyFactory (`strategyOf(token)`).",
  },
  "InvalidStrategy(address)": {
    contracts: [STRATEGY_MANAGER],
    title: "The address is not a strategy vault",
    explain: (a) =>
      `${capitalise(addr(a, "strategy", 0))} is not a strategy vault: it has no code, or its token has none (a strategy implementation rather than one of its clones, for instance).`,
    argument: "strategy",
    hint: () =>
      "Pass the strategy the StrategyFactory deployed for the token (`strategyOf(token)`), not the token or the implementation.",
  },
  "ZeroDepositAmount()": {
    contracts: [STRATEGY_MANAGER],
    title: "The deposit is of zero tokens",
    explain: () => "The deposit is of zero tokens.",
    argument: "amount",
    hint: () => "Deposit a positive amount.",
  },
  "PerDepositCapExceeded(address,uint256,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "The deposit exceeds the strategy's per-deposit cap",
    explain: (a) =>
      `A deposit of ${tokens(a, "amount", 1)} into strategy ${addr(a, "strategy", 0)} exceeds its per-deposit cap of ${tokens(a, "maxPerDeposit", 2)}.`,
    argument: "amount",
    hint: (a) => {
      const cap = num(a, "maxPerDeposit", 2);
      return cap === undefined
        ? "Deposit no more than the cap at a time: split the deposit into several."
        : `Deposit at most ${tokensOf(a, cap)} at a time: split the deposit into several.`;
    },
  },
  "InvalidDepositCaps(uint256,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "The per-deposit cap is above the total cap",
    explain: (a) =>
      `A per-deposit cap of ${tokens(a, "maxPerDeposit", 0)} is larger than the total cap of ${tokens(a, "maxTotalDeposits", 1)}.`,
    argument: "maxPerDeposit",
    hint: () => "Set a per-deposit cap no larger than the total cap (0 means no cap for either).",
  },
  "TooManyStrategies(address,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "The staker holds the most strategies it may",
    explain: (a) =>
      `Staker ${addr(a, "staker", 0)} already holds shares in ${int(a, "maxStrategies", 1)} strategies, the most a staker may hold at once.`,
    argument: "strategy",
    hint: () =>
      "Withdraw a whole position from another strategy first (`palisade staker withdraw`), use a strategy the staker already holds, or complete the withdrawal as tokens.",
  },
  "SignatureExpired(uint256,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "The staker's deposit signature has expired",
    explain: (a) => `The staker's deposit signature expired at ${time(a, "expiry", 0, ["currentTime", 1])}.`,
    argument: "expiry",
    hint: () => "Have the staker sign a new deposit authorisation with a later expiry.",
  },
  "InvalidSignature(address,bytes32)": {
    contracts: [STRATEGY_MANAGER],
    title: "The deposit signature is not the staker's",
    explain: (a) =>
      `The signature is not ${addr(a, "signer", 0)}'s over deposit digest ${hex(a, "digest", 1)}: another signer, or other deposit details (strategy, amount, nonce, expiry, chain).`,
    argument: "signature",
    hint: () =>
      "Have the staker sign again, over its current nonce (`nonces(staker)`) and exactly this strategy, amount and expiry.",
  },
  "OnlyWithdrawalQueue(address)": {
    contracts: [STRATEGY_MANAGER, AVS_REGISTRY],
    title: "Only the withdrawal queue may call this",
    explain: (a) =>
      `Only the withdrawal queue may call this function (it moves stake, and tells the AVS registry of every change of the withdrawal delay); ${addr(a, "caller", 0)} is not it.`,
    hint: () =>
      "Withdraw through the withdrawal queue (`palisade staker withdraw` / `palisade staker complete`); the delay's copy in the AVS registry follows governance's `setWithdrawalDelay` on its own.",
  },
  "OnlyOperatorRegistry(address)": {
    contracts: [STRATEGY_MANAGER, WITHDRAWAL_QUEUE],
    title: "Only the OperatorRegistry may call this",
    explain: (a) =>
      `Only the OperatorRegistry may call this function (delegation and undelegation go through it); ${addr(a, "caller", 0)} is not it.`,
    hint: () => "Delegate and undelegate through the OperatorRegistry (`palisade staker delegate` / `undelegate`).",
  },
  "OnlyAllocationManager(address)": {
    contracts: [STRATEGY_MANAGER],
    title: "Only the AllocationManager may call this",
    explain: (a) => `Only the AllocationManager may lower slashing factors; ${addr(a, "caller", 0)} is not it.`,
    hint: () => INTERNAL_HINT,
  },
  "OnlyWithdrawalQueueOrCoordinator(address)": {
    contracts: [STRATEGY_MANAGER],
    title: "Only the withdrawal queue or the SlashingCoordinator may call this",
    explain: (a) =>
      `Only the withdrawal queue and the SlashingCoordinator may withdraw shares as tokens; ${addr(a, "caller", 0)} is neither.`,
    hint: () =>
      "Withdraw with `palisade staker withdraw` and `palisade staker complete`, and release slashed funds with `palisade avs release`.",
  },
  "SlashingFactorIncrease(uint32,address,uint256,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "A slash would raise a slashing factor",
    explain: (a) =>
      `A slash would raise operator ${ident(a, "operatorId", 0)}'s slashing factor in strategy ${addr(a, "strategy", 1)} from ${pct(a, "factor", 2)} to ${pct(a, "maxMagnitude", 3)}, and slashes may only lower it.`,
    hint: () => REPORT_HINT,
  },
  "SlashingHistoryFull(uint32,address)": {
    contracts: [STRATEGY_MANAGER],
    title: "The operator's slashing history is full",
    explain: (a) =>
      `Operator ${ident(a, "operatorId", 0)} was slashed in strategy ${addr(a, "strategy", 1)} in 16,777,215 different seconds already: its slashing history is full.`,
    hint: () => REPORT_HINT,
  },
  "InsufficientShares(address,address,uint256,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "The staker holds fewer withdrawable shares than asked",
    explain: (a) =>
      `Staker ${addr(a, "staker", 0)} can withdraw at most ${shares(a, "available", 3)} of strategy ${addr(a, "strategy", 1)}, but ${shares(a, "requested", 2)} were asked for.`,
    argument: "shares",
    hint: (a) => {
      const available = num(a, "available", 3);
      return available === undefined
        ? "Ask for at most the withdrawable shares (`palisade staker status`); slashes lower them."
        : `Ask for at most ${formatInteger(available)} shares (\`palisade staker status\` shows the withdrawable shares, which slashes lower).`;
    },
  },
  "StakerAlreadyDelegated(address,uint32)": {
    contracts: [STRATEGY_MANAGER],
    title: "The staker is already delegated",
    explain: (a) =>
      `Staker ${addr(a, "staker", 0)} is already delegated, to the operator with id ${ident(a, "operatorId", 1)}.`,
    hint: () =>
      "Undelegate first (`palisade staker undelegate`), or move to the new operator in one step with a redelegation.",
  },
  "NotDelegated(address)": {
    contracts: [STRATEGY_MANAGER, OPERATOR_REGISTRY],
    title: "The staker is not delegated",
    explain: (a) => `Staker ${addr(a, "staker", 0)} is not delegated to any operator.`,
    argument: "staker",
    hint: () => "There is nothing to undelegate: delegate first with `palisade staker delegate`.",
  },
  "InvalidOperatorId(uint32)": {
    contracts: [STRATEGY_MANAGER],
    title: "The operator id is not one the registry hands out",
    explain: (a) => `Operator id ${ident(a, "operatorId", 0)} is not an id the OperatorRegistry hands out.`,
    hint: () => REPORT_HINT,
  },
  "SlashingFactorBelowFloor(uint32,address,uint256,uint256)": {
    contracts: [STRATEGY_MANAGER],
    title: "The operator was slashed nearly to nothing in this strategy",
    explain: (a) =>
      `The operator with id ${ident(a, "operatorId", 0)} was slashed nearly to nothing in strategy ${addr(a, "strategy", 1)}: its slashing factor is ${pct(a, "factor", 2)}, below the floor of ${pct(a, "floor", 3)}, so no new stake can be credited to it there (a slash's rounding could take an unbounded share of it).`,
    argument: "operator",
    hint: () =>
      "Delegate to another operator (`palisade staker delegate`); a staker of this operator must undelegate before adding stake in this strategy.",
  },
  "ZeroShares()": {
    contracts: [STRATEGY_MANAGER],
    title: "Zero shares were asked for",
    explain: () => "Zero shares were asked for where a positive amount is needed.",
    argument: "shares",
    hint: () => "Withdraw a positive number of shares, or leave the strategy out of the request.",
  },
  "SafeCastOverflowedUintDowncast(uint8,uint256)": {
    contracts: [STRATEGY_MANAGER, SLASHING_COORDINATOR],
    title: "A number is too large to store",
    explain: (a) =>
      `The value ${int(a, "value", 1)} does not fit in the ${ident(a, "bits", 0)} bits it is stored in: a position or an operator's stake would grow beyond its limit.`,
    hint: () => "Use a smaller amount.",
  },

  // ---------------------------------------------------------------- WithdrawalQueue

  "WithdrawalNotMature(bytes32,uint256,uint256)": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "The withdrawal is not mature yet",
    explain: (a) =>
      `Withdrawal ${hex(a, "root", 0)} can be completed from ${time(a, "maturesAt", 1, ["currentTime", 2])}.`,
    argument: "withdrawal",
    hint: (a) => {
      const maturesAt = num(a, "maturesAt", 1);
      const when = maturesAt === undefined ? "it matures" : formatUtcDate(maturesAt);
      return `Wait until ${when} and run \`palisade staker complete\` again.`;
    },
  },
  "WithdrawalNotPending(bytes32)": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "The withdrawal is not pending",
    explain: (a) =>
      `No pending withdrawal has root ${hex(a, "root", 0)}: it was never queued, it was completed already, or the withdrawal given differs from the one queued.`,
    argument: "withdrawal",
    hint: () =>
      "Check the staker's pending withdrawals (`palisade staker status`) and pass the withdrawal exactly as its `WithdrawalQueued` event recorded it.",
  },
  "NotWithdrawalStaker(address,address)": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "Only the staker can complete its withdrawal",
    explain: (a) =>
      `${capitalise(addr(a, "caller", 0))} may not complete a withdrawal of ${addr(a, "staker", 1)}: only the staker can.`,
    argument: "withdrawal",
    hint: () => "Complete it from the staker's account (`palisade staker complete`).",
  },
  "EmptyWithdrawal()": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "The withdrawal request names no strategy",
    explain: () => "A withdrawal request names no strategy.",
    argument: "strategies",
    hint: () => "Name at least one strategy, with the shares to withdraw from it.",
  },
  "LengthMismatch(uint256,uint256)": {
    contracts: [WITHDRAWAL_QUEUE, ALLOCATION_MANAGER, SLASHING_COORDINATOR, VETO_SLASHER, PALISADE_LENS],
    title: "Paired lists differ in length",
    explain: (a) =>
      `Lists that go in pairs differ in length: ${int(a, "strategies", 0)} strategies (or withdrawals) but ${int(a, ["amounts", "magnitudes", "wads"], 1)} amounts, magnitudes, fractions or flags.`,
    argument: "strategies",
    hint: () =>
      "Pass one entry per strategy: shares when withdrawing, magnitudes when allocating, wads when slashing, and one `asTokens` flag per withdrawal completed.",
  },
  "InvalidReceiver()": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "Tokens cannot be sent to the zero address",
    explain: () => "A withdrawal completed as tokens needs a receiver, and the zero address is not one.",
    argument: "receiver",
    hint: () => "Pass the address that should receive the tokens, or complete the withdrawal as shares.",
  },
  "WithdrawalDelayOutOfBounds(uint256,uint256,uint256)": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "The withdrawal delay is out of bounds",
    explain: (a) =>
      `A withdrawal delay of ${dur(a, "delay", 0)} lies outside the allowed range of ${dur(a, "min", 1)} to ${dur(a, "max", 2)}.`,
    argument: "delay",
    hint: () => GOVERNANCE_HINT,
  },
  "QueuedTotalOverflow(uint256)": {
    contracts: [WITHDRAWAL_QUEUE],
    title: "The operator's queued total would overflow",
    explain: (a) =>
      `The scaled shares queued out of one operator's stake in one strategy would total ${int(a, "total", 0)}, more than the 192 bits they are kept in.`,
    argument: "shares",
    hint: () => "Withdraw a smaller amount.",
  },

  // ---------------------------------------------------------------- OperatorRegistry

  "AlreadyOperator(address)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The account is already an operator",
    explain: (a) => `${capitalise(addr(a, "operator", 0))} is already a registered operator.`,
    hint: () =>
      "Nothing to register: change its metadata with `palisade operator update`, or see it with `palisade operator status`.",
  },
  "NotOperator(address)": {
    contracts: [OPERATOR_REGISTRY, AVS_REGISTRY],
    title: "The account is not an operator",
    explain: (a) => `${capitalise(addr(a, "account", 0))} is not a registered operator.`,
    argument: "operator",
    hint: () => "Check the address, or register it first with `palisade operator register`.",
  },
  "AlreadyDelegated(address,address)": {
    contracts: [OPERATOR_REGISTRY],
    title: "A delegated staker cannot register as an operator",
    explain: (a) =>
      `${capitalise(addr(a, "staker", 0))} is delegated to operator ${addr(a, "operator", 1)}, so it cannot register as an operator.`,
    hint: () => "Undelegate first (`palisade staker undelegate`), then `palisade operator register`.",
  },
  "AllocationDelayOutOfBounds(uint256,uint256,uint256)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The allocation delay is out of bounds",
    explain: (a) =>
      `An allocation delay of ${dur(a, "delay", 0)} lies outside the range governance allows, ${dur(a, "min", 1)} to ${dur(a, "max", 2)}.`,
    argument: "allocationDelay",
    hint: (a) => {
      const min = num(a, "min", 1);
      const max = num(a, "max", 2);
      return min === undefined || max === undefined
        ? "Choose a delay within `allocationDelayBounds()`."
        : `Choose a delay from ${min.toString()} to ${max.toString()} seconds (${formatDuration(min)} to ${formatDuration(max)}).`;
    },
  },
  "InvalidAllocationDelayBounds(uint256,uint256,uint256)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The allocation delay bounds are invalid",
    explain: (a) =>
      `Allocation delay bounds of ${dur(a, "min", 0)} to ${dur(a, "max", 1)} are inverted or exceed the limit of ${dur(a, "limit", 2)}.`,
    argument: "max",
    hint: () => "Choose a minimum no larger than the maximum, and a maximum within the limit.",
  },
  "OperatorCannotUndelegate(address)": {
    contracts: [OPERATOR_REGISTRY],
    title: "An operator cannot undelegate",
    explain: (a) => `${capitalise(addr(a, "operator", 0))} is an operator, delegated to itself, and cannot undelegate.`,
    argument: "staker",
    hint: () =>
      "An operator stays delegated to itself; to step back, deregister from its operator sets (`palisade operator deregister-set`) and withdraw its own stake (`palisade staker withdraw`).",
  },
  "UndelegationUnauthorized(address,address)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The caller may not undelegate this staker",
    explain: (a) =>
      `${capitalise(addr(a, "caller", 0))} may not undelegate ${addr(a, "staker", 1)}: only the staker, its operator and the operator's delegation approver may.`,
    argument: "staker",
    hint: () => "Undelegate from the staker's own account (`palisade staker undelegate`).",
  },
  "ApproverSignatureExpired(uint256,uint256)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The delegation approver's signature has expired",
    explain: (a) =>
      `The operator's delegation approver signed an approval that expired at ${time(a, "expiry", 0, ["currentTime", 1])}.`,
    argument: "expiry",
    hint: () => "Ask the operator's delegation approver for a new approval with a later expiry.",
  },
  "ApproverSaltSpent(address,bytes32)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The delegation approver has used this salt already",
    explain: (a) => `Delegation approver ${addr(a, "approver", 0)} has already used salt ${hex(a, "salt", 1)}.`,
    argument: "salt",
    hint: () => "Ask the approver to sign a new approval with a fresh salt.",
  },
  "InvalidApproverSignature(address,bytes32)": {
    contracts: [OPERATOR_REGISTRY],
    title: "The delegation approval is not the approver's",
    explain: (a) =>
      `The approval is not signed by the operator's delegation approver ${addr(a, "approver", 0)} over digest ${hex(a, "digest", 1)}: another signer, or another staker, operator, salt, expiry or chain.`,
    argument: "signature",
    hint: () =>
      "Have the operator's current approver sign the approval for exactly this staker, operator, salt and expiry.",
  },

  // ---------------------------------------------------------------- AVSRegistry

  "AVSAlreadyRegistered(address)": {
    contracts: [AVS_REGISTRY],
    title: "The AVS is already registered",
    explain: (a) => `AVS ${addr(a, "avs", 0)} is already registered.`,
    hint: () => "Nothing to register: see it with `palisade avs status`.",
  },
  "NotAVS(address)": {
    contracts: [AVS_REGISTRY],
    title: "The account is not a registered AVS",
    explain: (a) => `${capitalise(addr(a, "account", 0))} is not a registered AVS.`,
    argument: "avs",
    hint: () => "Register it first with `palisade avs register`, and send the AVS's transactions from its account.",
  },
  "OperatorSetAlreadyExists(address,uint32)": {
    contracts: [AVS_REGISTRY],
    title: "The operator set already exists",
    explain: (a) => `AVS ${addr(a, "avs", 0)} already has an operator set with id ${ident(a, "setId", 1)}.`,
    argument: "setId",
    hint: () => "Choose another set id, or change the existing set (`palisade avs add-strategy`).",
  },
  "OperatorSetNotFound(address,uint32)": {
    contracts: [AVS_REGISTRY],
    title: "The operator set does not exist",
    explain: (a) => `AVS ${addr(a, "avs", 0)} has no operator set with id ${ident(a, "setId", 1)}.`,
    argument: "setId",
    hint: () =>
      "Check the AVS address and set id (`palisade avs status`), or create the set first (`palisade avs create-set`).",
  },
  "InvalidSlasher()": {
    contracts: [AVS_REGISTRY],
    title: "An operator set needs a slasher",
    explain: () => "An operator set needs a slasher, and the zero address is not one.",
    argument: "slasher",
    hint: () =>
      "Deploy a slasher (an InstantSlasher, VetoSlasher or EquivocationSlasher, or the AVS's own contract) and pass its address.",
  },
  "StrategyAlreadyInSet(address,uint32,address)": {
    contracts: [AVS_REGISTRY],
    title: "The strategy is already in the set",
    explain: (a) => `Strategy ${addr(a, "strategy", 2)} is already in ${set(a, 0, 1)}.`,
    argument: "strategy",
    hint: () => "Leave it out: name each strategy once, and only those the set does not hold yet.",
  },
  "StrategyNotInSet(address,uint32,address)": {
    contracts: [AVS_REGISTRY],
    title: "The strategy is not in the set",
    explain: (a) => `Strategy ${addr(a, "strategy", 2)} is not in ${set(a, 0, 1)}.`,
    argument: "strategy",
    hint: () =>
      "Use only strategies the set holds (`palisade avs status`), or have the AVS add it (`palisade avs add-strategy`).",
  },
  "AlreadyRegisteredInSet(address,address,uint32)": {
    contracts: [AVS_REGISTRY],
    title: "The operator is already registered in the set",
    explain: (a) => `Operator ${addr(a, "operator", 0)} is already registered in ${set(a, 1, 2)}.`,
    argument: "setId",
    hint: () => "Leave that set out of the registration (`palisade operator status` lists the operator's sets).",
  },
  "NotRegisteredInSet(address,address,uint32)": {
    contracts: [AVS_REGISTRY],
    title: "The operator is not registered in the set",
    explain: (a) => `Operator ${addr(a, "operator", 0)} is not registered in ${set(a, 1, 2)}.`,
    argument: "setId",
    hint: () =>
      "Deregister only from sets the operator is registered in (`palisade operator status`); it may have left already.",
  },
  "DeregistrationUnauthorized(address,address)": {
    contracts: [AVS_REGISTRY],
    title: "The caller may not deregister this operator",
    explain: (a) =>
      `${capitalise(addr(a, "caller", 0))} may not deregister operator ${addr(a, "operator", 1)}: only the operator itself and the set's AVS may.`,
    argument: "operator",
    hint: () =>
      "Send the deregistration from the operator's account or the AVS's (`palisade operator deregister-set`).",
  },
  "NoOperatorSets()": {
    contracts: [AVS_REGISTRY],
    title: "No operator set was named",
    explain: () => "The registration or deregistration names no operator set.",
    argument: "setIds",
    hint: () => "Name at least one set id.",
  },
  "ConsentExpired(uint256,uint256)": {
    contracts: [AVS_REGISTRY],
    title: "The operator's consent has expired",
    explain: (a) => `The operator's registration consent expired at ${time(a, "expiry", 0, ["currentTime", 1])}.`,
    argument: "expiry",
    hint: () => "Ask the operator to sign a new consent with a later expiry.",
  },
  "ConsentSaltSpent(address,bytes32)": {
    contracts: [AVS_REGISTRY],
    title: "The operator has used this consent salt already",
    explain: (a) => `Operator ${addr(a, "operator", 0)} has already used salt ${hex(a, "salt", 1)} in a consent.`,
    argument: "salt",
    hint: () => "Ask the operator to sign a new consent with a fresh salt.",
  },
  "InvalidConsentSignature(address,bytes32)": {
    contracts: [AVS_REGISTRY],
    title: "The consent is not the operator's",
    explain: (a) =>
      `The consent is not signed by operator ${addr(a, "operator", 0)} over digest ${hex(a, "digest", 1)}: another signer, or another AVS, set ids, data, salt, expiry or chain.`,
    argument: "signature",
    hint: () =>
      "Have the operator sign the consent for exactly this AVS, these set ids and data, and this salt and expiry.",
  },
  "RegistrarRejected(address,bytes)": {
    contracts: [AVS_REGISTRY],
    title: "The operator set's registrar rejected the registration",
    explain: (a) => {
      const registrar = addr(a, "registrar", 0);
      const reason = decodeNested(text(a, "reason", 1));
      switch (reason.kind) {
        case "empty":
          return `The set's registrar ${registrar} rejected the registration without giving a reason.`;
        case "message":
          return `The set's registrar ${registrar} rejected the registration: "${reason.message}".`;
        case "panic":
          return `The set's registrar ${registrar} failed with a panic: ${clause(explainPanic(reason.code))}.`;
        case "known":
          return `The set's registrar ${registrar} rejected the registration: ${clause(reason.entry.explain(reason.args))}.`;
        case "unknown":
          return `The set's registrar ${registrar} rejected the registration with its own error ${reason.selector}.`;
      }
    },
    argument: "setIds",
    hint: (a) => {
      const reason = decodeNested(text(a, "reason", 1));
      return reason.kind === "known"
        ? reason.entry.hint(reason.args)
        : "The AVS's registrar decides who may join: meet its requirements (ask the AVS), then `palisade operator register-set` again.";
    },
  },
  "InsufficientGasForHook(uint256,uint256)": {
    contracts: [AVS_REGISTRY],
    title: "Too little gas was left for the registrar hook",
    explain: (a) =>
      `The deregistration had ${int(a, "gasLeft", 0)} gas left where ${int(a, "required", 1)} are needed to give the set's registrar hook its full allowance.`,
    hint: (a) => {
      const gasLeft = num(a, "gasLeft", 0);
      const required = num(a, "required", 1);
      return gasLeft === undefined || required === undefined || required <= gasLeft
        ? "Send the deregistration with a higher gas limit."
        : `Send the deregistration with a gas limit at least ${formatInteger(required - gasLeft)} higher.`;
    },
  },
  "NotSlasher(address,address,uint32,address)": {
    contracts: [AVS_REGISTRY],
    title: "The caller is not the set's slasher",
    explain: (a) =>
      `${capitalise(addr(a, "caller", 0))} is not the slasher of ${set(a, 1, 2)}; ${addr(a, "slasher", 3)} is.`,
    hint: () =>
      "Slash through the set's slasher (`palisade avs slash`); after a change of slasher, a request made with the old one can no longer execute.",
  },
  "OperatorNotSlashable(address,address,uint32)": {
    contracts: [AVS_REGISTRY, VETO_SLASHER],
    title: "The operator cannot be slashed in the set",
    explain: (a) =>
      `Operator ${addr(a, "operator", 0)} cannot be slashed in ${set(a, 1, 2)}: it is not registered there, and left more than the withdrawal delay ago (or never joined).`,
    argument: "operator",
    hint: () =>
      "Check the operator and the set (`palisade avs status`): an operator is slashable once its registration's notice has passed (`slashableFrom`), and until the withdrawal delay after it leaves.",
  },
  "StrategyNotSlashableYet(address,uint32,address,uint48)": {
    contracts: [AVS_REGISTRY, PALISADE_LENS],
    title: "The strategy was added back to the set and is not slashable yet",
    explain: (a) =>
      `Strategy ${addr(a, "strategy", 2)} was added back to ${set(a, 0, 1)}, which can slash it only from ${time(a, "slashableFrom", 3)}: stakers get the notice of the withdrawal delay first.`,
    argument: "strategies",
    hint: (a) => {
      const from = num(a, "slashableFrom", 3);
      return from === undefined
        ? "Leave that strategy out of the slash, or slash it once its notice has passed (`palisade avs status` shows when)."
        : `Leave that strategy out of the slash, or slash it from ${formatUtcDate(from)} on.`;
    },
  },
  "PreviousRegistrationStillSlashable(address,address,uint32,uint48)": {
    contracts: [AVS_REGISTRY],
    title: "The operator's previous registration in the set is still slashable",
    explain: (a) =>
      `Operator ${addr(a, "operator", 0)} left ${set(a, 1, 2)} and stays slashable there until ${time(a, "slashableUntil", 3)}: it cannot register again before that window closes.`,
    argument: "setIds",
    hint: (a) => {
      const until = num(a, "slashableUntil", 3);
      const when = until === undefined ? "the window closes" : formatUtcDate(until);
      return `Wait until ${when}, then \`palisade operator register-set\` again.`;
    },
  },
  "InvalidRedistributionRecipient(address,uint32,address,bool)": {
    contracts: [AVS_REGISTRY],
    title: "The recipient does not fit the set's kind",
    explain: (a) => {
      const redistributing = pick(a, "redistributing", 3) === true;
      return redistributing
        ? `${capitalise(set(a, 0, 1))} redistributes its slashed funds, so it needs a recipient, and ${addr(a, "recipient", 2)} is not one.`
        : `${capitalise(set(a, 0, 1))} burns its slashed funds for its whole life, so it takes no recipient, and ${addr(a, "recipient", 2)} was given.`;
    },
    argument: "recipient",
    hint: (a) =>
      pick(a, "redistributing", 3) === true
        ? "Name the recipient with the new slasher (`palisade avs schedule-slasher --recipient <addr>`; by default the CLI keeps the one in force)."
        : "Schedule the slasher without a recipient (`palisade avs schedule-slasher` passes none for a burning set).",
  },

  // ---------------------------------------------------------------- AllocationManager

  "MagnitudeUnchanged(address,uint32,address,uint64)": {
    contracts: [ALLOCATION_MANAGER],
    title: "The allocation is that magnitude already",
    explain: (a) =>
      `The allocation of strategy ${addr(a, "strategy", 2)} in ${set(a, 0, 1)} is ${pct(a, "magnitude", 3)} already.`,
    argument: "magnitudes",
    hint: () => "Leave that strategy out of the change, or give it a different magnitude.",
  },
  "DuplicateStrategy(address,uint32,address)": {
    contracts: [ALLOCATION_MANAGER],
    title: "A strategy is named twice for one set",
    explain: (a) =>
      `Strategy ${addr(a, "strategy", 2)} is named more than once for ${set(a, 0, 1)} in one allocation change.`,
    argument: "strategies",
    hint: () => "Name each strategy once per set, with the one magnitude it should have.",
  },
  "AllocationChangePending(address,uint32,address,uint48)": {
    contracts: [ALLOCATION_MANAGER],
    title: "A change of the allocation is pending",
    explain: (a) =>
      `The allocation of strategy ${addr(a, "strategy", 2)} in ${set(a, 0, 1)} has a change pending until ${time(a, "effectAt", 3)}.`,
    argument: "strategy",
    hint: (a) => {
      const effectAt = num(a, "effectAt", 3);
      const when = effectAt === undefined ? "it takes effect" : formatUtcDate(effectAt);
      return `Wait until ${when}, then run \`palisade operator allocate\` again.`;
    },
  },
  "InsufficientAllocatableMagnitude(address,uint256,uint256)": {
    contracts: [ALLOCATION_MANAGER],
    title: "Not enough free magnitude to allocate",
    explain: (a) =>
      `Only ${pct(a, "available", 1)} of the operator's stake in strategy ${addr(a, "strategy", 0)} is free to allocate, but the increase asks for ${pct(a, "requested", 2)} more.`,
    argument: "magnitudes",
    hint: () =>
      "Allocate less, or free magnitude by lowering another set's allocation: a decrease frees it after the withdrawal delay (an increase of the strategy settles it; `palisade operator settle` does it at once).",
  },
  "OnlySlashingCoordinator(address)": {
    contracts: [ALLOCATION_MANAGER],
    title: "Only the SlashingCoordinator may call this",
    explain: (a) => `Only the SlashingCoordinator may slash allocations; ${addr(a, "caller", 0)} is not it.`,
    hint: () => "Slash through the set's slasher (`palisade avs slash`), which calls the SlashingCoordinator.",
  },

  // ---------------------------------------------------------------- SlashingCoordinator

  "InvalidWad(address,uint256)": {
    contracts: [SLASHING_COORDINATOR, VETO_SLASHER, PALISADE_LENS],
    title: "The slash fraction is out of range",
    explain: (a) =>
      `A slash of ${pct(a, "wad", 1)} (wad ${int(a, "wad", 1)}) for strategy ${addr(a, "strategy", 0)} lies outside the allowed range, above 0% and at most 100%.`,
    argument: "wads",
    hint: () => "Give each fraction in wads of 1e18: 1e17 slashes 10% of the allocation, 1e18 all of it.",
  },
  "NoStrategies()": {
    contracts: [SLASHING_COORDINATOR, VETO_SLASHER, EQUIVOCATION_SLASHER, PALISADE_LENS],
    title: "No strategy was named",
    explain: () => "The slash names no strategy (for an EquivocationSlasher: none was configured at deployment).",
    argument: "strategies",
    hint: () => "Name at least one strategy of the set, with its fraction.",
  },
  "NothingToRelease(address,uint32,address,address)": {
    contracts: [SLASHING_COORDINATOR],
    title: "Nothing slashed is waiting to be released",
    explain: (a) => {
      const recipient = text(a, "recipient", 3);
      const whose =
        recipient === undefined
          ? ""
          : isZeroAddress(recipient)
            ? " to be burned"
            : ` for recipient ${addr(a, "recipient", 3)}`;
      return `Nothing slashed from strategy ${addr(a, "strategy", 2)} in ${set(a, 0, 1)} is waiting${whose}.`;
    },
    argument: "strategy",
    hint: () =>
      "Nothing to do if it was released already; funds slashed for a former recipient wait in that recipient's bucket (pass it with `palisade avs release --recipient <addr>`, `palisade avs status` shows what waits).",
  },
  "EscrowNotOver(address,uint32,address,address,uint48,uint256)": {
    contracts: [SLASHING_COORDINATOR],
    title: "The slashed funds are still in escrow",
    explain: (a) =>
      `The funds slashed from strategy ${addr(a, "strategy", 2)} in ${set(a, 0, 1)} for recipient ${addr(a, "recipient", 3)} are in escrow until ${time(a, "releasableAt", 4, ["currentTime", 5])}: a redistributing set's slashed funds wait so that governance can stop a payout from a stolen or self-serving slasher.`,
    argument: "recipient",
    hint: (a) => {
      const at = num(a, "releasableAt", 4);
      const when = at === undefined ? "the escrow ends" : formatUtcDate(at);
      return `Wait until ${when}, then run \`palisade avs release\` again.`;
    },
  },
  "EscrowDelayOutOfBounds(uint256,uint256,uint256)": {
    contracts: [SLASHING_COORDINATOR],
    title: "The escrow delay is out of bounds",
    explain: (a) =>
      `An escrow delay of ${dur(a, "delay", 0)} lies outside the allowed range of ${dur(a, "min", 1)} to ${dur(a, "max", 2)}.`,
    argument: "delay",
    hint: () => GOVERNANCE_HINT,
  },

  // ---------------------------------------------------------------- StrategyFactory

  "TokenHasNoCode(address)": {
    contracts: [STRATEGY_FACTORY],
    title: "The token has no code",
    explain: (a) => `Token ${addr(a, "token", 0)} has no code on this chain, so it cannot be an ERC20.`,
    argument: "token",
    hint: () => "Check the token's address and the chain.",
  },
  "StrategyAlreadyDeployed(address,address)": {
    contracts: [STRATEGY_FACTORY],
    title: "The token already has its strategy",
    explain: (a) => `Token ${addr(a, "token", 0)} already has its strategy, ${addr(a, "strategy", 1)}.`,
    argument: "token",
    hint: (a) => {
      const strategy = text(a, "strategy", 1);
      return strategy === undefined
        ? "Use the existing strategy (`strategyOf(token)`)."
        : `Use the existing strategy, ${strategy}.`;
    },
  },
  "CloneArgumentsTooLong()": {
    contracts: [STRATEGY_FACTORY],
    title: "The clone's arguments are too long",
    explain: () => "The strategy clone's immutable arguments are longer than a contract's code may be.",
    hint: () => REPORT_HINT,
  },
  "Create2EmptyBytecode()": {
    contracts: [STRATEGY_FACTORY],
    title: "The deployment has no code to deploy",
    explain: () => "The strategy deployment was given no code to deploy.",
    hint: () => REPORT_HINT,
  },
  "FailedDeployment()": {
    contracts: [STRATEGY_FACTORY],
    title: "The strategy could not be deployed",
    explain: () =>
      "Deploying the strategy clone failed: its address is taken already, or the deployment ran out of gas.",
    hint: () =>
      "Retry with a higher gas limit; if it fails again, check `predictStrategyAddress(token)` for a contract.",
  },
  "InsufficientBalance(uint256,uint256)": {
    contracts: [STRATEGY_FACTORY],
    title: "The factory holds too little ether for the deployment",
    explain: (a) =>
      `The factory holds ${int(a, "balance", 0)} wei, but the deployment needs ${int(a, "needed", 1)} wei.`,
    hint: () => REPORT_HINT,
  },

  // ---------------------------------------------------------------- ERC20Strategy

  "OnlyStrategyManager(address)": {
    contracts: [ERC20_STRATEGY],
    title: "Only the StrategyManager may move a strategy's tokens",
    explain: (a) =>
      `Only the StrategyManager may move a strategy's tokens or shares; ${addr(a, "caller", 0)} is not it.`,
    hint: () => "Deposit and withdraw through the StrategyManager (`palisade staker deposit` / `withdraw`).",
  },
  "DepositWouldMintZeroShares(uint256)": {
    contracts: [ERC20_STRATEGY],
    title: "The deposit is too small to mint a share",
    explain: (a) => `A deposit of ${tokens(a, "amount", 0)} would mint zero shares at the strategy's share price.`,
    argument: "amount",
    hint: () => "Deposit a larger amount.",
  },
  "TotalDepositCapExceeded(uint256,uint256,uint256)": {
    contracts: [ERC20_STRATEGY],
    title: "The deposit would exceed the strategy's total cap",
    explain: (a) =>
      `The strategy holds ${tokens(a, "balance", 0)}; a deposit of ${tokens(a, "amount", 1)} would take it above its total cap of ${tokens(a, "maxTotalDeposits", 2)}.`,
    argument: "amount",
    hint: (a) => {
      const balance = num(a, "balance", 0);
      const cap = num(a, "maxTotalDeposits", 2);
      if (balance === undefined || cap === undefined) return "Deposit less, or wait until governance raises the cap.";
      return cap > balance
        ? `Deposit at most ${tokensOf(a, cap - balance)}, or wait until governance raises the cap.`
        : "The strategy is full: wait until withdrawals make room or governance raises the cap.";
    },
  },
  "TransferAmountMismatch(uint256,uint256)": {
    contracts: [ERC20_STRATEGY],
    title: "The token delivered another amount than was sent",
    explain: (a) =>
      `The token delivered ${tokens(a, "received", 1)} where ${tokens(a, "expected", 0)} were sent: fee-on-transfer and rebasing tokens cannot be deposited.`,
    argument: "strategy",
    hint: () => "Deposit the token's non-rebasing, fee-free form (wstETH rather than stETH, for instance).",
  },
  "InsufficientTotalShares(uint256,uint256)": {
    contracts: [ERC20_STRATEGY],
    title: "More shares were withdrawn than exist",
    explain: (a) =>
      `A withdrawal of ${shares(a, "shares", 0)} asked for more than the ${shares(a, "totalShares", 1)} in existence.`,
    hint: () => REPORT_HINT,
  },
  "SafeERC20FailedOperation(address)": {
    contracts: [ERC20_STRATEGY, EQUIVOCATION_SLASHER],
    title: "The token refused the transfer",
    explain: (a) => `Token ${addr(a, "token", 0)} refused a transfer: it returned false, or it has no code.`,
    hint: () =>
      "For a deposit, check the payer's balance and its approval of the strategy (pass approve: true / --approve to `palisade staker deposit`); for a payout, the token itself refuses to pay the receiver.",
  },

  // ---------------------------------------------------------------- reference slashers

  "ZeroAddress()": {
    contracts: [INSTANT_SLASHER, VETO_SLASHER, EQUIVOCATION_SLASHER],
    title: "A slasher's address parameter is the zero address",
    explain: () =>
      "A constructor argument of the slasher is the zero address: the coordinator, the set's AVS, the resolver or the treasury.",
    hint: () => "Pass the deployment's SlashingCoordinator and non-zero addresses for the AVS, resolver and treasury.",
  },
  "InvalidExecutionWindow(uint256)": {
    contracts: [VETO_SLASHER],
    title: "The execution window is zero",
    explain: () => "An execution window of zero seconds would let no request ever execute.",
    argument: "executionWindow",
    hint: () => "Deploy the VetoSlasher with an execution window of at least one second (typically hours or days).",
  },
  "InvalidVetoWindow(uint256,uint256)": {
    contracts: [VETO_SLASHER],
    title: "The veto window is not shorter than the withdrawal delay",
    explain: (a) =>
      `A veto window of ${dur(a, "vetoWindow", 0)} must be longer than zero and shorter than the withdrawal delay of ${dur(a, "withdrawalDelay", 1)}, or no request could ever execute.`,
    argument: "vetoWindow",
    hint: () =>
      "Deploy with a veto window shorter than the withdrawal delay; if governance shortened the delay since, deploy a new VetoSlasher and schedule it as the set's slasher.",
  },
  "NotResolver(address,address)": {
    contracts: [VETO_SLASHER],
    title: "Only the resolver may veto",
    explain: (a) =>
      `${capitalise(addr(a, "caller", 0))} may not veto: only the resolver, ${addr(a, "resolver", 1)}, may.`,
    hint: () => "Send the veto from the resolver's account (`palisade avs veto`).",
  },
  "RequestNotFound(uint256)": {
    contracts: [VETO_SLASHER],
    title: "The slash request does not exist",
    explain: (a) => `Slash request ${ident(a, "requestId", 0)} does not exist.`,
    argument: "requestId",
    hint: () =>
      "Check the request id (requests count from 1; `palisade avs status` lists them) and the slasher's address.",
  },
  "RequestNotPending(uint256,uint8)": {
    contracts: [VETO_SLASHER],
    title: "The slash request is no longer pending",
    explain: (a) => {
      const requestId = ident(a, "requestId", 0);
      const status = num(a, "status", 1);
      const name = status === undefined ? undefined : REQUEST_STATUSES[Number(status)];
      switch (name) {
        case "Vetoed":
          return `Slash request ${requestId} was vetoed by the resolver.`;
        case "Cancelled":
          return `Slash request ${requestId} was cancelled by the slasher's owner.`;
        case "Executed":
          return `Slash request ${requestId} was executed already.`;
        default:
          return `Slash request ${requestId} is no longer pending (status ${status === undefined ? UNKNOWN : status.toString()}).`;
      }
    },
    argument: "requestId",
    hint: () => "Nothing more can be done with this request; request the slash again if it still applies.",
  },
  "VetoWindowClosed(uint256,uint256,uint256)": {
    contracts: [VETO_SLASHER],
    title: "The veto window has closed",
    explain: (a) =>
      `The veto window of slash request ${ident(a, "requestId", 0)} closed at ${time(a, "vetoDeadline", 1, ["currentTime", 2])}.`,
    argument: "requestId",
    hint: () => "It is too late to veto: the request can now be executed by anyone until it expires.",
  },
  "RequestNotExecutable(uint256,uint256,uint256)": {
    contracts: [VETO_SLASHER],
    title: "The slash request is still in its veto window",
    explain: (a) =>
      `Slash request ${ident(a, "requestId", 0)} can be executed from ${time(a, "vetoDeadline", 1, ["currentTime", 2])}, when its veto window closes.`,
    argument: "requestId",
    hint: () => "Wait until the veto window closes, then execute it again (`palisade avs slash`).",
  },
  "RequestExpired(uint256,uint256,uint256)": {
    contracts: [VETO_SLASHER],
    title: "The slash request has expired",
    explain: (a) =>
      `Slash request ${ident(a, "requestId", 0)} expired at ${time(a, "expiresAt", 1, ["currentTime", 2])} and can no longer execute.`,
    argument: "requestId",
    hint: () => "Request the slash again (`palisade avs slash`) while the operator is still slashable.",
  },
  "ParametersMismatch(uint256,bytes32,bytes32)": {
    contracts: [VETO_SLASHER],
    title: "The execution's parameters differ from the request's",
    explain: (a) =>
      `The strategies, wads and description given hash to ${hex(a, "supplied", 2)}, not to the ${hex(a, "expected", 1)} of slash request ${ident(a, "requestId", 0)}.`,
    argument: "strategies",
    hint: () => "Execute with exactly the strategies, wads and description of the request's `SlashRequested` event.",
  },

  // ---------------------------------------------------------------- EquivocationSlasher

  "TooManyStrategies(uint256,uint256)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "Too many strategies for an EquivocationSlasher",
    explain: (a) =>
      `${int(a, "count", 0)} strategies were configured, but an EquivocationSlasher slashes at most ${int(a, "max", 1)}.`,
    argument: "strategies",
    hint: () => "Deploy with fewer strategies, or split them across several sets and slashers.",
  },
  "DuplicateToken(address,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "Two configured strategies hold the same token",
    explain: (a) =>
      `Strategy ${addr(a, "strategy", 0)} is configured twice, or shares its token ${addr(a, "token", 1)} with another configured strategy.`,
    argument: "strategies",
    hint: () => "Configure each strategy once, with one strategy per token.",
  },
  "InvalidSlashWad(uint256)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The slash fraction is out of range",
    explain: (a) =>
      `A slash of ${pct(a, "slashWad", 0)} per offence lies outside the allowed range, above 0% and at most 100%.`,
    argument: "slashWad",
    hint: () => "Give the fraction in wads of 1e18: 1e17 slashes 10% of the allocation per offence.",
  },
  "InvalidBountyWad(uint256)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The bounty share is above 100%",
    explain: (a) => `A reporter's bounty of ${pct(a, "bountyWad", 0)} of the slashed funds is above 100%.`,
    argument: "bountyWad",
    hint: () => "Give the bounty in wads of 1e18, at most 1e18 (100%).",
  },
  "OperatorNotRegistered(address,address,uint32)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The operator is not registered in the slasher's set",
    explain: (a) =>
      `Operator ${addr(a, "operator", 0)} is not registered in ${set(a, 1, 2)}, so it cannot register a signing key there.`,
    argument: "operator",
    hint: () => "Register in the set first (`palisade operator register-set`), then register the key.",
  },
  "SetNotRedistributingToSlasher(address,uint32,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The set does not send its slashed funds to the slasher",
    explain: (a) => {
      const recipient = text(a, "recipient", 2);
      const where = isZeroAddress(recipient)
        ? "burns its slashed funds instead of sending them to this slasher"
        : `sends its slashed funds to ${addr(a, "recipient", 2)}, not to this slasher`;
      return `${capitalise(set(a, 0, 1))} ${where}, which could then pay no bounty.`;
    },
    hint: () =>
      "The recipient is fixed when a set is created: the AVS must create a set with this slasher as both slasher and redistribution recipient.",
  },
  "InvalidKey()": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The zero address is not a key",
    explain: () => "The zero address is not a signing key.",
    argument: "key",
    hint: () => "Pass the signing key's address (`palisade keys list`).",
  },
  "InvalidKeySignature(address,bytes32)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The key did not sign its registration",
    explain: (a) =>
      `The key registration is not signed by key ${addr(a, "key", 0)} over digest ${hex(a, "digest", 1)}.`,
    argument: "signature",
    hint: () =>
      "Sign the registration with the key itself (an ECDSA key, not a contract), for this operator and this slasher.",
  },
  "KeyOwnedByAnotherOperator(address,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The key belongs to another operator",
    explain: (a) => `Key ${addr(a, "key", 0)} belongs to operator ${addr(a, "operator", 1)} already, for good.`,
    argument: "key",
    hint: () => "Use a fresh key (`palisade keys create`).",
  },
  "IdenticalPayloads(uint64,bytes32)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "Both attestations carry the same payload",
    explain: (a) =>
      `Both attestations at height ${ident(a, "height", 0)} carry payload ${hex(a, "payloadHash", 1)}: signing the same thing twice is no offence.`,
    argument: "payloadHash",
    hint: () => "Report two attestations of one height with different payload hashes.",
  },
  "InvalidAttestationSignature(uint64,bytes32)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "An attestation's signature is invalid",
    explain: (a) =>
      `The signature of the attestation at height ${ident(a, "height", 0)} with payload ${hex(a, "payloadHash", 1)} is malformed or recovers no key.`,
    argument: "signature",
    hint: () =>
      "Pass each attestation's 65-byte signature exactly as the key made it (low-s), for this slasher and chain.",
  },
  "SignersDiffer(address,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The two attestations have different signers",
    explain: (a) =>
      `The two attestations were signed by different keys, ${addr(a, "signerA", 0)} and ${addr(a, "signerB", 1)}.`,
    argument: "signature",
    hint: () => "Report two attestations signed by the same key.",
  },
  "UnregisteredKey(address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The key belongs to no operator",
    explain: (a) => `Key ${addr(a, "key", 0)} is not registered to any operator with this slasher.`,
    argument: "signature",
    hint: () => "Only keys registered with this slasher can be reported; check the slasher's address.",
  },
  "KeyAlreadyPunished(address,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The key was punished already",
    explain: (a) =>
      `Key ${addr(a, "key", 0)} of operator ${addr(a, "operator", 1)} was punished already: one key, one incident, however many heights it signed twice, and a punished key can neither be reported nor registered again.`,
    argument: "key",
    hint: () =>
      "Nothing to report: the incident is closed (`isKeyPunished(key)`). An operator registers a fresh key (`palisade keys create`, then register it with the slasher).",
  },
  "NothingSlashed(address,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The proof would slash nothing",
    explain: (a) =>
      `The equivocation of key ${addr(a, "key", 1)} is proven, but operator ${addr(a, "operator", 0)} has nothing slashable in the slasher's set now (no allocation in force, or its registration's notice has not passed), so the report would take nothing.`,
    argument: "evidence",
    hint: () =>
      "Keep the evidence and report it once the operator's allocation is slashable (`palisade operator status` shows when); the key stays reportable until then.",
  },
  "NoBountyOwed(address,address)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "No bounty is owed",
    explain: (a) => `${capitalise(addr(a, "account", 0))} is owed no bounty in strategy ${addr(a, "strategy", 1)}.`,
    argument: "strategy",
    hint: () => "Claim in a strategy where a report of yours earned a bounty (`bountyOwed(account, strategy)`).",
  },
  "BountyUnfunded(address,uint256)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "The slasher holds none of the bounty yet",
    explain: (a) =>
      `The caller is owed a bounty of ${tokens(a, "owed", 1)} in strategy ${addr(a, "strategy", 0)}, but the slasher holds none of it yet, even after trying to release the set's slashed funds.`,
    hint: () =>
      "Try again once the set's slashed funds can be released (`palisade avs release`; releases may be paused).",
  },
  "NothingToSweep(address,uint256,uint256)": {
    contracts: [EQUIVOCATION_SLASHER],
    title: "Nothing beyond the owed bounties to sweep",
    explain: (a) =>
      `The slasher's balance of strategy ${addr(a, "strategy", 0)}'s token, ${tokens(a, "balance", 1)}, is no more than the ${tokens(a, "owed", 2)} owed to reporters.`,
    argument: "strategy",
    hint: () => "Release the set's slashed funds first (`palisade avs release`), then sweep.",
  },

  // ---------------------------------------------------------------- PriceOracleAVS (the example AVS)

  "NotAVSRegistry(address)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "Only the AVS registry may call the oracle's hooks",
    explain: (a) => `The registrar hook was called by ${addr(a, "caller", 0)}, not by the AVS registry.`,
    hint: () => "Register through the AVS registry (`palisade operator register-set`).",
  },
  "NotOracleSet(address,uint32)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The hook was called for another set",
    explain: (a) => `The oracle's hook was called for ${set(a, 0, 1)}, not for the oracle's own set.`,
    argument: "setId",
    hint: () => "Install the oracle as the registrar of its own set only (set 0 of the oracle).",
  },

  "SlasherForAnotherSet(address,address,uint32)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The slasher was built for another set",
    explain: (a) =>
      `Slasher ${addr(a, "slasher", 0)} slashes in ${set(a, 1, 2)}, not in the oracle's set 0 of this oracle.`,
    argument: "slasher",
    hint: () => "Deploy an EquivocationSlasher for (this oracle, set 0) and create the oracle's set with it.",
  },
  "InvalidStrategyCount(uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The oracle's set needs between one and eight strategies",
    explain: (a) =>
      `The oracle's set was given ${int(a, "count", 0)} strategies; it takes between 1 and ${int(a, "max", 1)}.`,
    argument: "strategies",
    hint: () => "Give the set at least one strategy and at most eight.",
  },
  "StrategyWeightsLengthMismatch(uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "One weight per strategy",
    explain: (a) => `${int(a, "strategies", 0)} strategies were given with ${int(a, "weights", 1)} weights.`,
    argument: "strategyWeights",
    hint: () => "Give exactly one weight per strategy, in the same order.",
  },
  "InvalidStrategyWeight(address,uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "A strategy's weight is out of range",
    explain: (a) =>
      `Strategy ${addr(a, "strategy", 0)} was given a weight of ${int(a, "weight", 1)}; a weight is the value of 1e18 shares and lies between 1 and ${int(a, "max", 2)}.`,
    argument: "strategyWeights",
    hint: () => "Give each strategy a weight from 1 to 1e34: what 1e18 of its shares are worth in the oracle's unit.",
  },
  "InvalidRoundDuration(uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "A round cannot last zero seconds",
    explain: () => "The oracle's rounds were given a length of 0 seconds.",
    argument: "roundDuration",
    hint: () => "Give rounds a length of at least one second.",
  },
  "InvalidMaxPrice(uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The highest price must be at least 1",
    explain: () => "The oracle's highest accepted price was set to 0.",
    argument: "maxPrice",
    hint: () => "Set the highest price operators may report to at least 1, in the price's own units.",
  },
  "InvalidQuorum(uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The quorum does not fit the seats",
    explain: (a) => `A quorum of ${int(a, "quorum", 0)} reports was asked for with ${int(a, "maxOperators", 1)} seats.`,
    argument: "quorum",
    hint: () => "Choose a quorum between 1 and the number of seats.",
  },
  "InvalidMaxOperators(uint256,uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The number of seats is out of range",
    explain: (a) =>
      `${int(a, "maxOperators", 0)} seats were asked for; they must be at least the quorum (${int(a, "quorum", 1)}) and at most ${int(a, "limit", 2)}.`,
    argument: "maxOperators",
    hint: () => "Choose a number of seats between the quorum and 32.",
  },
  "MinimumStakeZero()": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The minimum stake must be at least 1",
    explain: () => "The oracle's minimum stake was set to 0: an operator with nothing at risk could report.",
    argument: "minimumStake",
    hint: () => "Set a minimum stake weight of at least 1, so that every reporter has stake at risk.",
  },
  "OracleFull(uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "Every seat of the oracle is taken",
    explain: (a) => `All ${int(a, "maxOperators", 0)} seats of the oracle are taken.`,
    hint: () => "Wait for an operator to leave, or ask the oracle's team to add seats or eject an operator.",
  },
  "StakeBelowMinimum(address,uint256,uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The operator's stake weight is below the oracle's minimum",
    explain: (a) =>
      `Operator ${addr(a, "operator", 0)} has a stake weight of ${int(a, "stake", 1)} at ${time(a, "timestamp", 3)}, below the minimum of ${int(a, "minimum", 2)}.`,
    argument: "operator",
    hint: () =>
      "Allocate more to the oracle's set (`palisade operator allocate`) or attract more delegated stake, and keep it there; for a registration the stake counts when the registration becomes slashable.",
  },
  "RoundNotOpen(uint64,uint64)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "Only the round in progress takes reports",
    explain: (a) =>
      `A report was signed for round ${ident(a, "round", 0)}, and the round in progress is ${ident(a, "currentRound", 1)}.`,
    argument: "round",
    hint: () => "Sign and submit a price for the round in progress (`currentRound()`).",
  },
  "PriceOutOfBounds(uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The price is outside the oracle's bounds",
    explain: (a) =>
      `A price of ${int(a, "price", 0)} was reported; the oracle accepts prices from 1 to ${int(a, "maxPrice", 1)}.`,
    argument: "price",
    hint: () => "Check the price's units and decimals: it must lie between 1 and the oracle's `maxPrice`.",
  },
  "UnknownKey(address)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The report is signed by no registered key",
    explain: (a) =>
      `The report's signature recovers key ${addr(a, "key", 0)}, which no operator registered with the oracle's slasher.`,
    argument: "signature",
    hint: () =>
      "Sign with your registered key, for this round and price, under the domain of the slasher in force (`palisade operator register-key`).",
  },
  "RetiredKey(address,address,address)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The report is signed with a key the operator rotated out",
    explain: (a) =>
      `Key ${addr(a, "key", 0)} of operator ${addr(a, "operator", 1)} was replaced by ${addr(a, "currentKey", 2)}.`,
    argument: "signature",
    hint: () => "Sign with the operator's current key.",
  },
  "PunishedKey(address,address)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The report is signed with a punished key",
    explain: (a) =>
      `Key ${addr(a, "key", 0)} of operator ${addr(a, "operator", 1)} was punished for equivocation: nothing it signs counts.`,
    argument: "signature",
    hint: () => "Register a new signing key (`palisade operator register-key`) and sign with it.",
  },
  "OperatorNotRegistered(address)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The report's operator is not in the oracle's set",
    explain: (a) => `Operator ${addr(a, "operator", 0)} is not registered in the oracle's set.`,
    argument: "operator",
    hint: () => "Register in the oracle's set 0 first (`palisade operator register-set`).",
  },
  "NotSlashableAtRoundStart(address,uint64,uint48,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The operator was not slashable when the round began",
    explain: (a) =>
      `Operator ${addr(a, "operator", 0)} is slashable in the oracle's set from ${time(a, "slashableFrom", 2)}, after round ${ident(a, "round", 1)} began (${time(a, "roundStart", 3)}).`,
    argument: "round",
    hint: () => "Report from the first round that starts at or after the registration became slashable.",
  },
  "RoundNotOver(uint64,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The round is not over",
    explain: (a) => `Round ${ident(a, "round", 0)} ends at ${time(a, "endsAt", 1)}; its price is final only then.`,
    argument: "round",
    hint: () => "Read the round's price once it has ended.",
  },
  "QuorumNotReached(uint64,uint256,uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "Too few operators reported for the round",
    explain: (a) =>
      `Round ${ident(a, "round", 0)} has ${int(a, "reports", 1)} reports, and a price needs ${int(a, "quorum", 2)}.`,
    argument: "round",
    hint: () => "Read another round, one enough operators reported for.",
  },
  "OracleSetExists()": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The oracle's set exists already",
    explain: () => "The oracle's operator set was created already.",
    hint: () => "Nothing to do: the set exists (`palisade avs status`).",
  },
  // ---------------------------------------------------------------- the lens (reads; a revert here is bad input)

  "CoreAddressMismatch(address,address)": {
    contracts: [PALISADE_LENS],
    title: "The lens was built with an address the core does not use",
    explain: (a) =>
      `The lens was given ${addr(a, "given", 0)}, but the core it reads is wired to ${addr(a, "wired", 1)}.`,
    hint: () => "Deploy the lens with the addresses of the deployed core (the deploy module does this).",
  },
  "SetListsLengthMismatch(uint256,uint256,uint256)": {
    contracts: [PALISADE_LENS],
    title: "The lists for a set read differ in length",
    explain: (a) =>
      `A set read needs one strategy list and one member list per set: it got ${text(a, "sets", 0) ?? "?"} sets, ${text(a, "strategyLists", 1) ?? "?"} strategy lists and ${text(a, "memberLists", 2) ?? "?"} member lists.`,
    argument: "sets",
    hint: () => "Pass one strategy list and one member list per set, in the same order (the SDK's read.avsState does).",
  },

  "AlreadyReported(address,uint64)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The operator has reported for this round already",
    explain: (a) => `Operator ${addr(a, "operator", 0)} has already reported for round ${ident(a, "round", 1)}.`,
    argument: "round",
    hint: () => "Report once per round; wait for the next one.",
  },

  "ECDSAInvalidSignature()": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The signature is invalid",
    explain: () => "The signature is invalid: it recovers no signer.",
    argument: "signature",
    hint: () => "Pass the 65-byte signature exactly as the key produced it.",
  },
  "ECDSAInvalidSignatureLength(uint256)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The signature has the wrong length",
    explain: (a) => `The signature is ${int(a, "length", 0)} bytes long, where 65 are expected.`,
    argument: "signature",
    hint: () => "Pass the full 65-byte signature (r, s, v).",
  },
  "ECDSAInvalidSignatureS(bytes32)": {
    contracts: [PRICE_ORACLE_AVS],
    title: "The signature is malleable (high s)",
    explain: (a) =>
      `The signature's s value ${hex(a, "s", 0)} is in the upper half of the curve order, which is refused.`,
    argument: "signature",
    hint: () => "Sign with a standard signer, which produces low-s signatures, or normalise s.",
  },

  // ---------------------------------------------------------------- ERC20 tokens (OpenZeppelin IERC20Errors)

  "ERC20InsufficientBalance(address,uint256,uint256)": {
    contracts: [ERC20_TOKEN],
    title: "The token balance is too low",
    explain: (a) =>
      `${capitalise(addr(a, "sender", 0))} holds ${tokens(a, "balance", 1)}, but the transfer needs ${tokens(a, "needed", 2)}.`,
    argument: "amount",
    hint: () => "Get more of the token, or use a smaller amount.",
  },
  "ERC20InsufficientAllowance(address,uint256,uint256)": {
    contracts: [ERC20_TOKEN],
    title: "The token allowance is too low",
    explain: (a) =>
      `${capitalise(addr(a, "spender", 0))} is allowed to spend ${tokens(a, "allowance", 1)}, but the transfer needs ${tokens(a, "needed", 2)}.`,
    argument: "amount",
    hint: (a) => {
      const spender = text(a, "spender", 0);
      const who = spender === undefined ? "the strategy" : `the strategy ${spender}`;
      return `Approve ${who} for at least the amount first (pass approve: true / --approve to \`palisade staker deposit\`).`;
    },
  },
  "ERC20InvalidSender(address)": {
    contracts: [ERC20_TOKEN],
    title: "Tokens cannot be sent from that address",
    explain: (a) => `The token refuses to send tokens from ${addr(a, "sender", 0)}.`,
    hint: () => "Send from a real account: tokens cannot come from the zero address.",
  },
  "ERC20InvalidReceiver(address)": {
    contracts: [ERC20_TOKEN],
    title: "Tokens cannot be sent to that address",
    explain: (a) => `The token refuses to send tokens to ${addr(a, "receiver", 0)}.`,
    argument: "receiver",
    hint: () => "Pass a receiver other than the zero address.",
  },
  "ERC20InvalidApprover(address)": {
    contracts: [ERC20_TOKEN],
    title: "That address cannot approve",
    explain: (a) => `The token refuses an approval from ${addr(a, "approver", 0)}.`,
    hint: () => "Approve from a real account: the zero address cannot approve.",
  },
  "ERC20InvalidSpender(address)": {
    contracts: [ERC20_TOKEN],
    title: "That address cannot be approved",
    explain: (a) => `The token refuses to approve ${addr(a, "spender", 0)} as a spender.`,
    argument: "strategy",
    hint: () => "Approve the strategy's address, not the zero address.",
  },
};

// ------------------------------------------------------------------ panics

/** Solidity's panic codes, in plain words. */
const PANICS: Readonly<Record<string, string>> = {
  "0": "The contract hit a generic compiler-inserted panic.",
  "1": "An assertion failed: the contract reached a state its code treats as impossible, which is a bug.",
  "17": "An arithmetic operation overflowed or underflowed: a number went beyond what the contract can hold, or below zero.",
  "18": "The contract divided by zero (or took a modulo by zero).",
  "33": "A value was converted to an enum it is not a member of.",
  "34": "A storage byte array is incorrectly encoded.",
  "49": "The contract called pop() on an empty array.",
  "50": "The contract read or wrote an array out of its bounds.",
  "65": "The contract allocated too much memory, or created an array too large.",
  "81": "The contract called an internal function that was never set.",
};

/** Panic codes (0x01 assert, 0x11 overflow, 0x12 division by zero, 0x21, 0x22, 0x31, 0x32 out of bounds, 0x41, 0x51) in plain words. */
export function explainPanic(code: bigint): string {
  return PANICS[code.toString()] ?? `The contract panicked with an unknown code (0x${code.toString(16)}).`;
}

// ------------------------------------------------------------------ docs

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Errors raised by this many contracts or more are listed once, in a table of their own. */
const COMMON_THRESHOLD = 3;

function table(rows: readonly (readonly [string, ErrorEntry])[], withContracts: boolean): string[] {
  const header = withContracts
    ? ["| Error | What happened | Raised by | What to do |", "| --- | --- | --- | --- |"]
    : ["| Error | What happened | What to do |", "| --- | --- | --- |"];
  return [
    ...header,
    ...rows.map(([signature, entry]) => {
      const cells = [`\`${signature}\``, entry.title];
      if (withContracts) cells.push(entry.contracts.join(", "));
      cells.push(entry.hint({}));
      return `| ${cells.map(escapeCell).join(" | ")} |`;
    }),
  ];
}

/**
 * The catalogue as markdown, for the SDK's README: one table of the errors many contracts share, then one table per
 * contract of its own errors (error, title, what to do).
 */
export function renderCatalogueMarkdown(): string {
  const entries = Object.entries(ERROR_CATALOGUE).sort(([a], [b]) => a.localeCompare(b));
  const common = entries.filter(([, entry]) => entry.contracts.length >= COMMON_THRESHOLD);
  const lines: string[] = [
    "## Contract errors",
    "",
    `Every custom error a Palisade contract (or a token, through one) can return: ${entries.length.toString()} in all. The SDK explains each in a sentence with its facts; the tables give the gist and what to do.`,
    "",
    "### Common to several contracts",
    "",
    ...table(common, true),
  ];
  for (const contract of CATALOGUE_CONTRACTS) {
    const own = entries.filter(
      ([, entry]) => entry.contracts.length < COMMON_THRESHOLD && entry.contracts.includes(contract),
    );
    const shared = common.filter(([, entry]) => entry.contracts.includes(contract)).map(([signature]) => signature);
    lines.push("", `### ${contract}`, "");
    if (own.length !== 0) lines.push(...table(own, false));
    if (shared.length !== 0) {
      if (own.length !== 0) lines.push("");
      const names = shared.map((signature) => `\`${signature.replace(/\(.*$/, "")}\``);
      lines.push(`Also the common error${names.length === 1 ? "" : "s"} ${names.join(", ")}.`);
    }
  }
  return `${lines.join("\n")}\n`;
}
