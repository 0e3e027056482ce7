/** `palisade operator`: register, update, allocate, join and leave operator sets, and the operator's status. */
import { ZeroAddress } from "ethers";

import type { PalisadeClient } from "../../client.js";
import { InvalidArgumentError } from "../../errors/base.js";
import { formatDuration, formatTimestamp, formatWad } from "../../errors/format.js";
import { example, type PalisadeCommand } from "../command.js";
import {
  collect,
  pairWithStrategies,
  parseAddress,
  parseAddresses,
  parseFraction,
  parseHexData,
  parseSetId,
  parseSetIds,
  parseSmallInt,
} from "../parse.js";
import type { Runtime, Session } from "../session.js";
import { orNone, renderOperatorStatus } from "../status.js";
import { plannedWrite, reportNothingToSend, runWrites, type PlannedWrite } from "../write.js";
import { chainNow, onChain } from "./shared.js";

const AVS = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const STRATEGY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OPERATOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** The registry caps allocation delays far below this; the CLI only keeps the number a uint32. */
const MAX_DELAY = 0xffff_ffff;

interface RegisterOptions {
  metadataUri: string;
  allocationDelay: string;
  approver?: string;
}

interface UpdateOptions {
  metadataUri?: string;
  approver?: string;
  allocationDelay?: string;
}

interface AllocateOptions {
  avs: string;
  set: string;
  strategy: string[];
  magnitude: string[];
}

interface SetsOptions {
  avs: string;
  set: string[];
  data?: string;
  operator?: string;
}

interface StatusOptions {
  avs?: string;
  set?: string[];
  strategy?: string[];
}

/** An allocation delay as the confirmation shows it. */
const shownDelay = (delay: number): string => `${formatDuration(BigInt(delay))} (${delay} s)`;

function registerRegister(operator: PalisadeCommand, runtime: Runtime): void {
  operator
    .command("register")
    .description("register the sender as an operator (delegated to itself)")
    .requiredOption("--metadata-uri <uri>", "a URI to the operator's metadata (name, website, logo)")
    .requiredOption("--allocation-delay <seconds>", "how long an allocation increase waits before it takes effect")
    .option("--approver <address>", "an account whose signature stakers need to delegate (default: anyone may)")
    .addHelpText(
      "after",
      example("palisade operator register --metadata-uri https://operator.example/meta.json --allocation-delay 3600"),
    )
    .action(
      runtime.action<RegisterOptions>(async (session, options) => {
        const allocationDelay = parseSmallInt(options.allocationDelay, "--allocation-delay", 0, MAX_DELAY);
        const approver = options.approver === undefined ? undefined : parseAddress(options.approver, "--approver");
        const client = await session.connect("write");
        const params = {
          metadataURI: options.metadataUri,
          allocationDelay,
          ...(approver === undefined ? {} : { delegationApprover: approver }),
        };
        await runWrites(session, client, "operator register", [
          plannedWrite(client.operator, "registerAsOperator", params, [
            ["metadata URI", options.metadataUri],
            ["allocation delay", shownDelay(allocationDelay)],
            ["approver", approver ?? "none"],
          ]),
        ]);
      }),
    );
}

/** `operator update`'s changes, each given or not; at least one is needed. */
function parseUpdate(options: UpdateOptions): { metadataURI?: string; approver?: string; delay?: number } {
  const approver =
    options.approver === undefined
      ? undefined
      : options.approver.toLowerCase() === "none"
        ? ZeroAddress
        : parseAddress(options.approver, "--approver");
  const delay =
    options.allocationDelay === undefined
      ? undefined
      : parseSmallInt(options.allocationDelay, "--allocation-delay", 0, MAX_DELAY);
  if (options.metadataUri === undefined && approver === undefined && delay === undefined) {
    throw new InvalidArgumentError("Nothing to update.", {
      argument: "--metadata-uri",
      hint: "Pass --metadata-uri, --approver or --allocation-delay.",
    });
  }
  return {
    ...(options.metadataUri === undefined ? {} : { metadataURI: options.metadataUri }),
    ...(approver === undefined ? {} : { approver }),
    ...(delay === undefined ? {} : { delay }),
  };
}

