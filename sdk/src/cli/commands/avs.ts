/** `palisade avs`: register an AVS, create and extend operator sets, slash, veto, release, and the AVS's status. */
import { Option } from "commander";

import { buildEquivocationEvidence, type EquivocationEvidence } from "../../avs/reportEquivocation.js";
import { ZeroAddress } from "ethers";

import { InvalidArgumentError, PreflightError } from "../../errors/base.js";
import type { SlashedFunds } from "../../read/slashedFunds.js";
import type { Attestation, Signed } from "../../signatures/messages.js";
import { formatAmount, formatDuration, formatTimestamp, formatUtcDate, formatWad } from "../../errors/format.js";
import { strategyAt } from "../../contracts.js";
import { tokenOf } from "../../staker/deposit.js";
import { example, type PalisadeCommand } from "../command.js";
import {
  collect,
  pairWithStrategies,
  parseAddress,
  parseAddresses,
  parseBytes32,
  parseFraction,
  parseHexData,
  parseSetId,
  parseSetIds,
  parseUint,
} from "../parse.js";
import type { Runtime, Session } from "../session.js";
import { renderAvsStatus } from "../status.js";
import { plannedWrite, runWrites, type PlannedWrite } from "../write.js";
import { chainNow, onChain, readJsonFile, tokensOfStrategies } from "./shared.js";

const AVS = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const STRATEGY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const SLASHER = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
const OPERATOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

const SLASH_KINDS = ["instant", "veto", "equivocation"] as const;
type SlashKind = (typeof SLASH_KINDS)[number];

interface CreateSetOptions {
  set: string;
  strategy: string[];
  slasher: string;
  registrar?: string;
  redistributionRecipient?: string;
}

interface SlashOptions {
  slasher: string;
  kind: SlashKind;
  operator?: string;
  strategy?: string[];
  wad?: string[];
  description?: string;
  execute?: boolean;
  request?: string;
  evidence?: string;
}

interface StatusOptions {
  set?: string[];
  report?: boolean;
}

/** Refuses flags that do not apply to what was asked, rather than ignoring them. */
function refuse(flags: Record<string, unknown>, reason: string): void {
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined) throw new InvalidArgumentError(`${flag} does not apply: ${reason}.`, { argument: flag });
  }
}

/** A flag the chosen kind of slash needs. */
function need<T>(value: T | undefined, flag: string, kind: string): T {
  if (value === undefined) throw new InvalidArgumentError(`${flag} is required for ${kind}.`, { argument: flag });
  return value;
}

/** Two signed attestations from `--evidence`: `[{height, payloadHash, signature}, {...}]` or `{attestations: [...]}`. */
async function readEvidence(file: string): Promise<EquivocationEvidence> {
  const flag = "--evidence";
  const value = await readJsonFile(file, flag);
  const list = Array.isArray(value)
    ? (value as unknown[])
    : ((value as { attestations?: unknown } | null)?.attestations as unknown[] | undefined);
  if (!Array.isArray(list) || list.length !== 2) {
    throw new InvalidArgumentError(`${flag}: ${file} does not hold two attestations.`, {
      argument: flag,
      hint: 'Write [{"height": 7, "payloadHash": "0x…", "signature": "0x…"}, {…}]: two payloads signed for one height.',
    });
  }
  const attestations = list.map((item, index): Signed<Attestation> => {
    const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const where = `${flag} [${index}]`;
    const { height, payloadHash, signature } = record;
    if (typeof height !== "string" && typeof height !== "number") {
      throw new InvalidArgumentError(`${where}: no height.`, { argument: flag });
    }
    if (typeof payloadHash !== "string" || typeof signature !== "string") {
      throw new InvalidArgumentError(`${where}: needs a payloadHash and a signature.`, { argument: flag });
    }
    return {
      message: {
        height: parseUint(String(height), `${where}.height`),
        payloadHash: parseBytes32(payloadHash, `${where}.payloadHash`),
      },
      signature: parseHexData(signature, `${where}.signature`),
      // The evidence is the message and its signature; the digest is the contract's to recompute.
      digest: "",
    };
  });
  const [a, b] = attestations;
  if (a === undefined || b === undefined)
    throw new InvalidArgumentError(`${flag}: two attestations needed.`, { argument: flag });
  return buildEquivocationEvidence(a, b);
}

