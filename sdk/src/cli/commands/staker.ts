/** `palisade staker`: deposit, delegate, undelegate, withdraw, complete withdrawals, and the staker's status. */
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
import { renderStakerStatus } from "../status.js";
import { runWrite, type PlannedTx } from "../write.js";
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

function registerDeposit(staker: PalisadeCommand, runtime: Runtime): void {
  staker
    .command("deposit")
    .description("deposit tokens into a strategy; the balance and the allowance are checked first")
    .requiredOption("--strategy <address>", "the strategy to deposit into")
    .requiredOption("--amount <tokens>", "how much, in tokens (the token's decimals are read from it)")
    .option("--raw", "--amount is in the token's base units")
    .option("--approve", "approve the strategy for exactly the amount first, when its allowance is short")
    .addHelpText("after", example(`palisade staker deposit --strategy ${STRATEGY} --amount 12.5 --approve`))
    .action(
      runtime.action<DepositOptions>(async (session, options) => {
        const strategy = parseAddress(options.strategy, "--strategy");
        const raw = options.raw === true;
        checkAmount(options.amount, "--amount", raw);
        const client = await session.connect("write");
        const ctx = client.context;
        // With --raw and --calldata nothing needs the token: the calldata is built without a read.
        const token = raw && session.settings.calldata ? undefined : await onChain(() => tokenOf(ctx, strategy));
        const amount = parseAmount(options.amount, "--amount", token?.decimals ?? 0, raw);
        const shown =
          token === undefined
            ? `${amount} base units`
            : `${formatAmount(amount, token.decimals)} ${token.symbol} (${amount} base units)`;
        const sender = await session.knownAddress();
        // The shortfall needs the sender; unknown (calldata without --from), an asked-for approval is always included.
        const shortfall =
          sender === undefined ? amount : await onChain(() => depositShortfall(ctx, sender, strategy, amount));
        if (shortfall > 0n && options.approve !== true && sender !== undefined) {
          throw new PreflightError(
            `The strategy may not pull ${shown}: the allowance is short by ${shortfall} base units.`,
            {
              argument: "--approve",
              hint: "Pass --approve to approve exactly the amount first (or approve the strategy yourself).",
            },
          );
        }
        const approve = options.approve === true && shortfall > 0n;
        const params = { strategy, amount };
        const txs: PlannedTx[] = [];
        if (approve) {
          txs.push({
            action: "approve",
            params: [
              ["token", token === undefined ? "the strategy's token" : `${token.symbol} ${token.address}`],
              ["spender", `${strategy} (the strategy)`],
              ["amount", shown],
            ],
            prepare: () => client.staker.prepareApprove(params),
            estimateGas: () => client.staker.estimateApproveGas(params),
          });
        }
        txs.push({
          action: "deposit",
          params: [
            ["strategy", strategy],
            ["amount", shown],
          ],
          prepare: () => client.staker.prepareDeposit(params),
          ...(approve ? {} : { estimateGas: () => client.staker.estimateDepositGas(params) }),
        });
        await runWrite(session, client, {
          title: "staker deposit",
          txs,
          sends: [
            async (send) => ({ action: "deposit", result: await client.staker.deposit({ ...params, approve }, send) }),
          ],
        });
      }),
    );
}

function registerDelegation(staker: PalisadeCommand, runtime: Runtime): void {
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
        await runWrite(session, client, {
          title: "staker delegate",
          txs: [
            {
              action: "delegate",
              params: [
                ["operator", operator],
                [
                  "approval",
                  approval === undefined ? "none" : `signed, expires ${formatTimestamp(approval.message.expiry)}`,
                ],
              ],
              prepare: () => client.staker.prepareDelegate(params),
              estimateGas: () => client.staker.estimateDelegateGas(params),
            },
          ],
          sends: [async (send) => ({ action: "delegate", result: await client.staker.delegate(params, send) })],
        });
      }),
    );

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
        const params = { staker };
        await runWrite(session, client, {
          title: "staker undelegate",
          txs: [
            {
              action: "undelegate",
              params: [["staker", staker]],
              prepare: () => client.staker.prepareUndelegate(params),
              estimateGas: () => client.staker.estimateUndelegateGas(params),
            },
          ],
          sends: [async (send) => ({ action: "undelegate", result: await client.staker.undelegate(params, send) })],
        });
      }),
    );
}

