import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import { AbiCoder, type ErrorFragment, id, Interface, type InterfaceAbi, type ParamType } from "ethers";

import {
  CATALOGUE_CONTRACTS,
  ERC20_TOKEN,
  ERROR_CATALOGUE,
  type ErrorArgs,
  explainPanic,
  renderCatalogueMarkdown,
} from "../../../sdk/src/errors/catalogue.js";
import { computedEntries } from "../../../sdk/src/errors/computed.js";
import { EXTERNAL_ENTRIES } from "../../../sdk/src/errors/external.js";
import {
  formatAmount,
  formatDuration,
  formatInteger,
  formatRelative,
  formatTimestamp,
  formatUtcDate,
  formatWad,
  shortAddress,
  shortHex,
} from "../../../sdk/src/errors/format.js";
import { ERROR_TEMPLATES } from "../../../sdk/src/generated/errorCatalogue.js";
// The contracts whose errors the SDK can meet: those it ships the ABIs of (the protocol, the reference slashers and
// the example AVS).
import { SDK_CONTRACTS } from "../../../sdk/src/manifest.js";

/**
 * The SDK's error catalogue against the contracts' ABIs, read from the build's artifacts on disk: no network, no
 * deployment. Every custom error must have an entry, every entry must be an error some contract raises, and every
 * message must read as a sentence with its facts, whatever the arguments.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ARTIFACTS = join(ROOT, "artifacts", "contracts");

/** Matches what must never reach a user: a missing value, a broken number, an object printed as such. */
const BROKEN = /undefined|NaN|Infinity|\[object/;
const UNKNOWN = "(unknown)";

function artifactFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "mocks" ? [] : artifactFiles(path);
    return entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json") ? [path] : [];
  });
}

/** The custom errors in `abi`, each as its fragment. */
function errorsOf(abi: InterfaceAbi): ErrorFragment[] {
  const errors: ErrorFragment[] = [];
  new Interface(abi).forEachError((fragment) => errors.push(fragment));
  return errors;
}

/** Each contract's errors, from its artifact (found by name anywhere under artifacts/contracts, mocks excluded). */
const CONTRACT_ERRORS: ReadonlyMap<string, readonly ErrorFragment[]> = (() => {
  const files = artifactFiles(ARTIFACTS);
  const errors = new Map<string, readonly ErrorFragment[]>();
  for (const name of SDK_CONTRACTS) {
    const matches = files.filter((file) => file.endsWith(`${sep}${name}.sol${sep}${name}.json`));
    if (matches.length !== 1) {
      throw new Error(`expected one artifact of ${name}, found ${matches.map((m) => relative(ROOT, m)).join(", ")}`);
    }
    const [file] = matches;
    if (file === undefined) throw new Error(`no artifact of ${name}`);
    const artifact = JSON.parse(readFileSync(file, "utf8")) as { abi: InterfaceAbi };
    errors.set(name, errorsOf(artifact.abi));
  }
  return errors;
})();

/** OpenZeppelin's `IERC20Errors`, which tokens raise from inside deposits and payouts, from OpenZeppelin's own ABI. */
const TOKEN_ERRORS: readonly ErrorFragment[] = (() => {
  const require = createRequire(import.meta.url);
  const file = require.resolve("@openzeppelin/contracts/build/contracts/IERC20Errors.json");
  return errorsOf((JSON.parse(readFileSync(file, "utf8")) as { abi: InterfaceAbi }).abi);
})();

/** Every (raiser, fragment) pair: the contracts' errors, then the tokens'. */
const ALL_ERRORS: readonly (readonly [string, ErrorFragment])[] = [
  ...[...CONTRACT_ERRORS].flatMap(([name, fragments]) => fragments.map((f) => [name, f] as const)),
  ...TOKEN_ERRORS.map((f) => [ERC20_TOKEN, f] as const),
];

/** For each signature, the contracts (or the ERC20 token) whose ABI holds it. */
const RAISERS: ReadonlyMap<string, readonly string[]> = (() => {
  const raisers = new Map<string, string[]>();
  for (const [name, fragment] of ALL_ERRORS) {
    const signature = fragment.format("sighash");
    raisers.set(signature, [...(raisers.get(signature) ?? []), name]);
  }
  return raisers;
})();