function registerAvs(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("register")
    .description("register the sender as an AVS")
    .requiredOption("--metadata-uri <uri>", "a URI to the AVS's metadata")
    .addHelpText("after", example("palisade avs register --metadata-uri https://oracle.example/avs.json"))
    .action(
      runtime.action<{ metadataUri: string }>(async (session, options) => {
        const client = await session.connect("write");
        await runWrites(session, client, "avs register", [
          plannedWrite(client.avs, "registerAVS", { metadataURI: options.metadataUri }, [
            ["metadata URI", options.metadataUri],
          ]),
        ]);
      }),
    );
}

async function runCreateSet(session: Session, options: CreateSetOptions): Promise<void> {
  const setId = parseSetId(options.set, "--set");
  const strategies = parseAddresses(options.strategy, "--strategy");
  const slasher = parseAddress(options.slasher, "--slasher");
  const registrar = options.registrar === undefined ? undefined : parseAddress(options.registrar, "--registrar");
  const recipient =
    options.redistributionRecipient === undefined
      ? undefined
      : parseAddress(options.redistributionRecipient, "--redistribution-recipient");
  const client = await session.connect("write");
  const params = {
    setId,
    strategies,
    slasher,
    ...(registrar === undefined ? {} : { registrar }),
    ...(recipient === undefined ? {} : { redistributionRecipient: recipient }),
  };
  await runWrites(session, client, "avs create-set", [
    plannedWrite(client.avs, "createOperatorSet", params, [
      ["set", String(setId)],
      ["strategies", strategies.join(", ")],
      ["slasher", slasher],
      ["registrar", registrar ?? "none"],
      ["slashed funds", recipient === undefined ? "burned" : `to ${recipient}`],
    ]),
  ]);
}

function registerCreateSet(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("create-set")
    .description("create one of the sender's operator sets: its strategies, slasher, and optional hook and recipient")
    .requiredOption("--set <id>", "the new set's id")
    .requiredOption("--strategy <address>", "a strategy the set may slash (repeatable)", collect)
    .requiredOption("--slasher <address>", "the account or contract allowed to slash in the set")
    .option("--registrar <address>", "a registrar hook called on every registration and deregistration")
    .option("--redistribution-recipient <address>", "where slashed funds go (default: burned); fixed at creation")
    .addHelpText("after", example(`palisade avs create-set --set 1 --strategy ${STRATEGY} --slasher ${SLASHER}`))
    .action(runtime.action<CreateSetOptions>(runCreateSet));
}

function registerAddStrategy(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("add-strategy")
    .description("add strategies to one of the sender's operator sets")
    .requiredOption("--set <id>", "the set's id")
    .requiredOption("--strategy <address>", "a strategy to add (repeatable)", collect)
    .addHelpText("after", example(`palisade avs add-strategy --set 1 --strategy ${STRATEGY}`))
    .action(
      runtime.action<{ set: string; strategy: string[] }>(async (session, options) => {
        const setId = parseSetId(options.set, "--set");
        const strategies = parseAddresses(options.strategy, "--strategy");
        const client = await session.connect("write");
        await runWrites(session, client, "avs add-strategy", [
          plannedWrite(client.avs, "addStrategies", { setId, strategies }, [
            ["set", String(setId)],
            ["strategies", strategies.join(", ")],
          ]),
        ]);
      }),
    );
}

