/**
 * The status commands' text for people: a staker's, an operator's and an AVS's state as tables. Pure functions of
 * the SDK's reads, so they are tested without a chain.
 */
import { ZeroAddress } from "ethers";

import { formatAmount, formatDuration, formatTimestamp, formatWad, shortAddress } from "../errors/format.js";
import type { AvsState } from "../read/avsState.js";
import type { OperatorState } from "../read/operatorState.js";
import type { SecurityReport } from "../read/securityReport.js";
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

/** A staker's delegation, positions (with each token's metadata, when read) and pending withdrawals. */
export function renderStakerStatus(
  state: StakerState,
  tokens: readonly (TokenInfo | undefined)[],
  now: bigint,
): string {
  const delegated =
    orNone(state.delegatedTo) === "none" ? "not delegated" : `${state.delegatedTo} (operator id ${state.operatorId})`;
  const sections = [
    `Staker ${state.staker}`,
    formatFields([
      ["delegated to", delegated],
      ["deposit nonce", String(state.depositNonce)],
    ]),
    "",
    "Positions",
    state.positions.length === 0
      ? "  none"
      : formatTable(
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
        ),
    "",
    "Withdrawals",
    state.withdrawals.length === 0
      ? "  none pending"
      : formatTable(
          ["root", "status", "matures", "strategies", "shares now", "tokens now"],
          state.withdrawals.map((info) => [
            info.root,
            info.status,
            formatTimestamp(info.withdrawal.maturity, now),
            info.withdrawal.strategies.map(shortAddress).join(", "),
            info.preview.shares.join(", "),
            info.preview.tokens.join(", "),
          ]),
        ),
  ];
  return sections.join("\n");
}

/** An operator's registration, stake, and allocations per operator set. */
export function renderOperatorStatus(state: OperatorState, now: bigint): string {
  const pending = state.pendingAllocationDelay;
  const sections = [
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
    state.stakes.length === 0
      ? "  none"
      : formatTable(
          ["strategy", "delegated shares", "slashing factor", "max magnitude", "allocated", "allocatable"],
          state.stakes.map((stake) => [
            stake.strategy,
            String(stake.delegatedShares),
            formatWad(stake.slashingFactor),
            formatWad(stake.maxMagnitude),
            formatWad(stake.encumberedMagnitude),
            formatWad(stake.allocatableMagnitude),
          ]),
        ),
  ];
  for (const set of state.sets) {
    const registration = set.registered
      ? "registered"
      : set.slashable
        ? `deregistered, slashable until ${formatTimestamp(set.slashableUntil, now)}`
        : "not registered";
    sections.push(
      "",
      `Set ${set.avs} / ${set.setId}: ${registration}`,
      set.allocations.length === 0
        ? "  no allocations"
        : formatTable(
            ["strategy", "in set", "allocated", "pending", "takes effect", "slashable shares", "at effect"],
            set.allocations.map((allocation) => [
              shortAddress(allocation.strategy),
              yesNo(allocation.inSet),
              formatWad(allocation.current),
              allocation.effectAt === 0n ? "-" : formatWad(allocation.pending),
              timeOrDash(allocation.effectAt, now),
              String(allocation.slashableShares),
              String(allocation.slashableSharesAtEffect),
            ]),
          ),
    );
  }
  return sections.join("\n");
}

/** An AVS's sets (configuration, strategies, members), and a set's security report when asked for. */
export function renderAvsStatus(state: AvsState, security: SecurityReport | undefined, now: bigint): string {
  const sections = [`AVS ${state.avs}`];
  if (state.sets.length === 0) sections.push("  no operator sets");
  for (const set of state.sets) {
    sections.push("", `Set ${set.setId}${set.exists ? "" : " (does not exist)"}`);
    if (!set.exists) continue;
    const pendingSlasher =
      set.slasherEffectAt === 0n ? "" : `; ${set.pendingSlasher} from ${formatTimestamp(set.slasherEffectAt, now)}`;
    sections.push(
      formatFields([
        ["slasher", `${set.slasher}${pendingSlasher}`],
        ["registrar", orNone(set.registrar)],
        [
          "slashed funds",
          orNone(set.redistributionRecipient) === "none" ? "burned" : `to ${set.redistributionRecipient}`,
        ],
      ]),
      "",
      set.strategies.length === 0
        ? "  no strategies"
        : formatTable(
            ["strategy", "slashable shares", "slashed, not released"],
            set.strategies.map((strategy, index) => [
              strategy,
              String(set.totalSlashableShares[index] ?? 0n),
              String(set.slashedSharesPending[index] ?? 0n),
            ]),
          ),
      "",
      set.members.length === 0
        ? "  no members"
        : formatTable(
            ["operator", "registered", "slashable", "slashable until", "slashable shares"],
            set.members.map((member) => [
              member.operator,
              yesNo(member.registered),
              yesNo(member.slashable),
              member.registered ? "-" : timeOrDash(member.slashableUntil, now),
              member.slashableShares.map(String).join(", "),
            ]),
          ),
    );
  }
  if (security !== undefined) {
    sections.push(
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
    );
  }
  return sections.join("\n");
}
