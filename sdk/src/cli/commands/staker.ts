/** `palisade staker`: deposit, delegate, undelegate, withdraw, complete withdrawals, and the staker's status. */
import type { PalisadeContext } from "../../context.js";
import { InvalidArgumentError, PreflightError } from "../../errors/base.js";
import type { WithdrawalInfo } from "../../read/withdrawals.js";
import type { DelegationApproval, Signed } from "../../signatures/messages.js";
import { depositShortfall, tokenOf } from "../../staker/deposit.js";
import {
  formatAmount,
  formatDuration,
  formatTimestamp,
  formatUtcDate,
  shortAddress,
  shortHex,
} from "../../errors/format.js";
import { example, type PalisadeCommand } from "../command.js";
import {
  checkAmount,
  collect,
  pairWithStrategies,
  parseAddress,
  parseAddresses,
  parseAmount,
  parseBytes32,
  parseHexData,
  parsePositive,
  parseUint,
} from "../parse.js";
import type { Runtime, Session } from "../session.js";
import { renderStakerStatus, type TokenInfo } from "../status.js";
import { plannedWrite, reportNothingToSend, runWrite, runWrites } from "../write.js";
import { chainNow, onChain, readJsonFile, tokensOfStrategies } from "./shared.js";

const STRATEGY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OPERATOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A delegation approval signed by the operator's approver, from the JSON file `--approval` names. */
async function readApproval(file: string): Promise<Signed<DelegationApproval>> {
  const flag = "--approval";
  const value = await readJsonFile(file, flag);
  const record = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const message = (typeof record.message === "object" && record.message !== null ? record.message : {}) as Record<
    string,
    unknown
  >;
  const field = (name: string): string => {
    const item = message[name];
    if (typeof item !== "string" && typeof item !== "number") {
      throw new InvalidArgumentError(`${flag}: ${file} has no message.${name}.`, {
        argument: flag,
        hint: 'The file holds {"message": {"staker", "operator", "salt", "expiry"}, "signature"}.',
      });
    }
    return String(item);
  };
  if (typeof record.signature !== "string") {
    throw new InvalidArgumentError(`${flag}: ${file} has no signature.`, { argument: flag });
  }
  return {
    message: {
      staker: parseAddress(field("staker"), `${flag} message.staker`),
      operator: parseAddress(field("operator"), `${flag} message.operator`),
      salt: parseBytes32(field("salt"), `${flag} message.salt`),
      expiry: parseUint(field("expiry"), `${flag} message.expiry`),
    },
    signature: parseHexData(record.signature, `${flag} signature`),
    digest: typeof record.digest === "string" ? record.digest : "",
  };
}

interface DepositOptions {
  strategy: string;
  amount: string;
  raw?: boolean;
  approve?: boolean;
}

interface WithdrawOptions {
  strategy: string[];
  shares: string[];
}

interface CompleteOptions {
  root?: string[];
  allReady?: boolean;
  asShares?: boolean;
  receiver?: string;
}

/** The token amount as the confirmation shows it: in tokens when the token is known, always in base units. */
function shownAmount(amount: bigint, token: TokenInfo | undefined): string {
  return token === undefined
    ? `${amount} base units`
    : `${formatAmount(amount, token.decimals)} ${token.symbol} (${amount} base units)`;
}

/**
 * Whether the deposit needs an approval first: the allowance's shortfall, refused unless --approve. Unknown (calldata
 * without --from), an asked-for approval is always included.
 */
async function needsApproval(
  session: Session,
  ctx: PalisadeContext,
  deposit: { strategy: string; amount: bigint; shown: string; approve: boolean },
): Promise<boolean> {
  const sender = await session.knownAddress();
  const { strategy, amount } = deposit;
  const shortfall =
    sender === undefined ? amount : await onChain(() => depositShortfall(ctx, sender, strategy, amount));
  if (shortfall > 0n && !deposit.approve && sender !== undefined) {
    throw new PreflightError(
      `The strategy may not pull ${deposit.shown}: the allowance is short by ${shortfall} base units.`,
      {
        argument: "--approve",
        hint: "Pass --approve to approve exactly the amount first (or approve the strategy yourself).",
      },
    );
  }
  return deposit.approve && shortfall > 0n;
}

