/**
 * Every write the CLI makes goes through here: print the calldata (--calldata), or show what will be sent with its
 * gas estimate, ask for confirmation (unless --yes), send with a progress line, and summarise what happened.
 */
import type { PalisadeClient } from "../client.js";
import { formatInteger } from "../errors/format.js";
import type { PreparedCall, SendOptions, WriteProgress, WriteResult } from "../tx/write.js";
import { CancelledError, SENT_BEFORE_FAILURE } from "./errors.js";
import { plainResult, summaryLines } from "./render.js";
import type { Session } from "./session.js";

/** One transaction a command will send, as the user sees it before confirming. */
export interface PlannedTx {
  /** The SDK action (`deposit`, `allocate`...). */
  action: string;
  /** What to check before sending, in order: label and value. */
  params: (readonly [string, string])[];
  prepare: () => Promise<PreparedCall>;
  /** Omitted when the transaction can only be estimated once those before it are mined (a deposit after its approval). */
  estimateGas?: () => Promise<bigint>;
}

/** A sent transaction: the SDK action and its result (with the action's own fields). */
export interface SentTx {
  action: string;
  result: WriteResult;
}

export interface WritePlan {
  /** The command, for the prompt and the progress line (`staker deposit`). */
  title: string;
  /** What will be sent, in order (the calldata printed by --calldata). */
  txs: PlannedTx[];
  /**
   * The SDK calls that send it, in order. Usually one per planned transaction; one call may send two (the SDK's
   * deposit sends its own approval first).
   */
  sends: ((options: SendOptions) => Promise<SentTx>)[];
  /** The command may send several transactions: --json prints `{ transactions: [...] }` even for one. */
  many?: boolean;
}

function describeProgress(progress: WriteProgress): string {
  switch (progress.stage) {
    case "checking":
      return "checking…";
    case "simulating":
      return "simulating…";
    case "sending":
      return "sending…";
    case "sent":
      return `sent ${progress.hash}, waiting for it to be mined…`;
    case "confirming":
      return `mined, ${progress.confirmations} of ${progress.target} confirmations…`;
    case "confirmed":
      return `confirmed in block ${progress.blockNumber}`;
  }
}

/** The progress line on stderr: redrawn in place on a terminal, one line per stage otherwise; none with --json. */
class ProgressLine {
  #drawn = false;

  constructor(
    private readonly session: Session,
    private readonly title: string,
  ) {}

  update(progress: WriteProgress): void {
    const { io, settings } = this.session;
    if (settings.json) return;
    const text = `${this.title}: ${describeProgress(progress)}`;
    if (io.isTTY) {
      io.stderr(`\r\x1b[2K${text}`);
      this.#drawn = true;
    } else {
      io.stderr(`${text}\n`);
    }
  }

  clear(): void {
    if (this.#drawn) this.session.io.stderr("\r\x1b[2K");
    this.#drawn = false;
  }
}

/** The name of a deployment contract at `address`, for the confirmation. */
function contractName(client: PalisadeClient, address: string): string | undefined {
  const entry = (Object.entries(client.context.deployment.addresses) as [string, string][]).find(
    ([, known]) => known.toLowerCase() === address.toLowerCase(),
  );
  return entry?.[0];
}

/** Runs `plan`: see the module comment. */
export async function runWrite(session: Session, client: PalisadeClient, plan: WritePlan): Promise<void> {
  const { settings } = session;
  if (settings.calldata) {
    const calls: PreparedCall[] = [];
    for (const tx of plan.txs) calls.push(await tx.prepare());
    const plain = calls.map(({ to, data, value }) => ({ to, data, value }));
    session.printJson(plain.length === 1 && plan.many !== true ? plain[0] : plain);
    return;
  }

  const from = await session.sender(plan.title);
  const lines = [`${plan.title} on chain ${client.context.chainId}, from ${from}:`];
  for (const [index, tx] of plan.txs.entries()) {
    const call = await tx.prepare();
    const name = contractName(client, call.to);
    let gas = "estimated once the transaction before it is mined";
    if (tx.estimateGas !== undefined) gas = `${formatInteger(await tx.estimateGas())} (estimated)`;
    const fields: (readonly [string, string])[] = [
      ["to", name === undefined ? call.to : `${call.to} (${name})`],
      ...tx.params,
      ...(call.value === 0n ? [] : [["value", `${call.value} wei`] as const]),
      ["gas", gas],
    ];
    const width = Math.max(...fields.map(([label]) => label.length));
    lines.push(
      `  ${index + 1}. ${tx.action}`,
      ...fields.map(([label, value]) => `       ${label.padEnd(width)}  ${value}`),
    );
  }
  session.info(lines.join("\n"));
  if (!settings.yes) {
    const count = plan.txs.length === 1 ? "this transaction" : `these ${plan.txs.length} transactions`;
    if (!(await session.confirm(`Send ${count}?`))) throw new CancelledError();
  }

  const progress = new ProgressLine(session, plan.title);
  const sent: SentTx[] = [];
  try {
    for (const send of plan.sends) {
      sent.push(
        await send({
          onProgress: (stage) => {
            progress.update(stage);
          },
        }),
      );
      progress.clear();
    }
  } catch (error) {
    progress.clear();
    // What was sent before the failure stays sent: say so before the error (in --json, inside the error object).
    if (sent.length > 0 && typeof error === "object" && error !== null) {
      SENT_BEFORE_FAILURE.set(
        error,
        sent.map((tx) => plainResult(tx.action, tx.result)),
      );
    }
    if (sent.length > 0 && !settings.json) {
      session.print(
        ["Sent before the failure:", ...sent.flatMap((tx) => summaryLines(plainResult(tx.action, tx.result)))].join(
          "\n",
        ),
      );
    }
    throw error;
  }
  const plain = sent.map((tx) => plainResult(tx.action, tx.result));
  if (settings.json) {
    session.printJson(plain.length === 1 && plan.many !== true ? plain[0] : { transactions: plain });
  } else {
    session.print(plain.flatMap((tx) => summaryLines(tx)).join("\n"));
  }
}
