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
  const entry = Object.entries<string>(client.context.deployment.addresses).find(
    ([, known]) => known.toLowerCase() === address.toLowerCase(),
  );
  return entry?.[0];
}

/** The calldata of every planned transaction, for a multisig (--calldata): nothing is sent. */
async function printCalldata(session: Session, plan: WritePlan): Promise<void> {
  const calls: PreparedCall[] = [];
  for (const tx of plan.txs) calls.push(await tx.prepare());
  const plain = calls.map(({ to, data, value }) => ({ to, data, value }));
  session.printJson(plain.length === 1 && plan.many !== true ? plain[0] : plain);
}

/** One planned transaction as the confirmation shows it: the action, then its target, parameters, value and gas. */
async function describeTx(client: PalisadeClient, tx: PlannedTx, index: number): Promise<string[]> {
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
  return [`  ${index + 1}. ${tx.action}`, ...fields.map(([label, value]) => `       ${label.padEnd(width)}  ${value}`)];
}

/** Shows what will be sent and asks to go on (unless --yes); throws `CancelledError` on a no. */
async function confirmPlan(session: Session, client: PalisadeClient, plan: WritePlan): Promise<void> {
  const from = await session.sender(plan.title);
  const lines = [`${plan.title} on chain ${client.context.chainId}, from ${from}:`];
  for (const [index, tx] of plan.txs.entries()) lines.push(...(await describeTx(client, tx, index)));
  session.info(lines.join("\n"));
  if (session.settings.yes) return;
  const count = plan.txs.length === 1 ? "this transaction" : `these ${plan.txs.length} transactions`;
  if (!(await session.confirm(`Send ${count}?`))) throw new CancelledError();
}

/** Sends the plan's calls in order with a progress line; on a failure, says what was sent before it, then throws. */
async function sendAll(session: Session, plan: WritePlan): Promise<SentTx[]> {
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
    reportSentBeforeFailure(session, sent, error);
    throw error;
  }
  return sent;
}

/** What was sent before a failure stays sent: say so before the error (in --json, inside the error object). */
function reportSentBeforeFailure(session: Session, sent: readonly SentTx[], error: unknown): void {
  if (sent.length === 0) return;
  const plain = sent.map((tx) => plainResult(tx.action, tx.result));
  if (typeof error === "object" && error !== null) SENT_BEFORE_FAILURE.set(error, plain);
  if (!session.settings.json) {
    session.print(["Sent before the failure:", ...plain.flatMap((tx) => summaryLines(tx))].join("\n"));
  }
}

/** Runs `plan`: see the module comment. */
export async function runWrite(session: Session, client: PalisadeClient, plan: WritePlan): Promise<void> {
  const { settings } = session;
  if (settings.calldata) {
    await printCalldata(session, plan);
    return;
  }
  await confirmPlan(session, client, plan);
  const plain = (await sendAll(session, plan)).map((tx) => plainResult(tx.action, tx.result));
  if (settings.json) {
    session.printJson(plain.length === 1 && plan.many !== true ? plain[0] : { transactions: plain });
  } else {
    session.print(plain.flatMap((tx) => summaryLines(tx)).join("\n"));
  }
}

/** One SDK write as a command plans it: what the user checks before it is sent, and the call that sends it. */
export interface PlannedWrite {
  tx: PlannedTx;
  send: (options: SendOptions) => Promise<SentTx>;
}

/** The names of a client group's writes: `name` with its `prepareName` beside it (`client.staker`: `deposit`...). */
export type WriteName<G> = {
  [K in keyof G & string]: `prepare${Capitalize<K>}` extends keyof G ? K : never;
}[keyof G & string];

/** The parameters the write `name` of a client group takes. */
export type WriteParams<G, N extends keyof G> = G[N] extends (params: infer P, options?: SendOptions) => unknown
  ? P
  : never;

type Prepare<P> = (params: P) => Promise<PreparedCall>;
type Estimate<P> = (params: P) => Promise<bigint>;
type Send<P> = (params: P, options?: SendOptions) => Promise<WriteResult>;

/**
 * The write `action` of a client group (`client.operator`, `"allocate"`) with `params`, planned: its three forms
 * (`prepareAllocate`, `estimateAllocateGas`, `allocate`) bound to the parameters, and `shown` for the confirmation.
 */
export function plannedWrite<G extends object, N extends WriteName<G>>(
  group: G,
  action: N,
  params: WriteParams<G, N>,
  shown: PlannedTx["params"],
): PlannedWrite {
  const capitalised = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  // The client binds every write under these three names (`bindWrite`); `WriteName` admits only names that have them.
  const forms = group as unknown as Record<string, unknown>;
  const prepare = forms[`prepare${capitalised}`] as Prepare<WriteParams<G, N>>;
  const estimate = forms[`estimate${capitalised}Gas`] as Estimate<WriteParams<G, N>>;
  const send = forms[action] as Send<WriteParams<G, N>>;
  return {
    tx: { action, params: shown, prepare: () => prepare(params), estimateGas: () => estimate(params) },
    send: async (options) => ({ action, result: await send(params, options) }),
  };
}

/** Runs the planned writes in order under `title` (--json prints `{ transactions }` when `many`). */
export async function runWrites(
  session: Session,
  client: PalisadeClient,
  title: string,
  writes: readonly PlannedWrite[],
  options: { many?: boolean } = {},
): Promise<void> {
  await runWrite(session, client, {
    title,
    txs: writes.map((write) => write.tx),
    sends: writes.map((write) => write.send),
    ...(options.many === true ? { many: true } : {}),
  });
}

/**
 * When a command finds nothing to send: the reason on stderr and `[]` with --calldata (the output stays calldata),
 * `{ action, sent: false, reason, ...extra }` with --json, the message otherwise.
 */
export function reportNothingToSend(
  session: Session,
  nothing: { message: string; action: string; reason: string; extra?: Record<string, unknown> },
): void {
  if (session.settings.calldata) {
    session.info(nothing.message);
    session.printJson([]);
  } else if (session.settings.json) {
    session.printJson({ action: nothing.action, sent: false, reason: nothing.reason, ...nothing.extra });
  } else {
    session.print(nothing.message);
  }
}
