/**
 * The status commands' text for people: a staker's, an operator's and an AVS's state as tables. Pure functions of
 * the SDK's reads, so they are tested without a chain.
 */
import { ZeroAddress } from "ethers";

import { formatAmount, formatDuration, formatTimestamp, formatWad, shortAddress } from "../errors/format.js";
import type { AvsState } from "../read/avsState.js";
import type { WithdrawalDelay } from "../read/delays.js";
import type { OperatorState } from "../read/operatorState.js";
import type { RedistributionRisk, SelfDealing } from "../read/risks.js";
import type { SecurityReport } from "../read/securityReport.js";
import type { SettleableStrategy } from "../read/settleable.js";
import type { StakerState } from "../read/stakerState.js";
import { formatFields, formatTable } from "./table.js";

/** A token's display metadata, as the SDK's `tokenOf` gives it. */
export interface TokenInfo {
  address: string;
  symbol: string;
  decimals: number;
}

/** An address, or "none" for the zero address. */
export const orNone = (address: string): string => (address === ZeroAddress ? "none" : address);

const yesNo = (value: boolean): string => (value ? "yes" : "no");

/** A time on the chain's clock, or "-" for zero (never, nothing pending). */
const timeOrDash = (seconds: bigint, now: bigint): string => (seconds === 0n ? "-" : formatTimestamp(seconds, now));

/** Token metadata by strategy address (lower case), for amounts shown in tokens. */
export type TokensByStrategy = ReadonlyMap<string, TokenInfo>;

/** `amount` of `strategy`'s token, with its symbol when known, else in base units. */
function tokenAmount(amount: bigint, strategy: string, tokens: TokensByStrategy): string {
  const token = tokens.get(strategy.toLowerCase());
  return token === undefined ? `${amount} base units` : `${formatAmount(amount, token.decimals)} ${token.symbol}`;
}

/** `address`, with who it is when it is the operator or its approver. */
function party(address: string, risk: RedistributionRisk): string {
  const lower = address.toLowerCase();
  if (lower === risk.operator.toLowerCase()) return `${address} (THE OPERATOR ITSELF)`;
  if (lower === risk.delegationApprover.toLowerCase()) return `${address} (THE OPERATOR'S DELEGATION APPROVER)`;
  return address;
}