async function runScheduleSlasher(
  session: Session,
  options: { set: string; slasher: string; recipient?: string },
): Promise<void> {
  const setId = parseSetId(options.set, "--set");
  const slasher = parseAddress(options.slasher, "--slasher");
  const given = options.recipient === undefined ? undefined : parseAddress(options.recipient, "--recipient");
  const client = await session.connect("write");
  const avsAddress = await session.sender("avs schedule-slasher");
  const [info, delay] = await Promise.all([
    onChain(() => client.context.contracts.avsRegistry.operatorSetInfo({ avs: avsAddress, id: setId })),
    onChain(() => client.read.withdrawalDelay()),
  ]);
  const burning = info.redistributionRecipient === ZeroAddress;
  if (burning && given !== undefined && given !== ZeroAddress) {
    throw new InvalidArgumentError(
      `--recipient: set ${setId} burns its slashed funds for its whole life, so it takes no recipient.`,
      { argument: "--recipient", hint: "Leave --recipient out for a burning set." },
    );
  }
  const recipient = given ?? info.redistributionRecipient;
  // The notice: one second after a withdrawal queued now matures.
  const effectAt = delay.exitEnd + 1n;
  await runWrites(session, client, "avs schedule-slasher", [
    plannedWrite(client.avs, "scheduleSlasher", { setId, slasher, recipient, avs: avsAddress }, [
      ["set", `${avsAddress} / ${setId}`],
      ["slasher", `${info.slasher} → ${slasher}`],
      [
        "slashed funds",
        burning
          ? "burned (a burning set stays burning)"
          : `to ${info.redistributionRecipient} → ${recipient}${given === undefined ? " (kept)" : ""}`,
      ],
      ["takes effect", formatTimestamp(effectAt, delay.now)],
    ]),
  ]);
}

/** `avs schedule-slasher`: a new slasher for one of the sender's sets, with the recipient that takes over with it. */
function registerScheduleSlasher(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("schedule-slasher")
    .description(
      "schedule a new slasher (and, for a redistributing set, its recipient) for one of the sender's sets; both take over after the notice",
    )
    .requiredOption("--set <id>", "the set's id")
    .requiredOption("--slasher <address>", "the new slasher")
    .option(
      "--recipient <address>",
      "the redistribution recipient from then on (default: the set's recipient in force; a burning set takes none)",
    )
    .addHelpText(
      "after",
      example(
        `palisade avs schedule-slasher --set 1 --slasher ${SLASHER}`,
        `palisade avs schedule-slasher --set 2 --slasher ${SLASHER} --recipient ${SLASHER}`,
      ),
    )
    .action(runtime.action<{ set: string; slasher: string; recipient?: string }>(runScheduleSlasher));
}

/** A slash as `avs slash` plans it: the title for the prompt and the one write it sends. */
interface SlashPlan {
  title: string;
  write: PlannedWrite;
}

/** `--kind equivocation`: the evidence alone proves the offence. */
async function equivocationSlash(session: Session, slasher: string, options: SlashOptions): Promise<SlashPlan> {
  refuse(
    {
      "--operator": options.operator,
      "--strategy": options.strategy,
      "--wad": options.wad,
      "--description": options.description,
      "--execute": options.execute,
      "--request": options.request,
    },
    "an equivocation slash is proven by --evidence alone (the slasher knows the operator and strategies)",
  );
  const evidence = await readEvidence(need(options.evidence, "--evidence", "--kind equivocation"));
  const client = await session.connect("write");
  return {
    title: "avs slash (equivocation)",
    write: plannedWrite(client.avs, "reportEquivocation", { slasher, evidence }, [
      ["slasher", slasher],
      ["height", String(evidence.height)],
      ["payload A", evidence.payloadHashA],
      ["payload B", evidence.payloadHashB],
    ]),
  };
}

