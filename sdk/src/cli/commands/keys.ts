/** `palisade keys`: encrypted keys in the keystore directory. Private keys are never printed. */
import { existsSync } from "node:fs";
import { join } from "node:path";

import { Wallet } from "ethers";

import { InvalidArgumentError } from "../../errors/base.js";
import { example, type PalisadeCommand } from "../command.js";
import { checkKeyName, FAST_KDF_ENV, listKeystores, writeKeystore, type KeystoreEntry } from "../keystore.js";
import { parsePrivateKey } from "../parse.js";
import type { Runtime, Session } from "../session.js";
import { formatTable } from "../table.js";

interface NameOptions {
  name: string;
}

/** Refuses a taken name before any password is typed. */
function checkFreeName(session: Session, name: string): void {
  const file = join(session.settings.keystoreDir, `${checkKeyName(name)}.json`);
  if (existsSync(file)) {
    throw new InvalidArgumentError(`--name: a key named "${name}" already exists (${file}).`, {
      argument: "--name",
      hint: "Choose another name; an existing key is never overwritten.",
    });
  }
}

function fastKdf(session: Session): boolean {
  const fast = session.io.env[FAST_KDF_ENV] === "1";
  if (fast) session.info(`Warning: ${FAST_KDF_ENV}=1 encrypts with a weak scrypt setting, meant for tests only.`);
  return fast;
}

function printCreated(session: Session, verb: string, entry: KeystoreEntry): void {
  if (session.settings.json) session.printJson(entry);
  else session.print(`${verb} key "${entry.name}": ${entry.address}\n  file  ${entry.file}`);
}

/** The key `keys import` encrypts: the one given (flag or environment), else typed at a hidden prompt. */
async function keyToImport(session: Session): Promise<string> {
  const given = session.settings.privateKey;
  if (given !== undefined) return given;
  if (!session.interactive) {
    throw new InvalidArgumentError("No private key to import, and there is no terminal to ask it on.", {
      argument: "--private-key",
      hint: "Pass it in PALISADE_PRIVATE_KEY (or --private-key), or run in a terminal to type it hidden.",
    });
  }
  return parsePrivateKey(await session.ask("Private key to import: ", true), "private key");
}

async function listKeys(session: Session): Promise<void> {
  const dir = session.settings.keystoreDir;
  const entries = await listKeystores(dir);
  if (session.settings.json) {
    session.printJson({ dir, keys: entries });
  } else if (entries.length === 0) {
    session.print(`No keys in ${dir}. Create one with: palisade keys create --name <name>`);
  } else {
    session.print(
      `Keys in ${dir}\n\n${formatTable(
        ["name", "address"],
        entries.map((e) => [e.name, e.address]),
      )}`,
    );
  }
}

export function keysCommand(program: PalisadeCommand, runtime: Runtime): void {
  const keys = program
    .command("keys")
    .description("manage encrypted keys (Web3 Secret Storage files in --keystore-dir)")
    .addHelpText("after", example("palisade keys create --name alice", "palisade --keystore alice staker status"));

  keys
    .command("create")
    .description("create a random key and encrypt it with a password; prints its address, never the key")
    .option("--name <name>", "the key's name: its file is <keystore-dir>/<name>.json", "default")
    .addHelpText("after", example("palisade keys create --name alice"))
    .action(
      runtime.action<NameOptions>(async (session, options) => {
        checkFreeName(session, options.name);
        const password = await session.password(`Password for the new key "${options.name}"`, true);
        const wallet = Wallet.createRandom();
        const entry = await writeKeystore(
          session.settings.keystoreDir,
          options.name,
          wallet.privateKey,
          password,
          fastKdf(session),
        );
        printCreated(session, "Created", entry);
      }),
    );

  keys
    .command("import")
    .description("encrypt an existing private key (from --private-key, PALISADE_PRIVATE_KEY or a hidden prompt)")
    .requiredOption("--name <name>", "the key's name: its file is <keystore-dir>/<name>.json")
    .addHelpText("after", example("palisade keys import --name deployer   # asks for the key, then a password"))
    .action(
      runtime.action<NameOptions>(async (session, options) => {
        checkFreeName(session, options.name);
        const key = await keyToImport(session);
        const password = await session.password(`Password for the key "${options.name}"`, true);
        const entry = await writeKeystore(session.settings.keystoreDir, options.name, key, password, fastKdf(session));
        printCreated(session, "Imported", entry);
      }),
    );

  keys
    .command("list")
    .description("list the keys in the keystore directory: name and address")
    .addHelpText("after", example("palisade keys list --keystore-dir ./keys"))
    .action(runtime.action(listKeys));
}