async function runDeposit(session: Session, options: DepositOptions): Promise<void> {
  const strategy = parseAddress(options.strategy, "--strategy");
  const raw = options.raw === true;
  checkAmount(options.amount, "--amount", raw);
  const client = await session.connect("write");
  const ctx = client.context;
  // With --raw and --calldata nothing needs the token: the calldata is built without a read.
  const token = raw && session.settings.calldata ? undefined : await onChain(() => tokenOf(ctx, strategy));
  const amount = parseAmount(options.amount, "--amount", token?.decimals ?? 0, raw);
  const shown = shownAmount(amount, token);
  const approve = await needsApproval(session, ctx, { strategy, amount, shown, approve: options.approve === true });
  const params = { strategy, amount };
  const approval = plannedWrite(client.staker, "approve", params, [
    ["token", token === undefined ? "the strategy's token" : `${token.symbol} ${token.address}`],
    ["spender", `${strategy} (the strategy)`],
    ["amount", shown],
  ]);
  const deposit = plannedWrite(client.staker, "deposit", { ...params, approve }, [
    ["strategy", strategy],
    ["amount", shown],
  ]);
  // The SDK's deposit sends its own approval first: two transactions to check, one call to send them. The deposit's
  // calldata is the same with or without the approval; its gas can only be estimated once the approval is mined.
  const depositAfterApproval = { action: deposit.tx.action, params: deposit.tx.params, prepare: deposit.tx.prepare };
  await runWrite(session, client, {
    title: "staker deposit",
    txs: approve ? [approval.tx, depositAfterApproval] : [deposit.tx],
    sends: [deposit.send],
  });
}

function registerDeposit(staker: PalisadeCommand, runtime: Runtime): void {
  staker
    .command("deposit")
    .description("deposit tokens into a strategy; the balance and the allowance are checked first")
    .requiredOption("--strategy <address>", "the strategy to deposit into")
    .requiredOption("--amount <tokens>", "how much, in tokens (the token's decimals are read from it)")
    .option("--raw", "--amount is in the token's base units")
    .option("--approve", "approve the strategy for exactly the amount first, when its allowance is short")
    .addHelpText("after", example(`palisade staker deposit --strategy ${STRATEGY} --amount 12.5 --approve`))
    .action(runtime.action<DepositOptions>(runDeposit));
}

function registerDelegate(staker: PalisadeCommand, runtime: Runtime): void {
  staker
    .command("delegate")
    .description("delegate all of the sender's stake to an operator")
    .requiredOption("--operator <address>", "a registered operator")
    .option(
      "--approval <file>",
      "the approval signed by the operator's delegation approver (JSON: {message: {staker, operator, salt, expiry}, signature})",
    )
    .addHelpText("after", example(`palisade staker delegate --operator ${OPERATOR}`))
    .action(
      runtime.action<{ operator: string; approval?: string }>(async (session, options) => {
        const operator = parseAddress(options.operator, "--operator");
        const approval = options.approval === undefined ? undefined : await readApproval(options.approval);
        const client = await session.connect("write");
        const params = { operator, ...(approval === undefined ? {} : { approval }) };
        await runWrites(session, client, "staker delegate", [
          plannedWrite(client.staker, "delegate", params, [
            ["operator", operator],
            [
              "approval",
              approval === undefined ? "none" : `signed, expires ${formatTimestamp(approval.message.expiry)}`,
            ],
          ]),
        ]);
      }),
    );
}

function registerUndelegate(staker: PalisadeCommand, runtime: Runtime): void {
  staker
    .command("undelegate")
    .description("undelegate: all of the staker's shares are queued for withdrawal")
    .option(
      "--staker <address>",
      "the staker to undelegate (default: the sender; an operator may force out its stakers)",
    )
    .addHelpText("after", example("palisade staker undelegate --yes"))
    .action(
      runtime.action<{ staker?: string }>(async (session, options) => {
        const given = options.staker === undefined ? undefined : parseAddress(options.staker, "--staker");
        const client = await session.connect("write");
        const staker = given ?? (await session.sender("staker undelegate"));
        await runWrites(session, client, "staker undelegate", [
          plannedWrite(client.staker, "undelegate", { staker }, [["staker", staker]]),
        ]);
      }),
    );
}

/**
 * The shares to withdraw from each strategy: as asked, or all the withdrawer has ("all"), checked against what it has
 * when the withdrawer is known (calldata without --from is built as asked, "all" needing the sender).
 */