/** `--kind veto --execute`: carries out a request as it was made. */
async function executeSlash(session: Session, slasher: string, options: SlashOptions): Promise<SlashPlan> {
  refuse(
    {
      "--operator": options.operator,
      "--strategy": options.strategy,
      "--wad": options.wad,
      "--description": options.description,
    },
    "--execute carries out the request as it was made",
  );
  const requestId = parseUint(
    need(options.request, "--request", "--execute"),
    "--request",
    "a request id (a whole number)",
  );
  const client = await session.connect("write");
  return {
    title: "avs slash (execute veto request)",
    write: plannedWrite(client.avs, "executeSlash", { slasher, requestId }, [
      ["slasher", slasher],
      ["request", String(requestId)],
    ]),
  };
}

/** `--kind instant` or a new `--kind veto` request: an operator, strategies and the fraction of each to take. */
async function slashOfOperator(
  session: Session,
  slasher: string,
  kind: "instant" | "veto",
  options: SlashOptions,
): Promise<SlashPlan> {
  refuse({ "--request": options.request }, "a new request gets its id from the chain (pass --execute to execute one)");
  const operator = parseAddress(need(options.operator, "--operator", `--kind ${kind}`), "--operator");
  const strategies = parseAddresses(need(options.strategy, "--strategy", `--kind ${kind}`), "--strategy");
  const wads = pairWithStrategies(strategies, need(options.wad, "--wad", `--kind ${kind}`), "--wad").map((value) =>
    parseFraction(value, "--wad", false),
  );
  const description = need(options.description, "--description", `--kind ${kind}`);
  const client = await session.connect("write");
  const params = { slasher, operator, strategies, wads, description };
  const shown = [
    ["slasher", slasher],
    ["operator", operator],
    ...strategies.map(
      (strategy, index) =>
        [strategy, `${formatWad(wads[index] ?? 0n)} of the allocation (${wads[index] ?? 0n})`] as const,
    ),
    ["description", description],
  ] as const;
  return kind === "instant"
    ? { title: "avs slash (instant)", write: plannedWrite(client.avs, "instantSlash", params, [...shown]) }
    : { title: "avs slash (veto request)", write: plannedWrite(client.avs, "requestSlash", params, [...shown]) };
}

/** The plan for `avs slash`, per kind; flags that do not apply to the kind are refused. */
async function slashPlan(session: Session, options: SlashOptions): Promise<SlashPlan> {
  const slasher = parseAddress(options.slasher, "--slasher");
  const { kind } = options;
  if (kind === "equivocation") return equivocationSlash(session, slasher, options);
  refuse({ "--evidence": options.evidence }, "only --kind equivocation takes evidence");
  if (kind === "instant")
    refuse({ "--execute": options.execute, "--request": options.request }, "an instant slash has no request");
  if (options.execute === true) return executeSlash(session, slasher, options);
  return slashOfOperator(session, slasher, kind, options);
}

function registerSlash(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("slash")
    .description("slash an operator through the set's slasher: instantly, by a veto-able request, or for equivocation")
    .requiredOption("--slasher <address>", "the slasher contract")
    .addOption(new Option("--kind <kind>", "the slasher's kind").choices(SLASH_KINDS).makeOptionMandatory())
    .option("--operator <address>", "instant and veto: the operator to slash")
    .option("--strategy <address>", "instant and veto: a strategy to slash (repeatable)", collect)
    .option(
      "--wad <fraction>",
      "instant and veto: the fraction of the allocation to take, like 0.1 or 10% (per --strategy)",
      collect,
    )
    .option("--description <text>", "instant and veto: why, recorded on chain")
    .option("--execute", "veto: execute a request whose veto window has passed (with --request)")
    .option("--request <id>", "veto: the request to execute")
    .option(
      "--evidence <file>",
      "equivocation: JSON with two signed attestations [{height, payloadHash, signature}, {...}]",
    )
    .addHelpText(
      "after",
      example(
        `palisade avs slash --slasher ${SLASHER} --kind instant --operator ${OPERATOR} --strategy ${STRATEGY} --wad 10% --description "missed 3 epochs"`,
        `palisade avs slash --slasher ${SLASHER} --kind veto --execute --request 4`,
        `palisade avs slash --slasher ${SLASHER} --kind equivocation --evidence ./double-sign.json`,
      ),
    )
    .action(
      runtime.action<SlashOptions>(async (session, options) => {
        const { title, write } = await slashPlan(session, options);
        await runWrites(session, await session.connect("write"), title, [write]);
      }),
    );
}