// ------------------------------------------------------------------ sample arguments, from the ABI types

const ADDRESSES = [
  "0x0000000000000000000000000000000000000000",
  "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  "0xffffffffffffffffffffffffffffffffffffffff",
];
const STAKE_ERROR = new Interface([
  "error StakeBelowMinimum(address operator, uint256 stake, uint256 minimum, uint256 timestamp)",
]).encodeErrorResult("StakeBelowMinimum", [ADDRESSES[1], 10n, 1_000n, 1_800_000_000n]);
const BYTES = [
  "0x",
  STAKE_ERROR,
  "0xdeadbeef",
  "0x08c379a0" + AbiCoder.defaultAbiCoder().encode(["string"], ["minimum stake not met"]).slice(2),
  "0x4e487b71" + AbiCoder.defaultAbiCoder().encode(["uint256"], [0x11n]).slice(2),
  STAKE_ERROR.slice(0, 40),
];
const VARIANTS = 6;

/** Sample `variant` of a value of `type`: zero, small, a wad fraction, a timestamp, the type's maximum... */
function sample(type: ParamType, variant: number): unknown {
  if (type.isArray()) return [sample(type.arrayChildren, variant)];
  const base = type.baseType;
  if (base === "address") return ADDRESSES[variant % ADDRESSES.length];
  if (base === "bool") return variant % 2 === 0;
  if (base === "string") return "sample";
  if (base === "bytes") return BYTES[variant % BYTES.length];
  if (base.startsWith("bytes")) return "0x" + "ab".repeat(Number(base.slice(5)));
  const match = /^(u?)int(\d*)$/.exec(base);
  if (match !== null) {
    const bits = BigInt(match[2] === "" || match[2] === undefined ? "256" : match[2]);
    const max = (1n << (match[1] === "u" ? bits : bits - 1n)) - 1n;
    const values = [0n, 1n, 5n * 10n ** 17n, 1_800_000_000n, 10n ** 18n + 1n, max];
    const value = values[variant % values.length] ?? 0n;
    return value > max ? max : value;
  }
  throw new Error(`no sample for type ${type.format()}`);
}

/** Arguments by name (as the decoder builds them from this contract's ABI) or by position. */
function sampleArgs(fragment: ErrorFragment, variant: number, by: "name" | "position"): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  fragment.inputs.forEach((input, index) => {
    args[by === "name" && input.name !== "" ? input.name : String(index)] = sample(input, variant);
  });
  return args;
}

function entryOf(signature: string) {
  const entry = ERROR_CATALOGUE[signature];
  if (entry === undefined) throw new Error(`no catalogue entry for ${signature}`);
  return entry;
}