function registerWithdrawals(staker: PalisadeCommand, runtime: Runtime): void {
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
        const withdrawer = asked.includes("all") ? await session.sender("--shares all") : await session.knownAddress();
        const shares: bigint[] = [];
        for (const [index, strategy] of strategies.entries()) {
          const want = asked[index] ?? "all";
          if (withdrawer === undefined) {
            shares.push(want === "all" ? 0n : want);
            continue;
          }
          const available = await onChain(() =>
            client.context.contracts.strategyManager.withdrawableShares(withdrawer, strategy),
          );
          if (available === 0n || (want !== "all" && want > available)) {
            throw new InvalidArgumentError(
              `--shares: ${withdrawer} has ${available} withdrawable shares in ${strategy}${want === "all" ? "" : `, fewer than ${want}`}.`,
              { argument: "--shares", hint: "`palisade staker status` shows the staker's positions." },
            );
          }
          shares.push(want === "all" ? available : want);
        }
        const params = { requests: [{ strategies, shares }] };
        await runWrite(session, client, {
          title: "staker withdraw",
          txs: [
            {
              action: "queueWithdrawal",
              params: strategies.map(
                (strategy, index) => [`shares of ${strategy}`, String(shares[index] ?? 0n)] as const,
              ),
              prepare: () => client.staker.prepareQueueWithdrawal(params),
              estimateGas: () => client.staker.estimateQueueWithdrawalGas(params),
            },
          ],
          sends: [
            async (send) => ({ action: "queueWithdrawal", result: await client.staker.queueWithdrawal(params, send) }),
          ],
        });
      }),
    );

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
    .action(
      runtime.action<CompleteOptions>(async (session, options) => {
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
        const receiver = options.receiver === undefined ? undefined : parseAddress(options.receiver, "--receiver");
        const client = await session.connect("write");
        const staker = await session.sender("staker complete");
        const pending = await onChain(() => client.read.withdrawals({ staker }));
        let chosen: WithdrawalInfo[];
        if (allReady) {
          chosen = pending.filter((info) => info.status === "ready");
          if (chosen.length === 0) {
            const waiting = pending.filter((info) => info.status === "waiting");
            const next = waiting.map((info) => info.secondsToMaturity).sort((a, b) => (a < b ? -1 : 1))[0];
            const message = `No withdrawal of ${staker} is ready to complete${next === undefined ? "." : `; the next matures in ${formatDuration(next)}.`}`;
            if (session.settings.calldata) {
              // Calldata output stays JSON: no call to make.
              session.info(message);
              session.printJson([]);
            } else if (session.settings.json) {
              session.printJson({
                action: "completeWithdrawal",
                sent: false,
                reason: "no withdrawal is ready",
                waiting,
              });
            } else {
              session.print(message);
            }
            return;
          }
        } else {
          chosen = roots.map((root) => {
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
        const asTokens = options.asShares !== true;
        const params = {
          withdrawals: chosen.map((info) => info.withdrawal),
          asTokens,
          ...(receiver === undefined ? {} : { receiver }),
        };
        await runWrite(session, client, {
          title: "staker complete",
          txs: [
            {
              action: "completeWithdrawal",
              params: [
                ...chosen.map(
                  (info) =>
                    [
                      shortHex(info.root),
                      info.withdrawal.strategies
                        .map(
                          (strategy, index) =>
                            `${shortAddress(strategy)}: ${asTokens ? `${info.preview.tokens[index] ?? 0n} token base units` : `${info.preview.shares[index] ?? 0n} shares`}`,
                        )
                        .join(", "),
                    ] as const,
                ),
                ["paid as", asTokens ? "tokens" : "shares"],
                ["receiver", receiver ?? staker],
              ],
              prepare: () => client.staker.prepareCompleteWithdrawal(params),
              estimateGas: () => client.staker.estimateCompleteWithdrawalGas(params),
            },
          ],
          sends: [
            async (send) => ({
              action: "completeWithdrawal",
              result: await client.staker.completeWithdrawal(params, send),
            }),
          ],
        });
      }),
    );
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
  registerDelegation(staker, runtime);
  registerWithdrawals(staker, runtime);
  staker
    .command("status")
    .description(
      "a staker's delegation, positions, pending withdrawals, and risk flags: its operator's allocations to sets that pay slashed funds to a recipient",
    )
    .argument("[staker]", "the staker's address (default: --from, or the key's address)")
    .addHelpText("after", example(`palisade staker status ${OPERATOR}`))
    .action(runtime.action((session, _options, [address]) => printStakerStatus(session, address)));
}