function registerVeto(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("veto")
    .description("veto a pending slash request (as the veto slasher's resolver)")
    .requiredOption("--slasher <address>", "the veto slasher")
    .requiredOption("--request <id>", "the request to veto")
    .addHelpText("after", example(`palisade avs veto --slasher ${SLASHER} --request 4`))
    .action(
      runtime.action<{ slasher: string; request: string }>(async (session, options) => {
        const slasher = parseAddress(options.slasher, "--slasher");
        const requestId = parseUint(options.request, "--request", "a request id (a whole number)");
        const client = await session.connect("write");
        await runWrites(session, client, "avs veto", [
          plannedWrite(client.avs, "veto", { slasher, requestId }, [
            ["slasher", slasher],
            ["request", String(requestId)],
          ]),
        ]);
      }),
    );
}

interface ReleaseOptions {
  avs: string;
  set: string;
  strategy: string;
  recipient?: string;
}

/** Refuses a release with nothing to release, or whose escrow is not over. */
function checkReleasable(funds: SlashedFunds, where: string): void {
  const whose = funds.recipient === ZeroAddress ? "to be burned" : `for recipient ${funds.recipient}`;
  if (funds.shares === 0n) {
    throw new PreflightError(`Nothing slashed from ${where} is waiting ${whose}.`, {
      argument: "--recipient",
      hint: "Funds slashed while the set paid another recipient wait in that recipient's bucket: pass it with --recipient (`palisade avs status` shows what waits).",
    });
  }
  if (!funds.releasable) {
    throw new PreflightError(
      `The funds slashed from ${where} ${whose} are in escrow until ${formatUtcDate(funds.releasableAt)} (in ${formatDuration(funds.secondsToRelease)}).`,
      {
        argument: "--recipient",
        hint: `Run this again from ${formatUtcDate(funds.releasableAt)} on. The escrow gives governance time to stop a payout from a stolen or self-serving slasher.`,
      },
    );
  }
}

async function runRelease(session: Session, options: ReleaseOptions): Promise<void> {
  const avsAddress = parseAddress(options.avs, "--avs");
  const setId = parseSetId(options.set, "--set");
  const strategy = parseAddress(options.strategy, "--strategy");
  const given = options.recipient === undefined ? undefined : parseAddress(options.recipient, "--recipient");
  const client = await session.connect("write");
  const [funds, token, now] = await Promise.all([
    onChain(() =>
      client.read.slashedFunds({
        avs: avsAddress,
        setId,
        strategy,
        ...(given === undefined ? {} : { recipient: given }),
      }),
    ),
    onChain(() => tokenOf(client.context, strategy)),
    chainNow(client.context),
  ]);
  checkReleasable(funds, `strategy ${strategy} in set ${setId} of AVS ${avsAddress}`);
  const burning = funds.recipient === ZeroAddress;
  const value = await onChain(() => strategyAt(strategy, client.context.provider).sharesToUnderlying(funds.shares));
  const params = { avs: avsAddress, setId, strategy, recipient: funds.recipient };
  await runWrites(session, client, "avs release", [
    plannedWrite(client.avs, "releaseSlashedFunds", params, [
      ["set", `${avsAddress} / ${setId}`],
      ["strategy", strategy],
      ["slashed", `${formatAmount(value, token.decimals)} ${token.symbol} (${funds.shares} shares)`],
      ["to", burning ? "burned" : funds.recipient],
      [
        "escrow",
        burning || funds.releasableAt === 0n ? "none" : `over since ${formatTimestamp(funds.releasableAt, now)}`,
      ],
    ]),
  ]);
}