/** Runs `explain` and `hint` and checks they read as sentences with nothing broken in them. */
function render(signature: string, args: ErrorArgs): { explain: string; hint: string } {
  const entry = entryOf(signature);
  const explain = entry.explain(args);
  const hint = entry.hint(args);
  for (const [what, message] of [
    ["explain", explain],
    ["hint", hint],
  ] as const) {
    const context = `${signature} ${what} with ${JSON.stringify(args, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}: ${message}`;
    expect(message, context).to.not.match(BROKEN);
    expect(message.trim(), context).to.equal(message);
    expect(message, context).to.match(/[.!]$|[.!]"$/);
  }
  return { explain, hint };
}

// ------------------------------------------------------------------ the catalogue against the ABIs

describe("SDK error catalogue: every custom error of every Palisade contract, in plain words", function () {
  it("reads the errors of all twelve contracts from their artifacts", function () {
    for (const name of SDK_CONTRACTS) {
      expect(CONTRACT_ERRORS.get(name)?.length ?? 0, `${name} declares errors`).to.be.greaterThan(0);
    }
    expect(TOKEN_ERRORS.map((f) => f.name)).to.have.members([
      "ERC20InsufficientBalance",
      "ERC20InsufficientAllowance",
      "ERC20InvalidSender",
      "ERC20InvalidReceiver",
      "ERC20InvalidApprover",
      "ERC20InvalidSpender",
    ]);
  });

  it("has an entry for every custom error of every contract and for OpenZeppelin's ERC20 errors, by full signature", function () {
    const missing = [...RAISERS.keys()].filter((signature) => ERROR_CATALOGUE[signature] === undefined);
    expect(missing, "errors without an entry").to.deep.equal([]);
  });

  it("has no stale entry: every entry is an error some contract's ABI (or IERC20Errors) holds", function () {
    const stale = Object.keys(ERROR_CATALOGUE).filter((signature) => !RAISERS.has(signature));
    expect(stale, "entries no ABI holds").to.deep.equal([]);
    expect(Object.keys(ERROR_CATALOGUE).length).to.equal(RAISERS.size);
  });

  it("names, for every entry, exactly the contracts whose ABI holds the error", function () {
    for (const [signature, raisers] of RAISERS) {
      expect([...entryOf(signature).contracts].sort(), signature).to.deep.equal([...raisers].sort());
    }
  });

  it("keys every entry by a signature whose selector no other entry shares", function () {
    const selectors = new Map<string, string>();
    for (const signature of Object.keys(ERROR_CATALOGUE)) {
      const selector = id(signature).slice(0, 10);
      expect(selectors.get(selector), `${signature} shares selector ${selector}`).to.equal(undefined);
      selectors.set(selector, signature);
    }
  });

  it("gives every entry a title and, when it names the argument at fault, a camelCase one", function () {
    for (const [signature, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.title, signature).to.match(/^[A-Z][^.]*[^.\s]$/);
      if (entry.argument !== undefined) expect(entry.argument, signature).to.match(/^[a-z][a-zA-Z0-9]*$/);
      expect(
        entry.contracts.every((contract) => CATALOGUE_CONTRACTS.includes(contract)),
        signature,
      ).to.equal(true);
    }
  });

  it("never takes a context key for an argument: no error has an argument named `contract` or `tokenDecimals`", function () {
    for (const [name, fragment] of ALL_ERRORS) {
      const names = fragment.inputs.map((input) => input.name);
      expect(names, `${name}.${fragment.name}`).to.not.include.members(["contract", "tokenDecimals"]);
    }
  });

  it("explains every error and says what to do, without throwing or printing undefined, NaN or [object, for sample arguments of every type", function () {
    for (const [name, fragment] of ALL_ERRORS) {
      const signature = fragment.format("sighash");
      for (let variant = 0; variant < VARIANTS; variant++) {
        render(signature, sampleArgs(fragment, variant, "name"));
        render(signature, sampleArgs(fragment, variant, "position"));
        render(signature, { ...sampleArgs(fragment, variant, "name"), contract: name, tokenDecimals: 6n });
      }
      // A decoder that lost the arguments still gets a sentence, with the facts marked unknown.
      render(signature, {});
    }
  });

  it("finds every fact by the argument names of each contract's ABI, and by position", function () {
    for (const [name, fragment] of ALL_ERRORS) {
      const signature = fragment.format("sighash");
      for (const by of ["name", "position"] as const) {
        const { explain, hint } = render(signature, sampleArgs(fragment, 1, by));
        expect(explain, `${name}: ${signature} by ${by}`).to.not.include(UNKNOWN);
        expect(explain, `${name}: ${signature} by ${by} starts a sentence`).to.match(/^[A-Z0-9]/);
        expect(hint, `${name}: ${signature} by ${by}`).to.not.include(UNKNOWN);
      }
    }
  });

  it("renders a markdown table per contract that lists every error", function () {
    const markdown = renderCatalogueMarkdown();
    expect(markdown).to.not.match(BROKEN);
    for (const contract of CATALOGUE_CONTRACTS) expect(markdown, contract).to.include(`### ${contract}\n`);
    for (const signature of Object.keys(ERROR_CATALOGUE)) expect(markdown, signature).to.include(`\`${signature}\``);
    for (const line of markdown.split("\n").filter((l) => l.startsWith("| `"))) {
      expect(line.split(" | ").length, line).to.be.oneOf([3, 4]);
    }
  });
});

describe("SDK error catalogue: one source for each entry", function () {
  it("writes by hand only the entries its NatSpec does not template: no error has both", function () {
    const handwritten = [
      ...Object.keys(computedEntries(() => ({ entries: {}, signatureOf: () => undefined }))),
      ...Object.keys(EXTERNAL_ENTRIES),
    ];
    expect(handwritten.filter((signature) => ERROR_TEMPLATES[signature] !== undefined)).to.deep.equal([]);
    expect(
      handwritten.filter((signature) => !RAISERS.has(signature)),
      "hand-written entries no ABI holds",
    ).to.deep.equal([]);
  });

  it("names no CLI command in the SDK's messages: the CLI adds its own", function () {
    for (const [name, fragment] of ALL_ERRORS) {
      const signature = fragment.format("sighash");
      for (const args of [sampleArgs(fragment, 1, "name"), {}]) {
        const { explain, hint } = render(signature, args);
        expect(`${explain} ${hint}`, `${name}: ${signature}`).to.not.match(/palisade [a-z]/);
      }
    }
  });
});

// ------------------------------------------------------------------ the messages users see most

describe("SDK error catalogue: the facts in the messages", function () {
  const strategy = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  const root = "0x" + "ab".repeat(31) + "cd";

  it("dates an immature withdrawal in UTC, relative to the chain's time, and says to complete it then", function () {
    const { explain, hint } = render("WithdrawalNotMature(bytes32,uint256,uint256)", {
      root,
      maturesAt: 1_800_000_000n,
      currentTime: 1_800_000_000n - 6n * 86_400n - 23n * 3_600n - 5n,
    });
    expect(explain).to.equal(
      "Withdrawal 0xabab…abcd can be completed from 2027-01-15 08:00:00 UTC (in 6 days 23 hours).",
    );
    expect(hint).to.equal("Wait until 2027-01-15 08:00:00 UTC and complete it again.");
    expect(entryOf("WithdrawalNotMature(bytes32,uint256,uint256)").argument).to.equal("withdrawal");
  });

  it("gives both magnitudes of a refused allocation, as percentages", function () {
    const { explain } = render("InsufficientAllocatableMagnitude(address,uint256,uint256)", {
      strategy,
      available: 25n * 10n ** 16n,
      requested: 4n * 10n ** 17n,
    });
    expect(explain).to.include("25%").and.to.include("40%").and.to.include("0x5FbD…0aa3");
    expect(entryOf("InsufficientAllocatableMagnitude(address,uint256,uint256)").argument).to.equal("magnitudes");
  });

  it("shows token amounts in whole tokens when the caller gives the token's decimals, and in base units otherwise", function () {
    const args = { strategy, amount: 150_000_000n, maxPerDeposit: 100_000_000n };
    expect(render("PerDepositCapExceeded(address,uint256,uint256)", args).explain).to.equal(
      "A deposit of 150,000,000 base units into strategy 0x5FbD…0aa3 exceeds its per-deposit cap of 100,000,000 base units.",
    );
    const { explain, hint } = render("PerDepositCapExceeded(address,uint256,uint256)", { ...args, tokenDecimals: 6 });
    expect(explain).to.include("A deposit of 150 tokens").and.to.include("cap of 100 tokens");
    expect(hint).to.include("at most 100 tokens");
  });

  it("says how much room a strategy's total cap leaves", function () {
    const { hint } = render("TotalDepositCapExceeded(uint256,uint256,uint256)", {
      balance: 900n,
      amount: 200n,
      maxTotalDeposits: 1_000n,
    });
    expect(hint).to.include("at most 100 base units");
  });

  it("tells a staker asking too much how much it can withdraw", function () {
    const { explain, hint } = render("InsufficientShares(address,address,uint256,uint256)", {
      staker: strategy,
      strategy,
      requested: 2_000n,
      available: 1_500n,
    });
    expect(explain).to.include("at most 1,500 shares").and.to.include("2,000 shares were asked for");
    expect(hint).to.include("at most 1,500 shares");
  });

  it("unwraps a registrar's rejection into the registrar's own error, and its advice", function () {
    const { explain, hint } = render("RegistrarRejected(address,bytes)", { registrar: strategy, reason: STAKE_ERROR });
    expect(explain).to.include("rejected the registration: Operator 0x5FbD…0aa3 has a stake weight of 10 at");
    expect(explain).to.include("below the minimum of 1,000");
    expect(hint).to.equal(entryOf("StakeBelowMinimum(address,uint256,uint256,uint256)").hint({}));
    expect(render("RegistrarRejected(address,bytes)", { registrar: strategy, reason: BYTES[3] }).explain).to.include(
      '"minimum stake not met"',
    );
    expect(
      render("RegistrarRejected(address,bytes)", { registrar: strategy, reason: "0xdeadbeef" }).explain,
    ).to.include("its own error 0xdeadbeef");
  });

  it("names the paused action when the contract is known, and every candidate when it is not", function () {
    expect(render("ActionPaused(uint8)", { flag: 1n, contract: "WithdrawalQueue" }).explain).to.equal(
      "Completing withdrawals is paused on the WithdrawalQueue (pause bit 1).",
    );
    const { explain } = render("ActionPaused(uint8)", { flag: 2n });
    expect(explain).to.equal(
      "The action behind pause bit 2 is paused: undelegating (OperatorRegistry) or releasing slashed funds to redistribution recipients (SlashingCoordinator), whichever contract raised it.",
    );
  });

  it("dates the veto deadline and the expiry of slash requests against the chain's time", function () {
    const now = 1_800_000_000n;
    expect(
      render("RequestNotExecutable(uint256,uint256,uint256)", {
        requestId: 7n,
        vetoDeadline: now + 3_600n,
        currentTime: now,
      }).explain,
    ).to.equal(
      "Slash request 7 can be executed from 2027-01-15 09:00:00 UTC (in 1 hour), when its veto window closes.",
    );
    expect(
      render("RequestExpired(uint256,uint256,uint256)", {
        requestId: 7n,
        expiresAt: now - 2n * 86_400n,
        currentTime: now,
      }).explain,
    ).to.include("expired at 2027-01-13 08:00:00 UTC (2 days ago)");
    expect(render("RequestNotPending(uint256,uint8)", { requestId: 7n, status: 2n }).explain).to.equal(
      "Slash request 7 was vetoed by the resolver.",
    );
  });

  it("tells a burning set from a redistributing one", function () {
    const avs = strategy;
    expect(
      render("SetNotRedistributingToSlasher(address,uint32,address)", {
        avs,
        setId: 3n,
        recipient: "0x0000000000000000000000000000000000000000",
      }).explain,
    ).to.equal(
      "Set 3 of AVS 0x5FbD…0aa3 burns its slashed funds instead of sending them to this slasher, which could then pay no bounty.",
    );
  });

  it("asks an under-approved depositor to approve the strategy that pulls the tokens", function () {
    const { explain, hint } = render("ERC20InsufficientAllowance(address,uint256,uint256)", {
      spender: strategy,
      allowance: 0n,
      needed: 10n ** 18n,
      tokenDecimals: 18n,
    });
    expect(explain).to.equal("0x5FbD…0aa3 is allowed to spend 0 tokens, but the transfer needs 1 token.");
    expect(hint).to.include(`Approve the strategy ${strategy}`).and.to.include("--approve");
  });

  it("dates the end of an escrow against the chain's time and says to release it then", function () {
    const now = 1_800_000_000n;
    const { explain, hint } = render("EscrowNotOver(address,uint32,address,address,uint48,uint256)", {
      avs: strategy,
      setId: 2n,
      strategy,
      recipient: strategy,
      releasableAt: now + 4n * 86_400n,
      currentTime: now,
    });
    expect(explain).to.include("in escrow until 2027-01-19 08:00:00 UTC (in 4 days)");
    expect(hint).to.equal("Wait until 2027-01-19 08:00:00 UTC, then release the funds again.");
    expect(entryOf("EscrowNotOver(address,uint32,address,address,uint48,uint256)").argument).to.equal("recipient");
  });

  it("tells a burning set's refusal of a recipient from a redistributing set's need of one", function () {
    const args = { avs: strategy, setId: 1n, recipient: "0x0000000000000000000000000000000000000000" };
    expect(
      render("InvalidRedistributionRecipient(address,uint32,address,bool)", { ...args, redistributing: true }).explain,
    ).to.include("needs a recipient");
    expect(
      render("InvalidRedistributionRecipient(address,uint32,address,bool)", { ...args, redistributing: false }).explain,
    ).to.include("burns its slashed funds for its whole life");
  });

  it("explains panics in plain words", function () {
    expect(explainPanic(0x11n)).to.include("overflowed or underflowed");
    expect(explainPanic(0x12n)).to.include("divided by zero");
    expect(explainPanic(0x32n)).to.include("out of its bounds");
    for (const code of [0x00n, 0x01n, 0x11n, 0x12n, 0x21n, 0x22n, 0x31n, 0x32n, 0x41n, 0x51n]) {
      expect(explainPanic(code), code.toString(16)).to.not.include("unknown code");
    }
    expect(explainPanic(0x99n)).to.equal("The contract panicked with an unknown code (0x99).");
  });
});

// ------------------------------------------------------------------ the formatters

describe("SDK error formatters: exact output for known values", function () {
  it("shortens addresses to their checksummed ends, and hashes to theirs", function () {
    expect(shortAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3")).to.equal("0x5FbD…0aa3");
    expect(shortAddress("not an address")).to.equal("not an address");
    expect(shortHex("0x" + "12".repeat(31) + "ef")).to.equal("0x1212…12ef");
    expect(shortHex("0xdeadbeef")).to.equal("0xdeadbeef");
    expect(shortHex("0x" + "ab".repeat(32), 6)).to.equal("0xababab…ababab");
  });

  it("groups integers by thousands", function () {
    expect(formatInteger(0n)).to.equal("0");
    expect(formatInteger(999n)).to.equal("999");
    expect(formatInteger(1_234_567n)).to.equal("1,234,567");
    expect(formatInteger(-1_000n)).to.equal("-1,000");
  });

  it("writes durations to their two largest units, rounded down", function () {
    expect(formatDuration(0n)).to.equal("0 seconds");
    expect(formatDuration(1n)).to.equal("1 second");
    expect(formatDuration(90n)).to.equal("1 minute 30 seconds");
    expect(formatDuration(3_600n)).to.equal("1 hour");
    expect(formatDuration(7n * 86_400n - 1n)).to.equal("6 days 23 hours");
    expect(formatDuration(30n * 86_400n)).to.equal("30 days");
    expect(formatDuration(366n * 86_400n)).to.equal("1 year 1 day");
    expect(formatDuration(-120n)).to.equal("-2 minutes");
  });

  it("dates timestamps in UTC with the time relative to a given now", function () {
    expect(formatTimestamp(1_800_000_000n, 1_799_996_400n)).to.equal("2027-01-15 08:00:00 UTC (in 1 hour)");
    expect(formatTimestamp(1_800_000_000n, 1_800_172_800n)).to.equal("2027-01-15 08:00:00 UTC (2 days ago)");
    expect(formatTimestamp(1_800_000_000n, 1_800_000_000n)).to.equal("2027-01-15 08:00:00 UTC (now)");
    expect(formatUtcDate(0n)).to.equal("1970-01-01 00:00:00 UTC");
    expect(formatRelative(100n, 40n)).to.equal("in 1 minute");
    // `type(uint256).max`, a common "never expires", is no date.
    expect(formatTimestamp(2n ** 256n - 1n, 0n)).to.match(/^timestamp 115,792,/);
  });

  it("shows fractions of 1e18 as percentages, exact or marked approximate", function () {
    expect(formatWad(5n * 10n ** 17n)).to.equal("50%");
    expect(formatWad(10n ** 18n)).to.equal("100%");
    expect(formatWad(0n)).to.equal("0%");
    expect(formatWad(125n * 10n ** 15n)).to.equal("12.5%");
    expect(formatWad(10n ** 14n)).to.equal("0.01%");
    expect(formatWad(10n ** 18n / 3n)).to.equal("~33.3333%");
    // Just above 100% must not read as 100%, nor one wei as 0%.
    expect(formatWad(10n ** 18n + 1n)).to.equal("100.0000000000000001%");
    expect(formatWad(1n)).to.equal("0.0000000000000001%");
    expect(formatWad(2n * 10n ** 18n)).to.equal("200%");
  });

  it("shows token amounts in whole tokens, exactly", function () {
    expect(formatAmount(1_500_000_000_000_000_000n)).to.equal("1.5");
    expect(formatAmount(1_234_567_890_000_000_000_000n)).to.equal("1,234.56789");
    expect(formatAmount(1n)).to.equal("0.000000000000000001");
    expect(formatAmount(0n)).to.equal("0");
    expect(formatAmount(2_500_000n, 6)).to.equal("2.5");
    expect(formatAmount(42n, 0)).to.equal("42");
    expect(formatAmount(-(10n ** 18n))).to.equal("-1");
  });
});