function registerUpdate(operator: PalisadeCommand, runtime: Runtime): void {
  operator
    .command("update")
    .description("change the operator's metadata URI, delegation approver or allocation delay (one transaction each)")
    .option("--metadata-uri <uri>", "a new metadata URI")
    .option("--approver <address|none>", "a new delegation approver, or none to let anyone delegate")
    .option("--allocation-delay <seconds>", "a new allocation delay (takes effect after the current one)")
    .addHelpText("after", example("palisade operator update --approver none --allocation-delay 7200"))
    .action(
      runtime.action<UpdateOptions>(async (session, options) => {
        const { metadataURI, approver, delay } = parseUpdate(options);
        const client = await session.connect("write");
        const writes: PlannedWrite[] = [];
        if (metadataURI !== undefined) {
          writes.push(
            plannedWrite(client.operator, "updateMetadataURI", { metadataURI }, [["metadata URI", metadataURI]]),
          );
        }
        if (approver !== undefined) {
          writes.push(
            plannedWrite(client.operator, "setDelegationApprover", { approver }, [["approver", orNone(approver)]]),
          );
        }
        if (delay !== undefined) {
          writes.push(
            plannedWrite(client.operator, "setAllocationDelay", { delay }, [["allocation delay", shownDelay(delay)]]),
          );
        }
        await runWrites(session, client, "operator update", writes, { many: true });
      }),
    );
}

/**
 * Each strategy's new magnitude as the confirmation shows it. When the sender is known: the change from the current
 * allocation, and when it takes effect (an increase after the allocation delay and the notice, a decrease once stake
 * leaving now is gone).
 */
async function shownAllocations(
  session: Session,
  client: PalisadeClient,
  set: { avs: string; setId: number },
  strategies: readonly string[],
  magnitudes: readonly bigint[],
): Promise<(readonly [string, string])[]> {
  const operator = await session.knownAddress();
  const [current, timing] =
    operator === undefined
      ? [undefined, undefined]
      : await Promise.all([
          Promise.all(
            strategies.map((strategy) =>
              onChain(() => client.read.getAllocationStatus({ operator, ...set, strategy })),
            ),
          ),
          onChain(() => client.read.allocationTiming({ operator })),
        ]);
  const takesEffect = (before: bigint, after: bigint): string => {
    if (timing === undefined) return "";
    if (after > before) return `; takes effect at ${formatTimestamp(timing.increaseEffectAt, timing.now)}`;
    return `; stays slashable until ${formatTimestamp(timing.decreaseEffectAt, timing.now)} (at once where the operator is not slashable)`;
  };
  return strategies.map((strategy, index) => {
    const magnitude = magnitudes[index] ?? 0n;
    const before = current?.[index];
    const change = before === undefined ? "" : `${formatWad(before.pending)} → `;
    const when = before === undefined ? "" : takesEffect(before.pending, magnitude);
    return [strategy, `${change}${formatWad(magnitude)} (${magnitude})${when}`] as const;
  });
}

function registerAllocate(operator: PalisadeCommand, runtime: Runtime): void {
  operator
    .command("allocate")
    .description("set how much of the operator's stake in each strategy an operator set may slash")
    .requiredOption("--avs <address>", "the AVS")
    .requiredOption("--set <id>", "the operator set's id")
    .requiredOption("--strategy <address>", "a strategy (repeatable)", collect)
    .requiredOption(
      "--magnitude <fraction>",
      "the new allocation, a fraction of the stake like 0.5 or 50% (one for every --strategy, or one each)",
      collect,
    )
    .addHelpText(
      "after",
      example(`palisade operator allocate --avs ${AVS} --set 1 --strategy ${STRATEGY} --magnitude 50%`),
    )
    .action(
      runtime.action<AllocateOptions>(async (session, options) => {
        const avs = parseAddress(options.avs, "--avs");
        const setId = parseSetId(options.set, "--set");
        const strategies = parseAddresses(options.strategy, "--strategy");
        const magnitudes = pairWithStrategies(strategies, options.magnitude, "--magnitude").map((value) =>
          parseFraction(value, "--magnitude", true),
        );
        const client = await session.connect("write");
        const shown = await shownAllocations(session, client, { avs, setId }, strategies, magnitudes);
        const params = { changes: [{ avs, setId, strategies, magnitudes }] };
        await runWrites(session, client, "operator allocate", [
          plannedWrite(client.operator, "allocate", params, [["set", `${avs} / ${setId}`], ...shown]),
        ]);
      }),
    );
}

function registerForSets(operator: PalisadeCommand, runtime: Runtime): void {
  operator
    .command("register-set")
    .description("register the operator for some of an AVS's operator sets (then allocate to them)")
    .requiredOption("--avs <address>", "the AVS")
    .requiredOption("--set <id>", "an operator set id (repeatable)", collect)
    .option("--data <hex>", "data for the sets' registrar hook (a key, a socket...)", "0x")
    .addHelpText("after", example(`palisade operator register-set --avs ${AVS} --set 1`))
    .action(
      runtime.action<SetsOptions>(async (session, options) => {
        const avs = parseAddress(options.avs, "--avs");
        const setIds = parseSetIds(options.set, "--set");
        const data = parseHexData(options.data ?? "0x", "--data");
        const client = await session.connect("write");
        // The notice, for the person confirming (calldata for a multisig is built without reading the chain).
        const delay = session.settings.calldata ? undefined : await onChain(() => client.read.withdrawalDelay());
        await runWrites(session, client, "operator register-set", [
          plannedWrite(client.operator, "registerForSets", { avs, setIds, data }, [
            ["avs", avs],
            ["sets", setIds.join(", ")],
            ["hook data", data],
            // The notice: one second after a withdrawal queued now matures.
            ...(delay === undefined
              ? []
              : [["slashable from", formatTimestamp(delay.exitEnd + 1n, delay.now)] as const]),
          ]),
        ]);
      }),
    );
}