function roleList(selfDealing: readonly SelfDealing[]): string {
  const parts = selfDealing.map(
    (entry) => `${entry.party === "operator" ? "the operator itself" : "its delegation approver"} is its ${entry.role}`,
  );
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

/**
 * The risk flags of allocations to redistributing sets, loud when the operator (or its approver) is a set's slasher
 * or recipient: it can then take the stake it allocates there, its stakers' included.
 */
export function renderRisks(risks: readonly RedistributionRisk[], tokens: TokensByStrategy, now: bigint): string[] {
  if (risks.length === 0) return ["  none: no allocation to a set that pays its slashed funds to a recipient"];
  const lines: string[] = [];
  for (const risk of risks) {
    const where = `set ${risk.setId} of AVS ${risk.avs}`;
    lines.push(
      "",
      risk.severity === "critical"
        ? `  !!! DANGER: operator ${risk.operator} can slash its stakers' stake to itself: in ${where}, ${roleList(risk.selfDealing)}. Stake allocated there can be taken, not just burned: consider withdrawing before the allocations take effect.`
        : `  warning: operator ${risk.operator} allocates to ${where}, which pays its slashed funds to a recipient instead of burning them.`,
    );
    const pendingRecipient =
      risk.pendingRecipient === "0x0000000000000000000000000000000000000000" || risk.changesAt === 0n
        ? ""
        : `; from ${formatTimestamp(risk.changesAt, now)}: ${party(risk.pendingRecipient, risk)}`;
    const pendingSlasher =
      risk.pendingSlasher === "0x0000000000000000000000000000000000000000" || risk.changesAt === 0n
        ? ""
        : `; from ${formatTimestamp(risk.changesAt, now)}: ${party(risk.pendingSlasher, risk)}`;
    const registration = risk.registered
      ? risk.slashable
        ? "registered, slashable"
        : `registered, slashable from ${formatTimestamp(risk.slashableFrom, now)}`
      : "deregistered, still slashable";
    lines.push(
      formatFields(
        [
          ["set", `${risk.avs} / ${risk.setId}${risk.avsIsOperator ? " (the AVS is the operator itself)" : ""}`],
          ["recipient", `${party(risk.recipient, risk)}${pendingRecipient}`],
          ["slasher", `${party(risk.slasher, risk)}${pendingSlasher}`],
          ["operator", registration],
        ],
        "      ",
      ),
      formatTable(
        ["strategy", "allocated", "pending", "takes effect", "slashable now", "slashable at effect"],
        risk.allocations.map((allocation) => [
          shortAddress(allocation.strategy),
          formatWad(allocation.current),
          allocation.effectAt === 0n ? "-" : formatWad(allocation.pending),
          timeOrDash(allocation.effectAt, now),
          tokenAmount(allocation.slashableTokens, allocation.strategy, tokens),
          allocation.effectAt === 0n
            ? "-"
            : tokenAmount(allocation.slashableTokensAtEffect, allocation.strategy, tokens),
        ]),
      )
        .split("\n")
        .map((line) => `      ${line}`)
        .join("\n"),
    );
  }
  return lines;
}

/** A staker's positions, with each token's metadata when it was read. */
function positionsTable(state: StakerState, tokens: readonly (TokenInfo | undefined)[]): string {
  if (state.positions.length === 0) return "  none";
  return formatTable(
    ["strategy", "token", "scaled shares", "withdrawable shares", "underlying"],
    state.positions.map((position, index) => {
      const token = tokens[index];
      return [
        position.strategy,
        token?.symbol ?? shortAddress(position.token),
        String(position.scaledShares),
        String(position.withdrawableShares),
        token === undefined
          ? String(position.underlying)
          : `${formatAmount(position.underlying, token.decimals)} ${token.symbol}`,
      ];
    }),
  );
}

/** A staker's pending withdrawals. */
function withdrawalsTable(state: StakerState, now: bigint): string {
  if (state.withdrawals.length === 0) return "  none pending";
  return formatTable(
    ["root", "status", "matures", "strategies", "shares now", "tokens now"],
    state.withdrawals.map((info) => [
      info.root,
      info.status,
      formatTimestamp(info.withdrawal.maturity, now),
      info.withdrawal.strategies.map(shortAddress).join(", "),
      info.preview.shares.join(", "),
      info.preview.tokens.join(", "),
    ]),
  );
}

/**
 * A staker's delegation, positions (with each token's metadata, when read), pending withdrawals, the withdrawal
 * delay (when read) and the risk flags of its operator's allocations to redistributing sets.
 */
export function renderStakerStatus(
  state: StakerState,
  tokens: readonly (TokenInfo | undefined)[],
  now: bigint,
  context: { delay?: WithdrawalDelay; tokensByStrategy?: TokensByStrategy } = {},
): string {
  const delegated =
    orNone(state.delegatedTo) === "none" ? "not delegated" : `${state.delegatedTo} (operator id ${state.operatorId})`;
  const sections = [
    `Staker ${state.staker}`,
    formatFields([
      ["delegated to", delegated],
      ["deposit nonce", String(state.depositNonce)],
      ...(context.delay === undefined ? [] : [["withdrawal delay", describeDelay(context.delay, now)] as const]),
    ]),
    "",
    "Positions",
    positionsTable(state, tokens),
    "",
    "Withdrawals",
    withdrawalsTable(state, now),
  ];
  if (orNone(state.delegatedTo) !== "none") {
    const critical = state.risks.filter((risk) => risk.severity === "critical").length;
    sections.push(
      "",
      critical > 0
        ? `Risk flags: !!! ${critical} DANGER${critical === 1 ? "" : "S"}: your operator can slash your stake to itself`
        : "Risk flags: your operator's allocations to sets that redistribute slashed funds",
      ...renderRisks(state.risks, context.tokensByStrategy ?? new Map(), now),
    );
  }
  return sections.join("\n");
}

/** The delay in force, and governance's when a shortening is still gliding in. */
export function describeDelay(delay: WithdrawalDelay, now: bigint): string {
  const inForce = `${formatDuration(delay.delay)}: a withdrawal queued now matures ${formatTimestamp(delay.exitEnd, now)}`;
  return delay.delay === delay.governanceDelay
    ? inForce
    : `${inForce} (governance set ${formatDuration(delay.governanceDelay)}; windows already promised keep the longer one, no withdrawal matures before ${formatTimestamp(delay.maturityFloor, now)})`;
}

type OperatorSetState = OperatorState["sets"][number];

/** An operator's stake per strategy: delegated shares and how much of it is allocated. */
function stakeTable(state: OperatorState): string {
  if (state.stakes.length === 0) return "  none";
  return formatTable(
    ["strategy", "delegated shares", "slashing factor", "max magnitude", "allocated", "allocatable"],
    state.stakes.map((stake) => [
      stake.strategy,
      String(stake.delegatedShares),
      formatWad(stake.slashingFactor),
      formatWad(stake.maxMagnitude),
      formatWad(stake.encumberedMagnitude),
      formatWad(stake.allocatableMagnitude),
    ]),
  );
}

/** Where the operator stands in a set: registered or not, slashable since, from or until when. */
function describeRegistration(set: OperatorSetState, now: bigint): string {
  if (set.registered) {
    return set.slashable
      ? `registered, slashable since ${formatTimestamp(set.slashableFrom, now)}`
      : `registered, slashable from ${formatTimestamp(set.slashableFrom, now)}`;
  }
  return set.slashable ? `deregistered, slashable until ${formatTimestamp(set.slashableUntil, now)}` : "not registered";
}

/** A set's slasher and where its slashed funds go, each with what is scheduled to take over (none without a slasher). */
function setConfiguration(set: OperatorSetState, now: bigint): (readonly [string, string])[] {
  const { info } = set;
  if (info.slasher === ZeroAddress) return [];
  const scheduled = info.slasherEffectAt === 0n ? "" : ` from ${formatTimestamp(info.slasherEffectAt, now)}`;
  return [
    ["slasher", `${info.slasher}${info.pendingSlasher === ZeroAddress ? "" : `; ${info.pendingSlasher}${scheduled}`}`],
    [
      "slashed funds",
      info.redistributionRecipient === ZeroAddress
        ? "burned"
        : `to ${info.redistributionRecipient}${info.pendingRedistributionRecipient === ZeroAddress ? "" : `; to ${info.pendingRedistributionRecipient}${scheduled}`}`,
    ],
  ];
}

/** One of the operator's sets: its registration, configuration and the operator's allocations there. */
function renderOperatorSet(set: OperatorSetState, now: bigint): string[] {
  const config = setConfiguration(set, now);
  return [
    "",
    `Set ${set.avs} / ${set.setId}: ${describeRegistration(set, now)}`,
    ...(config.length === 0 ? [] : [formatFields(config)]),
    set.allocations.length === 0
      ? "  no allocations"
      : formatTable(
          ["strategy", "in set", "allocated", "pending", "takes effect", "slashable shares", "at effect"],
          set.allocations.map((allocation) => [
            shortAddress(allocation.strategy),
            allocation.inSet && allocation.strategySlashableFrom > now
              ? `yes, slashable from ${formatTimestamp(allocation.strategySlashableFrom, now)}`
              : yesNo(allocation.inSet),
            formatWad(allocation.current),
            allocation.effectAt === 0n ? "-" : formatWad(allocation.pending),
            timeOrDash(allocation.effectAt, now),
            String(allocation.slashableShares),
            String(allocation.slashableSharesAtEffect),
          ]),
        ),
  ];
}

/** Decreases that took effect and wait to be settled (nothing when there are none). */
function renderSettleable(settleable: readonly SettleableStrategy[], now: bigint): string[] {
  if (settleable.length === 0) return [];
  return [
    "",
    "Decreases that took effect, not settled yet (their magnitude is allocatable once settled: palisade operator settle)",
    formatTable(
      ["strategy", "freed", "set", "down to", "since"],
      settleable.flatMap((entry) =>
        entry.decreases.map((decrease) => [
          shortAddress(entry.strategy),
          formatWad(entry.unsettledMagnitude),
          `${shortAddress(decrease.avs)} / ${decrease.setId}`,
          formatWad(decrease.magnitude),
          formatTimestamp(decrease.effectAt, now),
        ]),
      ),
    ),
  ];
}

/** An operator's registration, stake, allocations per operator set, and decreases waiting to be settled. */
export function renderOperatorStatus(
  state: OperatorState,
  now: bigint,
  settleable: readonly SettleableStrategy[] = [],
): string {
  const pending = state.pendingAllocationDelay;
  return [
    `Operator ${state.operator}`,
    formatFields([
      [
        "registered",
        state.isOperator ? `yes, id ${state.operatorId}, since ${formatTimestamp(state.registeredAt, now)}` : "no",
      ],
      ["delegation approver", orNone(state.delegationApprover)],
      [
        "allocation delay",
        `${formatDuration(state.allocationDelay)}${pending === undefined ? "" : `; ${formatDuration(pending.delay)} from ${formatTimestamp(pending.effectAt, now)}`}`,
      ],
    ]),
    "",
    "Stake",
    stakeTable(state),
    ...state.sets.flatMap((set) => renderOperatorSet(set, now)),
    ...renderSettleable(settleable, now),
  ].join("\n");
}

type AvsSetState = AvsState["sets"][number];

/** A set's slasher, registrar and where its slashed funds go, with what is scheduled to take over. */
function avsSetConfiguration(set: AvsSetState, now: bigint): string {
  const scheduled = set.slasherEffectAt === 0n ? "" : ` from ${formatTimestamp(set.slasherEffectAt, now)}`;
  const pendingSlasher = set.slasherEffectAt === 0n ? "" : `; ${set.pendingSlasher}${scheduled}`;
  const redistributing = orNone(set.redistributionRecipient) !== "none";
  const pendingRecipient =
    set.slasherEffectAt === 0n || orNone(set.pendingRedistributionRecipient) === "none"
      ? ""
      : `; to ${set.pendingRedistributionRecipient}${scheduled}`;
  return formatFields([
    ["slasher", `${set.slasher}${pendingSlasher}`],
    ["registrar", orNone(set.registrar)],
    [
      "slashed funds",
      redistributing ? `to ${set.redistributionRecipient}, after an escrow${pendingRecipient}` : "burned",
    ],
  ]);
}

/** A set's strategies: when each became slashable, its slashable shares and its slashed funds waiting for release. */
function avsSetStrategies(set: AvsSetState, now: bigint): string {
  if (set.strategies.length === 0) return "  no strategies";
  return formatTable(
    ["strategy", "slashable from", "slashable shares", "slashed, not released", "releasable"],
    set.strategies.map((strategy, index) => {
      const from = set.strategySlashableFrom[index] ?? 0n;
      const pending = set.slashedSharesPending[index] ?? 0n;
      const releasableAt = set.slashedSharesReleasableAt[index] ?? 0n;
      return [
        strategy,
        from > now ? formatTimestamp(from, now) : "-",
        String(set.totalSlashableShares[index] ?? 0n),
        String(pending),
        pending === 0n ? "-" : releasableAt > now ? formatTimestamp(releasableAt, now) : "now",
      ];
    }),
  );
}

/** A set's members and how long each is slashable. */
function avsSetMembers(set: AvsSetState, now: bigint): string {
  if (set.members.length === 0) return "  no members";
  return formatTable(
    ["operator", "registered", "slashable", "slashable from", "slashable until", "slashable shares"],
    set.members.map((member) => [
      member.operator,
      yesNo(member.registered),
      yesNo(member.slashable),
      timeOrDash(member.slashableFrom, now),
      member.registered ? "-" : timeOrDash(member.slashableUntil, now),
      member.slashableShares.map(String).join(", "),
    ]),
  );
}

/** One of the AVS's sets (only its title when it does not exist). */
function renderAvsSet(set: AvsSetState, now: bigint): string[] {
  const title = ["", `Set ${set.setId}${set.exists ? "" : " (does not exist)"}`];
  if (!set.exists) return title;
  return [...title, avsSetConfiguration(set, now), "", avsSetStrategies(set, now), "", avsSetMembers(set, now)];
}

/** A set's security report: stake concentration per strategy, operators' stake elsewhere, and risk flags. */
function renderSecurity(security: SecurityReport, now: bigint, tokens: TokensByStrategy): string[] {
  const critical = security.risks.filter((risk) => risk.severity === "critical").length;
  return [
    "",
    `Security of set ${security.setId}: ${security.operatorCount} slashable operators`,
    formatTable(
      ["strategy", "slashable shares", "top operator", "top three", "operators for 1/3", "for 1/2"],
      security.strategies.map((strategy) => [
        strategy.strategy,
        String(strategy.totalSlashableShares),
        formatWad(strategy.topOperatorWad),
        formatWad(strategy.topThreeWad),
        String(strategy.operatorsForOneThird),
        String(strategy.operatorsForHalf),
      ]),
    ),
    "",
    formatTable(
      ["operator", "slashable shares", "also allocated elsewhere"],
      security.operators.map((operator) => [
        shortAddress(operator.operator),
        operator.slashableShares.map(String).join(", "),
        operator.allocatedElsewhereWad.map(formatWad).join(", "),
      ]),
    ),
    "",
    critical > 0
      ? `Risk flags: !!! ${critical} DANGER${critical === 1 ? "" : "S"}: operators that can slash their own stake to themselves (it secures nothing)`
      : "Risk flags: the operators' allocations to sets that redistribute slashed funds",
    ...renderRisks(security.risks, tokens, now),
  ];
}

/** An AVS's sets (configuration, strategies, members), and a set's security report when asked for. */
export function renderAvsStatus(
  state: AvsState,
  security: SecurityReport | undefined,
  now: bigint,
  tokens: TokensByStrategy = new Map(),
): string {
  return [
    `AVS ${state.avs}`,
    ...(state.sets.length === 0 ? ["  no operator sets"] : []),
    ...state.sets.flatMap((set) => renderAvsSet(set, now)),
    ...(security === undefined ? [] : renderSecurity(security, now, tokens)),
  ].join("\n");
}
