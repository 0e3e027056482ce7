/**
 * `palisade`: the CLI's entry point. `main` parses `argv`, runs one command and returns its exit code; it never
 * exits the process, and reads and writes only through `io` (the process by default), so tests run it in-process.
 */
import { readFileSync } from "node:fs";

import { avsCommand } from "./commands/avs.js";
import { keysCommand } from "./commands/keys.js";
import { operatorCommand } from "./commands/operator.js";
import { stakerCommand } from "./commands/staker.js";
import { assertCommanderHook, createProgram } from "./command.js";
import { EXIT_OK, isCommanderSuccess, reportError } from "./errors.js";
import { resolveIO, type CliIO } from "./io.js";
import { Runtime } from "./session.js";

export type { CliIO } from "./io.js";
export { EXIT_FAILED, EXIT_INPUT, EXIT_NETWORK, EXIT_OK } from "./errors.js";

/** The package's version, from its package.json (two levels up from both src/cli and dist/cli). */
function version(): string {
  try {
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    return (JSON.parse(text) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Whether --json is asked for, read before parsing so that even a usage error is reported as JSON. The environment
 * twin follows the CLI's rule for booleans (`0`, `false`, `no`, `off` and empty leave it off).
 */
function wantsJson(argv: readonly string[], env: CliIO["env"]): boolean {
  if (argv.includes("--json")) return true;
  const value = env.PALISADE_JSON;
  return value !== undefined && !["", "0", "false", "no", "off"].includes(value.trim().toLowerCase());
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code: 0 done, 1 reverted or
 * failed, 2 bad input, 3 network.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io?: CliIO): Promise<number> {
  const resolved = resolveIO(io);
  const runtime = new Runtime(resolved);
  try {
    assertCommanderHook();
    const program = createProgram(resolved, version());
    stakerCommand(program, runtime);
    operatorCommand(program, runtime);
    avsCommand(program, runtime);
    keysCommand(program, runtime);
    await program.parseAsync(argv, { from: "user" });
    return EXIT_OK;
  } catch (error) {
    if (isCommanderSuccess(error)) return EXIT_OK;
    return reportError(error, resolved, wantsJson(argv, resolved.env));
  } finally {
    runtime.close();
  }
}
