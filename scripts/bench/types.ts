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
};

/** The largest runtime bytecode we accept for any contract. */
export const MAX_RUNTIME_SIZE = 22_000;
