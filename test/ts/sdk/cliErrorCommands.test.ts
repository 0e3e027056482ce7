import { expect } from "chai";

import { commandHint } from "../../../sdk/src/cli/errorCommands.js";
import { ContractRevertError, PalisadeError } from "../../../sdk/src/errors/base.js";

/** The SDK's hints name no CLI command; the CLI adds the commands that act on an error. */
describe("CLI: the commands that help with a contract error", function () {
  const revert = (errorName: string) => new ContractRevertError("Reverted.", { errorName, data: "0x" });

  it("points an immature withdrawal to `palisade staker complete` and an escrow to `palisade avs release`", function () {
    expect(commandHint(revert("WithdrawalNotMature"))).to.equal("With the CLI: `palisade staker complete`.");
    expect(commandHint(revert("EscrowNotOver"))).to.include("`palisade avs release`");
    expect(commandHint(revert("StakeBelowMinimum"))).to.include("`palisade operator allocate`");
  });

  it("adds nothing for errors no command acts on, nor for other failures", function () {
    expect(commandHint(revert("Panic"))).to.equal(undefined);
    expect(commandHint(new PalisadeError("No node."))).to.equal(undefined);
    expect(commandHint(new Error("plain"))).to.equal(undefined);
  });
});