async function sharesToWithdraw(
  session: Session,
  ctx: PalisadeContext,
  strategies: readonly string[],
  asked: readonly (bigint | "all")[],
): Promise<bigint[]> {
  const withdrawer = asked.includes("all") ? await session.sender("--shares all") : await session.knownAddress();
  const shares: bigint[] = [];
  for (const [index, strategy] of strategies.entries()) {
    const want = asked[index] ?? "all";
    if (withdrawer === undefined) {
      shares.push(want === "all" ? 0n : want);
      continue;
    }
    const available = await onChain(() => ctx.contracts.strategyManager.withdrawableShares(withdrawer, strategy));
    if (available === 0n || (want !== "all" && want > available)) {
      throw new InvalidArgumentError(
        `--shares: ${withdrawer} has ${available} withdrawable shares in ${strategy}${want === "all" ? "" : `, fewer than ${want}`}.`,
        { argument: "--shares", hint: "`palisade staker status` shows the staker's positions." },
      );
    }
    shares.push(want === "all" ? available : want);
  }
  return shares;
}

function registerWithdraw(staker: PalisadeCommand, runtime: Runtime): void {
  staker
    .command("withdraw")
    .description("queue a withdrawal of shares; it completes after the withdrawal delay (staker complete)")
    .requiredOption("--strategy <address>", "a strategy to withdraw from (repeatable)", collect)
    .requiredOption("--shares <n|all>", "shares to withdraw, or all (one for every --strategy, or one each)", collect)
    .addHelpText("after", example(`palisade staker withdraw --strategy ${STRATEGY} --shares all`))
    .action(
      runtime.action<WithdrawOptions>(async (session, options) => {
        const strategies = parseAddresses(options.strategy, "--strategy");
        const asked = pairWithStrategies(strategies, options.shares, "--shares").map((value) =>
          value.trim().toLowerCase() === "all"
            ? "all"
            : parsePositive(value, "--shares", "a whole number of shares, or all"),
        );
        const client = await session.connect("write");
        const shares = await sharesToWithdraw(session, client.context, strategies, asked);
        await runWrites(session, client, "staker withdraw", [
          plannedWrite(
            client.staker,
            "queueWithdrawal",
            { requests: [{ strategies, shares }] },
            strategies.map((strategy, index) => [`shares of ${strategy}`, String(shares[index] ?? 0n)] as const),
          ),
        ]);
      }),
    );
}

/** The ready withdrawals `--all-ready` completes; none ready, says so (with when the next matures) and returns none. */
function readyWithdrawals(session: Session, staker: string, pending: readonly WithdrawalInfo[]): WithdrawalInfo[] {
  const chosen = pending.filter((info) => info.status === "ready");
  if (chosen.length > 0) return chosen;
  const waiting = pending.filter((info) => info.status === "waiting");
  const next = waiting.map((info) => info.secondsToMaturity).sort((a, b) => (a < b ? -1 : 1))[0];
  reportNothingToSend(session, {
    message: `No withdrawal of ${staker} is ready to complete${next === undefined ? "." : `; the next matures in ${formatDuration(next)}.`}`,
    action: "completeWithdrawal",
    reason: "no withdrawal is ready",
    extra: { waiting },
  });
  return [];
}

/** The pending withdrawals with the given roots, each of them ready. */
function withdrawalsByRoot(
  staker: string,
  pending: readonly WithdrawalInfo[],
  roots: readonly string[],
): WithdrawalInfo[] {
  return roots.map((root) => {
    const info = pending.find((candidate) => candidate.root.toLowerCase() === root);
    if (info === undefined) {
      throw new InvalidArgumentError(`--root: ${staker} has no pending withdrawal with root ${root}.`, {
        argument: "--root",
        hint: "It may be completed already, or queued by another staker: see `palisade staker status`.",
      });
    }
    if (info.status === "waiting") {
      throw new PreflightError(
        `Withdrawal ${root} is not ready: it matures at ${formatUtcDate(info.withdrawal.maturity)}, in ${formatDuration(info.secondsToMaturity)} of chain time.`,
        { argument: "--root", hint: "Complete it after it matures." },
      );
    }
    return info;
  });
}

/** The roots `staker complete` was given (none with --all-ready); one of the two is needed. */
function completeRoots(options: CompleteOptions): string[] {
  const roots = (options.root ?? []).map((root) => parseBytes32(root, "--root"));
  const allReady = options.allReady === true;
  if (roots.length === 0 && !allReady) {
    throw new InvalidArgumentError("Say which withdrawals to complete: --root <root> or --all-ready.", {
      argument: "--root",
      hint: "`palisade staker status` lists the staker's withdrawals and their roots.",
    });
  }
  if (roots.length > 0 && allReady) {
    throw new InvalidArgumentError("--root and --all-ready are exclusive.", { argument: "--all-ready" });
  }
  return roots;
}

