/**
 * Where the CLI reads and writes: the process by default, or whatever a test passes in. Nothing in the CLI touches
 * `process.stdout`, `process.env` or stdin except through a `CliIO`, so a test can run `main` in-process and see
 * exactly what a user would.
 */
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";

export interface CliIO {
  /** Machine-readable results and tables: writes `s` as is (callers end their lines). */
  stdout: (s: string) => void;
  /** Prompts, progress, warnings and errors. */
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  /** Asks a question on the terminal; `hidden` for passwords and keys (nothing is echoed). */
  prompt?: (question: string, hidden?: boolean) => Promise<string>;
  /** Whether a person is at the terminal: confirmations can be asked and the progress line redrawn. */
  isTTY?: boolean;
}

/** A `CliIO` with every field filled in. */
export interface ResolvedIO extends Required<Omit<CliIO, "prompt">> {
  prompt: CliIO["prompt"];
}

/** Asks on stderr (stdout stays clean for results) and reads one line of stdin, echoing nothing when `hidden`. */
async function promptOnTerminal(question: string, hidden = false): Promise<string> {
  let muted = false;
  // readline echoes what is typed through its output stream: muting that stream hides a password as it is typed.
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = reader.question(question);
    muted = hidden;
    const line = await answer;
    if (hidden) process.stderr.write("\n");
    return line;
  } finally {
    reader.close();
  }
}

let pipeGuarded = false;

/**
 * A reader that stops early (`palisade --help | head`) closes the pipe: the rest of the output has nowhere to go,
 * which is not an error of the CLI's.
 */
function ignoreClosedPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}

/** The process's own streams, environment and terminal. */
export function processIO(): ResolvedIO {
  ignoreClosedPipes();
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    prompt: promptOnTerminal,
    isTTY: process.stdin.isTTY && process.stderr.isTTY,
  };
}

/** Fills in what a caller's `io` leaves out: the process's streams, no prompt, and not a terminal. */
export function resolveIO(io: CliIO | undefined): ResolvedIO {
  if (io === undefined) return processIO();
  return { stdout: io.stdout, stderr: io.stderr, env: io.env, prompt: io.prompt, isTTY: io.isTTY ?? false };
}