function registerRelease(avs: PalisadeCommand, runtime: Runtime): void {
  avs
    .command("release")
    .description(
      "release a set's slashed funds in one strategy: burned, or, once their escrow is over, sent to the recipient they were slashed for",
    )
    .requiredOption("--avs <address>", "the AVS")
    .requiredOption("--set <id>", "the set's id")
    .requiredOption("--strategy <address>", "the strategy")
    .option(
      "--recipient <address>",
      "a former redistribution recipient whose escrowed funds to release (default: the recipient in force)",
    )
    .addHelpText(
      "after",
      example(
        `palisade avs release --avs ${AVS} --set 1 --strategy ${STRATEGY}`,
        `palisade avs release --avs ${AVS} --set 2 --strategy ${STRATEGY} --recipient ${OPERATOR}`,
      ),
    )
    .action(runtime.action<ReleaseOptions>(runRelease));
}

async function printAvsStatus(session: Session, address: string | undefined, options: StatusOptions): Promise<void> {
  const given = address === undefined ? undefined : parseAddress(address, "avs");
  const setIds = options.set === undefined ? undefined : parseSetIds(options.set, "--set");
  const report = options.report === true;
  const [reportSet] = setIds ?? [];
  if (report && (setIds?.length !== 1 || reportSet === undefined)) {
    throw new InvalidArgumentError("--report is for one operator set: pass exactly one --set.", { argument: "--set" });
  }
  const client = await session.connect("read");
  const avs = given ?? (await session.sender("avs status without an address"));
  const [state, security, now] = await Promise.all([
    onChain(() => client.read.avsState({ avs, ...(setIds === undefined ? {} : { setIds }) })),
    report && reportSet !== undefined
      ? onChain(() => client.read.securityReport({ avs, setId: reportSet }))
      : undefined,
    chainNow(client.context),
  ]);
  if (session.settings.json) {
    session.printJson(security === undefined ? state : { ...state, report: security });
    return;
  }
  const tokens =
    security === undefined
      ? new Map()
      : await tokensOfStrategies(
          client.context,
          security.risks.flatMap((risk) => risk.allocations.map((allocation) => allocation.strategy)),
        );
  session.print(renderAvsStatus(state, security, now, tokens));
}

export function avsCommand(program: PalisadeCommand, runtime: Runtime): void {
  const avs = program
    .command("avs")
    .description("run an AVS: register, create operator sets, slash, and see who secures it")
    .addHelpText(
      "after",
      example(
        "palisade avs register --metadata-uri https://oracle.example/avs.json",
        `palisade avs create-set --set 1 --strategy ${STRATEGY} --slasher ${SLASHER}`,
        "palisade avs status --set 1 --report",
      ),
    );
  registerAvs(avs, runtime);
  registerCreateSet(avs, runtime);
  registerAddStrategy(avs, runtime);
  registerScheduleSlasher(avs, runtime);
  registerSlash(avs, runtime);
  registerVeto(avs, runtime);
  registerRelease(avs, runtime);
  avs
    .command("status")
    .description("an AVS's operator sets: slashers, strategies, members and their slashable stake")
    .argument("[avs]", "the AVS's address (default: --from, or the key's address)")
    .option("--set <id>", "only these sets (repeatable; default: every set the AVS created)", collect)
    .option(
      "--report",
      "with one --set: the security report (stake concentration, stake allocated elsewhere, risk flags of operators that redistribute slashed funds, loud when to themselves)",
    )
    .addHelpText("after", example(`palisade avs status ${AVS} --set 1 --report`))
    .action(runtime.action<StatusOptions>((session, options, [address]) => printAvsStatus(session, address, options)));
}
