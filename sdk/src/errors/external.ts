/**
 * The catalogue entries of errors Palisade does not declare: OpenZeppelin's (ownership, initializers, proxies and
 * upgrades, low-level calls, safe casts and transfers, clones, signatures) and every ERC20 token's (\`IERC20Errors\`).
 * Their NatSpec is not ours to write, so their plain words are written here.
 */
import type { HandwrittenEntry } from "./entry.js";
import { addr, capitalise, hex, ident, int, text, tokens } from "./facts.js";

const REPORT_HINT =
  "This should not happen through Palisade's public entry points: report it to the Palisade team with the transaction.";

/** By signature. */
export const EXTERNAL_ENTRIES: Readonly<Record<string, HandwrittenEntry>> = {
  "OwnableUnauthorizedAccount(address)": {
    title: "Only the owner may do this",
    explain: (a) =>
      `${capitalise(addr(a, "account", 0))} is not the owner of this contract (or, when accepting ownership, not its pending owner).`,
    hint: () =>
      "Send the transaction from the owner's account (`owner()`); for a slasher's requests and slashes that is the slasher's owner.",
  },
  "OwnableInvalidOwner(address)": {
    title: "The owner cannot be that address",
    explain: (a) => `${capitalise(addr(a, "owner", 0))} cannot be the owner.`,
    argument: "owner",
    hint: () => "Pass a non-zero owner address.",
  },
  "ReentrancyGuardReentrantCall()": {
    title: "A call re-entered the contract",
    explain: () =>
      "The call re-entered a contract that was still executing, from a token transfer or hook callback, which the contract refuses.",
    hint: () =>
      "Do not call back into Palisade from a token or hook callback; a token that does so on its own cannot be used with Palisade.",
  },
  "InvalidInitialization()": {
    title: "The contract is initialized already",
    explain: () =>
      "The contract is initialized already, or this is the implementation itself, whose initializers are locked.",
    hint: () => "Initialize each proxy once, through the proxy; never call the implementation's initializer.",
  },
  "NotInitializing()": {
    title: "An initialization step ran outside initialization",
    explain: () => "A step reserved for initialization ran outside the contract's initializer.",
    hint: () => "Run initialization only through the proxy's `initialize` (or an upgrade's reinitializer).",
  },
  "ERC1967InvalidImplementation(address)": {
    title: "The new implementation has no code",
    explain: (a) => `${capitalise(addr(a, "implementation", 0))} is not a valid implementation: it has no code.`,
    argument: "implementation",
    hint: () => "Deploy the new implementation first and upgrade to its address on this chain.",
  },
  "ERC1967NonPayable()": {
    title: "Ether was sent with an upgrade that calls nothing",
    explain: () => "Ether was sent with an upgrade that calls no function, so it would be stuck in the proxy.",
    hint: () => "Send no value with `upgradeToAndCall` when its call data is empty.",
  },
  "UUPSUnauthorizedCallContext()": {
    title: "The upgrade was not called through the proxy",
    explain: () =>
      "The upgrade function was called on the implementation directly, not through the proxy that delegates to it.",
    hint: () => "Call `upgradeToAndCall` on the proxy's address.",
  },
  "UUPSUnsupportedProxiableUUID(bytes32)": {
    title: "The new implementation is not a UUPS implementation for this proxy",
    explain: (a) =>
      `The new implementation reports proxiable UUID ${hex(a, "slot", 0)}, not the ERC-1967 implementation slot.`,
    argument: "implementation",
    hint: () => "Upgrade only to a UUPS implementation of the same contract, built for ERC-1967 proxies.",
  },
  "AddressEmptyCode(address)": {
    title: "The called address has no code",
    explain: (a) => `${capitalise(addr(a, "target", 0))} has no code, so the call to it did nothing.`,
    hint: () => "Check the address: it must be a contract deployed on this chain.",
  },
  "FailedCall()": {
    title: "A low-level call failed without a reason",
    explain: () => "A low-level call made by the contract (the call of an upgrade) failed without giving a reason.",
    hint: () => "Simulate the inner call on its own to see why it fails, then retry.",
  },
  "SafeCastOverflowedUintDowncast(uint8,uint256)": {
    title: "A number is too large to store",
    explain: (a) =>
      `The value ${int(a, "value", 1)} does not fit in the ${ident(a, "bits", 0)} bits it is stored in: a position or an operator's stake would grow beyond its limit.`,
    hint: () => "Use a smaller amount.",
  },
  "CloneArgumentsTooLong()": {
    title: "The clone's arguments are too long",
    explain: () => "The strategy clone's immutable arguments are longer than a contract's code may be.",
    hint: () => REPORT_HINT,
  },
  "Create2EmptyBytecode()": {
    title: "The deployment has no code to deploy",
    explain: () => "The strategy deployment was given no code to deploy.",
    hint: () => REPORT_HINT,
  },
  "FailedDeployment()": {
    title: "The strategy could not be deployed",
    explain: () =>
      "Deploying the strategy clone failed: its address is taken already, or the deployment ran out of gas.",
    hint: () =>
      "Retry with a higher gas limit; if it fails again, check `predictStrategyAddress(token)` for a contract.",
  },
  "InsufficientBalance(uint256,uint256)": {
    title: "The factory holds too little ether for the deployment",
    explain: (a) =>
      `The factory holds ${int(a, "balance", 0)} wei, but the deployment needs ${int(a, "needed", 1)} wei.`,
    hint: () => REPORT_HINT,
  },
  "SafeERC20FailedOperation(address)": {
    title: "The token refused the transfer",
    explain: (a) => `Token ${addr(a, "token", 0)} refused a transfer: it returned false, or it has no code.`,
    hint: () =>
      "For a deposit, check the payer's balance and its approval of the strategy (a deposit can approve first: `approve: true` in the SDK, --approve in the CLI); for a payout, the token itself refuses to pay the receiver.",
  },
  "ECDSAInvalidSignature()": {
    title: "The signature is invalid",
    explain: () => "The signature is invalid: it recovers no signer.",
    argument: "signature",
    hint: () => "Pass the 65-byte signature exactly as the key produced it.",
  },
  "ECDSAInvalidSignatureLength(uint256)": {
    title: "The signature has the wrong length",
    explain: (a) => `The signature is ${int(a, "length", 0)} bytes long, where 65 are expected.`,
    argument: "signature",
    hint: () => "Pass the full 65-byte signature (r, s, v).",
  },
  "ECDSAInvalidSignatureS(bytes32)": {
    title: "The signature is malleable (high s)",
    explain: (a) =>
      `The signature's s value ${hex(a, "s", 0)} is in the upper half of the curve order, which is refused.`,
    argument: "signature",
    hint: () => "Sign with a standard signer, which produces low-s signatures, or normalise s.",
  },
  "ERC20InsufficientBalance(address,uint256,uint256)": {
    title: "The token balance is too low",
    explain: (a) =>
      `${capitalise(addr(a, "sender", 0))} holds ${tokens(a, "balance", 1)}, but the transfer needs ${tokens(a, "needed", 2)}.`,
    argument: "amount",
    hint: () => "Get more of the token, or use a smaller amount.",
  },
  "ERC20InsufficientAllowance(address,uint256,uint256)": {
    title: "The token allowance is too low",
    explain: (a) =>
      `${capitalise(addr(a, "spender", 0))} is allowed to spend ${tokens(a, "allowance", 1)}, but the transfer needs ${tokens(a, "needed", 2)}.`,
    argument: "amount",
    hint: (a) => {
      const spender = text(a, "spender", 0);
      const who = spender === undefined ? "the strategy" : `the strategy ${spender}`;
      return `Approve ${who} for at least the amount first (a deposit can approve first: \`approve: true\` in the SDK, --approve in the CLI).`;
    },
  },
  "ERC20InvalidSender(address)": {
    title: "Tokens cannot be sent from that address",
    explain: (a) => `The token refuses to send tokens from ${addr(a, "sender", 0)}.`,
    hint: () => "Send from a real account: tokens cannot come from the zero address.",
  },
  "ERC20InvalidReceiver(address)": {
    title: "Tokens cannot be sent to that address",
    explain: (a) => `The token refuses to send tokens to ${addr(a, "receiver", 0)}.`,
    argument: "receiver",
    hint: () => "Pass a receiver other than the zero address.",
  },
  "ERC20InvalidApprover(address)": {
    title: "That address cannot approve",
    explain: (a) => `The token refuses an approval from ${addr(a, "approver", 0)}.`,
    hint: () => "Approve from a real account: the zero address cannot approve.",
  },
  "ERC20InvalidSpender(address)": {
    title: "That address cannot be approved",
    explain: (a) => `The token refuses to approve ${addr(a, "spender", 0)} as a spender.`,
    argument: "strategy",
    hint: () => "Approve the strategy's address, not the zero address.",
  },
};
