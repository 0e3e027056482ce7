/** Solidity's panics (`Panic(uint256)`), which no ABI declares, in plain words. */

/** Solidity's panic codes, in plain words. */
const PANICS: Readonly<Record<string, string>> = {
  "0": "The contract hit a generic compiler-inserted panic.",
  "1": "An assertion failed: the contract reached a state its code treats as impossible, which is a bug.",
  "17": "An arithmetic operation overflowed or underflowed: a number went beyond what the contract can hold, or below zero.",
  "18": "The contract divided by zero (or took a modulo by zero).",
  "33": "A value was converted to an enum it is not a member of.",
  "34": "A storage byte array is incorrectly encoded.",
  "49": "The contract called pop() on an empty array.",
  "50": "The contract read or wrote an array out of its bounds.",
  "65": "The contract allocated too much memory, or created an array too large.",
  "81": "The contract called an internal function that was never set.",
};

/** Panic codes (0x01 assert, 0x11 overflow, 0x12 division by zero, 0x21, 0x22, 0x31, 0x32 out of bounds, 0x41, 0x51) in plain words. */
export function explainPanic(code: bigint): string {
  return PANICS[code.toString()] ?? `The contract panicked with an unknown code (0x${code.toString(16)}).`;
}