function registerDeregisterFromSets(operator: PalisadeCommand, runtime: Runtime): void {
  operator
    .command("deregister-set")
    .description("deregister from operator sets; the operator stays slashable there for the deallocation delay")
    .requiredOption("--avs <address>", "the AVS")
    .requiredOption("--set <id>", "an operator set id (repeatable)", collect)
    .option("--operator <address>", "the operator (default: the sender; the AVS may deregister its operators)")
    .addHelpText("after", example(`palisade operator deregister-set --avs ${AVS} --set 1`))
    .action(
      runtime.action<SetsOptions>(async (session, options) => {
        const avs = parseAddress(options.avs, "--avs");
        const setIds = parseSetIds(options.set, "--set");
        const given = options.operator === undefined ? undefined : parseAddress(options.operator, "--operator");
        const client = await session.connect("write");
        const operatorAddress = given ?? (await session.sender("operator deregister-set"));
        await runWrites(session, client, "operator deregister-set", [
          plannedWrite(client.operator, "deregisterFromSets", { avs, setIds, operator: operatorAddress }, [
            ["operator", operatorAddress],
            ["avs", avs],
            ["sets", setIds.join(", ")],
          ]),
        ]);
      }),
    );
}

interface SettleOptions {
  operator?: string;
  avs?: string;
  set?: string;
  strategy?: string[];
}

/** One settlement transaction: a set, the strategies settled there, and a line per decrease for the confirmation. */
interface Settlement {
  avs: string;
  setId: number;
  strategies: string[];
  freed: string[];
}

/** The decreases of `operator` in effect and not settled, grouped into one settlement per set. */
async function settlementsFound(
  client: PalisadeClient,
  operator: string,
  filter: { avs?: string; setId?: number; strategies?: string[] },
): Promise<Map<string, Settlement>> {
  const found = await onChain(() => client.read.settleableDeallocations({ operator, ...filter }));
  const bySet = new Map<string, Settlement>();
  for (const { strategy, unsettledMagnitude, decreases } of found) {
    for (const decrease of decreases) {
      const id = `${decrease.avs.toLowerCase()}:${decrease.setId}`;
      const entry = bySet.get(id) ?? { avs: decrease.avs, setId: decrease.setId, strategies: [], freed: [] };
      entry.strategies.push(strategy);
      entry.freed.push(
        `${strategy}: down to ${formatWad(decrease.magnitude)} since ${formatTimestamp(decrease.effectAt)}, ${formatWad(unsettledMagnitude)} of the stake to free in all`,
      );
      bySet.set(id, entry);
    }
  }
  return bySet;
}

/** The set and strategies `operator settle` is limited to; --avs and --set go together. */
function parseSettleFilter(options: SettleOptions): { avs?: string; setId?: number; strategies?: string[] } {
  const avs = options.avs === undefined ? undefined : parseAddress(options.avs, "--avs");
  const setId = options.set === undefined ? undefined : parseSetId(options.set, "--set");
  if ((avs === undefined) !== (setId === undefined)) {
    throw new InvalidArgumentError("--avs and --set go together: a set id is only unique within its AVS.", {
      argument: avs === undefined ? "--avs" : "--set",
    });
  }
  const strategies = options.strategy === undefined ? undefined : parseAddresses(options.strategy, "--strategy");
  return {
    ...(avs === undefined || setId === undefined ? {} : { avs, setId }),
    ...(strategies === undefined ? {} : { strategies }),
  };
}

/**
 * One settlement per set, settling every strategy with a decrease in effect there. Named in full (a set and its
 * strategies), the settlement is built as asked, without reading the chain (a multisig's calldata).
 */
async function settlements(
  client: PalisadeClient,
  operator: string,
  filter: { avs?: string; setId?: number; strategies?: string[] },
): Promise<Settlement[]> {
  const { avs, setId, strategies } = filter;
  if (avs !== undefined && setId !== undefined && strategies !== undefined) {
    return [{ avs, setId, strategies, freed: strategies.map((strategy) => `${strategy}: as asked`) }];
  }
  return [...(await settlementsFound(client, operator, filter)).values()];
}

