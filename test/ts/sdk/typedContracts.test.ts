import { expect } from "chai";

import { vetoSlasherAt } from "../../../sdk/src/contracts.js";
import type { PalisadeLens, VetoSlasher } from "../../../sdk/src/generated/typechain/index.js";
import type { IPalisadeLens } from "../../../sdk/src/generated/typechain/PalisadeLens.js";
import { prepared } from "../../../sdk/src/tx/call.js";

/**
 * The SDK's contract calls are typed by the ABIs: a function, an argument or a struct field the ABI does not have is a
 * compile error (`npx tsc --noEmit`), not a revert or an `undefined` at run time. The type checker runs this file:
 * each `@ts-expect-error` below fails the check if its line ever compiles.
 */
const SLASHER = "0x00000000000000000000000000000000000000A1";

/** Never called: every line is a misuse the compiler must refuse. */
function misuses(slasher: VetoSlasher, lens: PalisadeLens, view: IPalisadeLens.OperatorViewStructOutput): unknown[] {
  return [
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
});