/** A withdrawal as the confirmation shows it: its root, and what each strategy pays. */
function shownWithdrawal(info: WithdrawalInfo, asTokens: boolean): readonly [string, string] {
  const payouts = info.withdrawal.strategies.map(
    (strategy, index) =>
      `${shortAddress(strategy)}: ${asTokens ? `${info.preview.tokens[index] ?? 0n} token base units` : `${info.preview.shares[index] ?? 0n} shares`}`,
  );
  return [shortHex(info.root), payouts.join(", ")];
}

async function runComplete(session: Session, options: CompleteOptions): Promise<void> {
  const roots = completeRoots(options);
  const receiver = options.receiver === undefined ? undefined : parseAddress(options.receiver, "--receiver");
  const client = await session.connect("write");
  const staker = await session.sender("staker complete");
  const pending = await onChain(() => client.read.withdrawals({ staker }));
  const chosen =
    options.allReady === true ? readyWithdrawals(session, staker, pending) : withdrawalsByRoot(staker, pending, roots);
  if (chosen.length === 0) return;
  const asTokens = options.asShares !== true;
  const params = {
    withdrawals: chosen.map((info) => info.withdrawal),
    asTokens,
    ...(receiver === undefined ? {} : { receiver }),
  };
  await runWrites(session, client, "staker complete", [
    plannedWrite(client.staker, "completeWithdrawal", params, [
      ...chosen.map((info) => shownWithdrawal(info, asTokens)),
      ["paid as", asTokens ? "tokens" : "shares"],
      ["receiver", receiver ?? staker],
    ]),
  ]);
}

function registerComplete(staker: PalisadeCommand, runtime: Runtime): void {
  staker
    .command("complete")
    .description("complete queued withdrawals that have matured, as tokens (default) or as shares")
    .option("--root <root>", "a queued withdrawal's root (repeatable)", collect)
    .option("--all-ready", "every withdrawal of the staker that is ready")
    .option("--as-shares", "re-credit the shares (delegated to the staker's operator) instead of paying tokens")
    .option("--receiver <address>", "where tokens go (default: the staker)")
    .addHelpText(
      "after",
      example("palisade staker complete --all-ready", "palisade staker complete --root 0x… --as-shares"),
    )
    .action(runtime.action<CompleteOptions>(runComplete));
}

async function printStakerStatus(session: Session, address: string | undefined): Promise<void> {
  const given = address === undefined ? undefined : parseAddress(address, "staker");
  const client = await session.connect("read");
  const staker = given ?? (await session.sender("staker status without an address"));
  const [state, delay, now] = await Promise.all([
    onChain(() => client.read.stakerState({ staker })),
    onChain(() => client.read.withdrawalDelay()),
    chainNow(client.context),
  ]);
  if (session.settings.json) {
    // Raw values: the risk flags as the SDK reads them, bigints as decimal strings.
    session.printJson({ ...state, withdrawalDelay: delay });
    return;
  }
  const tokens = await Promise.all(
    state.positions.map((position) => onChain(() => tokenOf(client.context, position.strategy))),
  );
  const tokensByStrategy = await tokensOfStrategies(
    client.context,
    state.risks.flatMap((risk) => risk.allocations.map((allocation) => allocation.strategy)),
  );
  session.print(renderStakerStatus(state, tokens, now, { delay, tokensByStrategy }));
}

export function stakerCommand(program: PalisadeCommand, runtime: Runtime): void {
  const staker = program
    .command("staker")
    .description("stake: deposit, delegate, withdraw, and see a staker's positions")
    .addHelpText(
      "after",
      example(
        `palisade staker deposit --strategy ${STRATEGY} --amount 10 --approve`,
        `palisade staker delegate --operator ${OPERATOR}`,
        "palisade staker status",
      ),
    );
  registerDeposit(staker, runtime);
  registerDelegate(staker, runtime);
  registerUndelegate(staker, runtime);
  registerWithdraw(staker, runtime);
  registerComplete(staker, runtime);
  staker
    .command("status")
    .description(
      "a staker's delegation, positions, pending withdrawals, and risk flags: its operator's allocations to sets that pay slashed funds to a recipient",
    )
    .argument("[staker]", "the staker's address (default: --from, or the key's address)")
    .addHelpText("after", example(`palisade staker status ${OPERATOR}`))
    .action(runtime.action((session, _options, [address]) => printStakerStatus(session, address)));
}
