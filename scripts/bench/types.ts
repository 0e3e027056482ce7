import type { NetworkConnection } from "hardhat/types/network";

/** One measured user flow: its name in `reports/gas.json` and the `gasUsed` of its transaction receipt. */
export interface FlowMeasurement {
  name: string;
  gasUsed: bigint;
  /** What exactly was measured, printed under the table. */
  scenario: string;
}

/** A group of flows measured together on a fresh deployment. */
export type FlowGroup = (connection: NetworkConnection) => Promise<FlowMeasurement[]>;

/**
 * Targets from the issue tracker, as `receipt.gasUsed` on Hardhat's in-process network. A flow without a target
 * is reported without a verdict.
 */
export const GAS_TARGETS: Readonly<Record<string, bigint>> = {
  "deploy.total": 15_000_000n,
  "deposit.first": 120_000n,
  "deposit.repeat": 75_000n,
  "deposit.withSignature": 140_000n,
  "deposit.delegated": 90_000n,
  "operator.register": 70_000n,
  "staker.delegate": 80_000n,
  "staker.undelegate": 160_000n,
  "withdrawal.queue": 150_000n,
  "withdrawal.complete.tokens": 80_000n,
  "withdrawal.complete.shares": 100_000n,
  "avs.createOperatorSet": 130_000n,
  "operator.registerForSet": 100_000n,
  "operator.allocate": 130_000n,
  "slash.instant.1": 170_000n,
  "slash.veto.request": 150_000n,
  "slash.veto.execute": 190_000n,
  "slash.equivocation": 250_000n,
  "slash.release": 80_000n,
};

/**
 * Flows whose cost must not grow with the number of stakers or withdrawals: `flow` (the large case) may cost at most
 * `tolerancePercent` more than `base` (the small one).
 */
export const FLAT_FLOWS: readonly { flow: string; base: string; tolerancePercent: number }[] = [
  { flow: "slash.instant.1000", base: "slash.instant.1", tolerancePercent: 2 },
];

/** The largest runtime bytecode we accept for any contract. */
export const MAX_RUNTIME_SIZE = 22_000;

/**
 * Targets this design cannot meet, each with the measured ceiling `--check` still enforces (so the flow cannot
 * regress unnoticed) and the reason, also given in docs/ARCHITECTURE.md ("Gas"). A waived flow is printed as
 * "missed" beside its target, never as "ok".
 */
export const KNOWN_MISSES: Readonly<Record<string, { ceiling: bigint; reason: string }>> = {
  "operator.register": {
    ceiling: 93_000n,
    reason:
      "two fresh storage slots (the operator's record and its self-delegated staker header, 40,000 gas) plus the " +
      "transaction base (21,000) and two proxied contracts leave no design with self-delegation and an id index " +
      "under 70,000",
  },
  "withdrawal.complete.tokens": {
    ceiling: 82_500n,
    reason:
      "two cold proxied contracts (queue, manager), the strategy clone and its implementation, and the token cost " +
      "about 20,000 gas of cold account and implementation-slot reads before any work",
  },
  "deploy.total": {
    ceiling: 29_000_000n,
    reason:
      "the core's runtime bytecode (about 118 KB, mostly at 10,000 optimizer runs, the lens included) costs 200 gas a " +
      "byte to store; 15M needs about 65 KB, which fewer optimizer runs cannot reach without making the user flows " +
      "dearer than their targets (docs/ARCHITECTURE.md, Gas)",
  },
};