async function runSettle(session: Session, options: SettleOptions): Promise<void> {
  const given = options.operator === undefined ? undefined : parseAddress(options.operator, "--operator");
  const filter = parseSettleFilter(options);
  const client = await session.connect("write");
  const operator = given ?? (await session.sender("operator settle"));
  const found = await settlements(client, operator, filter);
  if (found.length === 0) {
    reportNothingToSend(session, {
      message: `Nothing to settle: no decrease of ${operator} that took effect is waiting to be settled.`,
      action: "settleAllocations",
      reason: "nothing to settle",
    });
    return;
  }
  const writes = found.map((entry) =>
    plannedWrite(
      client.operator,
      "settleAllocations",
      { operator, avs: entry.avs, setId: entry.setId, strategies: entry.strategies },
      [
        ["operator", operator],
        ["set", `${entry.avs} / ${entry.setId}`],
        ...entry.freed.map((line, index) => [`decrease ${index + 1}`, line] as const),
      ],
    ),
  );
  await runWrites(session, client, "operator settle", writes, { many: true });
}

function registerSettle(operator: PalisadeCommand, runtime: Runtime): void {
  operator
    .command("settle")
    .description(
      "settle decreases that took effect, so the magnitude they freed is allocatable at once (one transaction per set; anyone may)",
    )
    .option("--operator <address>", "the operator (default: the sender)")
    .option("--avs <address>", "only this AVS's set (with --set)")
    .option("--set <id>", "only this set of --avs")
    .option("--strategy <address>", "only these strategies (repeatable)", collect)
    .addHelpText(
      "after",
      example(
        "palisade operator settle",
        `palisade operator settle --operator ${OPERATOR} --avs ${AVS} --set 1 --strategy ${STRATEGY}`,
      ),
    )
    .action(runtime.action<SettleOptions>(runSettle));
}

async function printOperatorStatus(
  session: Session,
  address: string | undefined,
  options: StatusOptions,
): Promise<void> {
  const given = address === undefined ? undefined : parseAddress(address, "operator");
  const avs = options.avs === undefined ? undefined : parseAddress(options.avs, "--avs");
  if (options.set !== undefined && avs === undefined) {
    throw new InvalidArgumentError("--set needs --avs: a set id is only unique within its AVS.", { argument: "--avs" });
  }
  const sets = avs === undefined ? undefined : parseSetIds(options.set, "--set").map((setId) => ({ avs, setId }));
  const strategies = options.strategy === undefined ? undefined : parseAddresses(options.strategy, "--strategy");
  const client = await session.connect("read");
  const operator = given ?? (await session.sender("operator status without an address"));
  const [state, settleable, now] = await Promise.all([
    onChain(() =>
      client.read.operatorState({
        operator,
        ...(sets === undefined ? {} : { sets }),
        ...(strategies === undefined ? {} : { strategies }),
      }),
    ),
    onChain(() =>
      client.read.settleableDeallocations({ operator, ...(strategies === undefined ? {} : { strategies }) }),
    ),
    chainNow(client.context),
  ]);
  if (session.settings.json) {
    session.printJson({ ...state, settleable });
    return;
  }
  session.print(renderOperatorStatus(state, now, settleable));
}

export function operatorCommand(program: PalisadeCommand, runtime: Runtime): void {
  const operator = program
    .command("operator")
    .description("run an operator: register, allocate stake to operator sets, and see where it stands")
    .addHelpText(
      "after",
      example(
        "palisade operator register --metadata-uri https://operator.example/meta.json --allocation-delay 3600",
        `palisade operator register-set --avs ${AVS} --set 1`,
        `palisade operator allocate --avs ${AVS} --set 1 --strategy ${STRATEGY} --magnitude 0.5`,
      ),
    );
  registerRegister(operator, runtime);
  registerUpdate(operator, runtime);
  registerAllocate(operator, runtime);
  registerSettle(operator, runtime);
  registerForSets(operator, runtime);
  registerDeregisterFromSets(operator, runtime);
  operator
    .command("status")
    .description(
      "an operator's registration, stake, allocations in each operator set (with its slasher and recipient), and decreases to settle",
    )
    .argument("[operator]", "the operator's address (default: --from, or the key's address)")
    .option("--avs <address>", "show this AVS's sets (with --set) instead of those the operator's events show")
    .option("--set <id>", "an operator set id of --avs (repeatable)", collect)
    .option(
      "--strategy <address>",
      "show these strategies (repeatable; default: those the operator's events show)",
      collect,
    )
    .addHelpText(
      "after",
      example(`palisade operator status ${OPERATOR}`, `palisade operator status --avs ${AVS} --set 1 --json`),
    )
    .action(
      runtime.action<StatusOptions>((session, options, [address]) => printOperatorStatus(session, address, options)),
    );
}
