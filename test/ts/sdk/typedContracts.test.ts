import { expect } from "chai";
import { EventFragment, Interface } from "ethers";

import { vetoSlasherAt } from "../../../sdk/src/contracts.js";
import * as abis from "../../../sdk/src/generated/abis/index.js";
import type { PalisadeLens, VetoSlasher } from "../../../sdk/src/generated/abis/index.js";
import type { IPalisadeLens } from "../../../sdk/src/generated/abis/PalisadeLens.js";
import { prepared } from "../../../sdk/src/tx/call.js";
import { eventsOf, type PalisadeEvent } from "../../../sdk/src/tx/events.js";

/**
 * The SDK's contract calls are typed by the ABIs: a function, an argument or a struct field the ABI does not have is a
 * compile error (`npx tsc --noEmit`), not a revert or an `undefined` at run time. The type checker runs this file:
 * each `@ts-expect-error` below fails the check if its line ever compiles.
 */
const SLASHER = "0x00000000000000000000000000000000000000A1";

/** Never called: every line is a misuse the compiler must refuse. */
function misuses(
  slasher: VetoSlasher,
  lens: PalisadeLens,
  view: IPalisadeLens.OperatorViewStructOutput,
  events: PalisadeEvent[],
): unknown[] {
  return [
    // @ts-expect-error -- the VetoSlasher emits no event `SlashRequest`
    eventsOf<VetoSlasher>().named(events, "SlashRequest"),
    // @ts-expect-error -- `SlashRequested` has no argument `deadline` (it is `vetoDeadline`)
    eventsOf<VetoSlasher>().first(events, "SlashRequested")?.args.deadline,
    // @ts-expect-error -- the VetoSlasher has no function `vetoo`
    slasher.vetoo,
    // @ts-expect-error -- `veto` takes a request id, not a list of addresses
    slasher.veto.populateTransaction([SLASHER]),
    // @ts-expect-error -- an OperatorSet struct's fields are `avs` and `id`
    lens.previewSlash(SLASHER, { avs: SLASHER, setId: 1 }, [], [], []),
    // @ts-expect-error -- the lens's OperatorView has no field `delegatedStake`
    view.delegatedStake,
  ];
}

describe("SDK: contract calls typed by the ABIs", function () {
  it("prepares a call through the typed method, with the calldata the ABI encodes", async function () {
    const slasher = vetoSlasherAt(SLASHER, null);
    const call = await prepared(slasher.veto.populateTransaction(7n));
    expect(call).to.deep.equal({
      to: SLASHER,
      data: slasher.interface.encodeFunctionData("veto", [7n]),
      value: 0n,
    });
    expect(misuses, "the misuses exist for the type checker only").to.be.a("function");
  });

  it("reads events by name soundly: no two Palisade events share a name with different arguments", function () {
    const signatures = new Map<string, Set<string>>();
    for (const abi of Object.values(abis)) {
      for (const fragment of new Interface(abi).fragments) {
        if (!(fragment instanceof EventFragment)) continue;
        const known = signatures.get(fragment.name) ?? new Set<string>();
        known.add(fragment.format("full"));
        signatures.set(fragment.name, known);
      }
    }
    const clashes = [...signatures].filter(([, forms]) => forms.size > 1).map(([name, forms]) => [name, [...forms]]);
    expect(clashes, "eventsOf matches decoded events by name").to.deep.equal([]);
  });
});
