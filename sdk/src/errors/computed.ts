/**
 * The catalogue entries that compute their message rather than fill in a template: the paused action named from the
 * contract and its bit, a registrar's own error unwrapped, a request's status, the room left under a cap, a set's kind
 * told from its recipient. The sentences of every other Palisade error live in the NatSpec beside its declaration.
 */
import type { ErrorEntry, HandwrittenEntry } from "./entry.js";
import {
  addr,
  bits,
  type ErrorArgs,
  capitalise,
  clause,
  ident,
  int,
  isZeroAddress,
  num,
  pick,
  set,
  text,
  tokens,
  tokensOf,
  UNKNOWN,
} from "./facts.js";
import { formatInteger } from "./format.js";
import { explainPanic } from "./panic.js";
import { parseRevert, type RevertReason } from "./revertData.js";

/** What each pause bit stops, per contract (the bit is the index). */
const PAUSE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  StrategyManager: ["depositing", "depositing with a staker's signature"],
  WithdrawalQueue: ["queueing withdrawals and undelegations", "completing withdrawals"],
  OperatorRegistry: ["registering as an operator", "delegating", "undelegating"],
  AVSRegistry: ["registering in operator sets", "deregistering from operator sets"],
  AllocationManager: ["changing allocations"],
  SlashingCoordinator: ["slashing", "burning slashed funds", "releasing slashed funds to redistribution recipients"],
  StrategyFactory: ["deploying strategies"],
};

/** `IVetoSlasher.RequestStatus`, by value. */
const REQUEST_STATUSES = ["None", "Pending", "Vetoed", "Cancelled", "Executed"] as const;

// ------------------------------------------------------------------ nested revert data

/** The whole catalogue, which a registrar's own error is looked up in. */
export interface Catalogue {
  readonly entries: Readonly<Record<string, ErrorEntry>>;
}

/** What revert data nested in an error decodes to: `parseRevert`'s answer, with the catalogue's entry for an error. */
type DecodedRevert = Exclude<RevertReason, { kind: "error" }> | { kind: "known"; entry: ErrorEntry; args: ErrorArgs };

function decodeNested(data: string | undefined, catalogue: Catalogue): DecodedRevert {
  const reason = parseRevert(data ?? "0x");
  if (reason.kind !== "error") return reason;
  const entry = catalogue.entries[reason.signature];
  return entry === undefined
    ? { kind: "unknown", selector: (data ?? "").slice(0, 10).toLowerCase() }
    : { kind: "known", entry, args: reason.args };
}

// ------------------------------------------------------------------ the entries

/** The computed entries; `catalogue` gives the whole catalogue, to unwrap the errors of registrars. */
export function computedEntries(catalogue: () => Catalogue): Readonly<Record<string, HandwrittenEntry>> {
  return {
    "ActionPaused(uint8)": {
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
    "PauseReservedForOwner(address,uint256)": {
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
    "RegistrarRejected(address,bytes)": {
      title: "The operator set's registrar rejected the registration",
      explain: (a) => {
        const registrar = addr(a, "registrar", 0);
        const reason = decodeNested(text(a, "reason", 1), catalogue());
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
        const reason = decodeNested(text(a, "reason", 1), catalogue());
        return reason.kind === "known"
          ? reason.entry.hint(reason.args)
          : "The AVS's registrar decides who may join: meet its requirements (ask the AVS), then register in the set again.";
      },
    },
    "InsufficientGasForHook(uint256,uint256)": {
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
    "InvalidRedistributionRecipient(address,uint32,address,bool)": {
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
          ? "Name the recipient when scheduling the new slasher: a redistributing set keeps one for its whole life."
          : "Schedule the slasher without a recipient: a burning set takes none.",
    },
    "NothingToRelease(address,uint32,address,address)": {
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
        "Nothing to do if it was released already; funds slashed for a former recipient wait in that recipient's bucket (name that recipient in the release; the set's slashed funds show what waits).",
    },
    "TotalDepositCapExceeded(uint256,uint256,uint256)": {
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
    "RequestNotPending(uint256,uint8)": {
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
    "SetNotRedistributingToSlasher(address,uint32,address)": {
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
  };
}
