/**
 * Decoding logs into Palisade events: one interface holds every event of every Palisade contract (and ERC20's
 * Transfer/Approval), so a receipt or a log query decodes without knowing in advance which contract emitted what.
 */
import { EventFragment, Interface, type InterfaceAbi, type Log, type ParamType, type Result } from "ethers";

import { ERC20_ABI } from "../erc20.js";
import * as abis from "../generated/abis/index.js";
import type { TypedContractEvent } from "../generated/abis/common.js";

/** A decoded event. `args` holds the named arguments (structs as objects, arrays as arrays, numbers as bigint). */
export interface PalisadeEvent {
  name: string;
  /** The full signature, e.g. `WithdrawalQueued(bytes32,address,(address,uint32,uint48,uint32,address[],uint256[]))`. */
  signature: string;
  /** The emitting contract. */
  address: string;
  args: Readonly<Record<string, unknown>>;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

export const EVENTS = (() => {
  const byTopic = new Map<string, EventFragment>();
  const add = (abi: InterfaceAbi) => {
    for (const fragment of new Interface(abi).fragments) {
      if (fragment instanceof EventFragment && !byTopic.has(fragment.topicHash))
        byTopic.set(fragment.topicHash, fragment);
    }
  };
  for (const abi of Object.values(abis)) add(abi);
  add(ERC20_ABI);
  return new Interface([...byTopic.values()]);
})();

/**
 * A decoded ABI value as plain data, shaped by its ABI type: tuples become objects keyed by component name, arrays
 * become arrays. Walking the type (rather than ethers' `Result.toObject`, which rebuilds the object once per key)
 * keeps large lens results fast to convert.
 */
export function plain(param: ParamType, value: unknown): unknown {
  if (param.isTuple()) {
    const result = value as Result;
    const object: Record<string, unknown> = {};
    param.components.forEach((component, index) => {
      object[component.name === "" ? String(index) : component.name] = plain(component, result[index]);
    });
    return object;
  }
  if (param.isArray()) {
    const child = param.arrayChildren;
    return Array.from(value as Result, (item: unknown) => plain(child, item));
  }
  return value;
}

/** Decodes one log, or returns `undefined` when no Palisade (or ERC20) event matches it. */
export function decodeLog(log: Log): PalisadeEvent | undefined {
  let parsed;
  try {
    parsed = EVENTS.parseLog({ topics: [...log.topics], data: log.data });
  } catch {
    return undefined;
  }
  if (parsed === null) return undefined;
  const args: Record<string, unknown> = {};
  parsed.fragment.inputs.forEach((input, index) => {
    args[input.name === "" ? String(index) : input.name] = plain(input, parsed.args[index]);
  });
  return {
    name: parsed.name,
    signature: parsed.signature,
    address: log.address,
    args,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    logIndex: log.index,
  };
}

/** Decodes every log it can, in order. */
export function decodeLogs(logs: readonly Log[]): PalisadeEvent[] {
  return logs.map(decodeLog).filter((event): event is PalisadeEvent => event !== undefined);
}

/** A typechain contract type: `filters` names every event the contract emits. */
interface EmitsEvents {
  filters: Record<string, TypedContractEvent>;
}

/** The events of `C` by plain name (typechain also keys them by full signature). */
type EventName<C extends EmitsEvents> = Exclude<keyof C["filters"] & string, `${string}(${string}`>;

/** The arguments typechain gives event `E`, by name. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only the third of typechain's type arguments is wanted
type EventArgs<E> = E extends TypedContractEvent<infer _Input, infer _Output, infer Args> ? Readonly<Args> : never;

/**
 * A decoded event whose arguments are typed by the ABI of the contract `C` that emits it. Struct arguments are plain
 * objects here: read them by field name, which the typechain type checks, not by position.
 */
export type TypedPalisadeEvent<C extends EmitsEvents, N extends EventName<C>> = Omit<PalisadeEvent, "args"> & {
  args: EventArgs<C["filters"][N]>;
};

/**
 * Readers of the events of contract type `C` (a typechain type), their names and arguments checked against its ABI:
 * a renamed event or argument does not compile where it is read. Sound because no two Palisade events share a
 * name with different arguments (the SDK's tests check it), and `decodeLog` decodes with the same ABIs.
 *
 * @example
 * const [slashed] = eventsOf<SlashingCoordinator>().named(base.events, "OperatorSlashed");
 * console.log(slashed?.args.slashId);
 */
export function eventsOf<C extends EmitsEvents>() {
  const is = <N extends EventName<C>>(event: PalisadeEvent, name: N): event is TypedPalisadeEvent<C, N> =>
    event.name === name;
  const named = <N extends EventName<C>>(events: readonly PalisadeEvent[], name: N) =>
    events.filter((event) => is(event, name));
  return {
    /** Whether `event` is the event named `name`. */
    is,
    /** The events named `name`, in order. */
    named,
    /** The first event named `name`, if any. */
    first: <N extends EventName<C>>(events: readonly PalisadeEvent[], name: N): TypedPalisadeEvent<C, N> | undefined =>
      named(events, name)[0],
  };
}

/** The events named `name` among `events`. */
export function eventsNamed(events: readonly PalisadeEvent[], name: string): PalisadeEvent[] {
  return events.filter((event) => event.name === name);
}
