/**
 * Keys at rest: Web3 Secret Storage (v3) files, as written by ethers' `Wallet.encrypt`, one per key in the keystore
 * directory (`<dir>/<name>.json`). A key's address is readable without its password (the file's `address` field);
 * its private key is never printed.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";

import { encryptKeystoreJson, getAddress, isError, Wallet, type HDNodeWallet } from "ethers";

import { InvalidArgumentError } from "../errors/base.js";
import type { ResolvedIO } from "./io.js";

export const DEFAULT_KEYSTORE_DIR = "~/.palisade/keystores";

/**
 * Set to 1 to encrypt new keys with a cheap scrypt (N = 1024) instead of ethers' default (N = 131072, about a second
 * or two per key). For tests only: such a file is quick to brute-force.
 */
export const FAST_KDF_ENV = "PALISADE_KEYSTORE_FAST_KDF";

export interface KeystoreEntry {
  name: string;
  address: string;
  file: string;
}

/** The keystore directory, with a leading `~` expanded to the home directory. */
export function keystoreDir(dir: string, io: ResolvedIO): string {
  if (dir === "~" || dir.startsWith("~/")) return join(io.env.HOME ?? homedir(), dir.slice(1));
  return resolve(dir);
}

/** A key's name: what its file is called. */
export function checkKeyName(name: string, flag = "--name"): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new InvalidArgumentError(`${flag}: "${name}" is not a usable key name.`, {
      argument: flag,
      hint: "Use up to 64 letters, digits, dots, dashes and underscores, starting with a letter or digit.",
    });
  }
  return name;
}

/** The file `--keystore` points at: a path (anything with a slash or ending in .json) or a name in the directory. */
export function keystoreFile(nameOrFile: string, dir: string): string {
  if (nameOrFile.includes("/") || nameOrFile.includes("\\") || nameOrFile.endsWith(".json")) {
    return isAbsolute(nameOrFile) ? nameOrFile : resolve(nameOrFile);
  }
  return join(dir, `${checkKeyName(nameOrFile, "--keystore")}.json`);
}

async function readKeystoreText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new InvalidArgumentError(`--keystore: no keystore file at ${file}.`, {
      argument: "--keystore",
      cause: error,
      hint: "`palisade keys list` shows the keys in the keystore directory (--keystore-dir).",
    });
  }
}

/** The address a keystore file holds, read from its `address` field (no password needed). */
function addressIn(text: string, file: string): string {
  let address: unknown;
  try {
    address = (JSON.parse(text) as { address?: unknown }).address;
  } catch (error) {
    throw new InvalidArgumentError(`${file} is not a keystore file (not JSON).`, {
      argument: "--keystore",
      cause: error,
    });
  }
  if (typeof address !== "string" || !/^(0x)?[0-9a-fA-F]{40}$/.test(address)) {
    throw new InvalidArgumentError(`${file} is not a keystore file (no address).`, { argument: "--keystore" });
  }
  return getAddress(address.startsWith("0x") ? address : `0x${address}`);
}

/** The address of the key in `file`, without decrypting it. */
export async function keystoreAddress(file: string): Promise<string> {
  return addressIn(await readKeystoreText(file), file);
}

/** Decrypts the key in `file`. */
export async function unlockKeystore(file: string, password: string): Promise<Wallet | HDNodeWallet> {
  const text = await readKeystoreText(file);
  try {
    return await Wallet.fromEncryptedJson(text, password);
  } catch (error) {
    if (isError(error, "INVALID_ARGUMENT") && error.argument === "password") {
      throw new InvalidArgumentError(`The password does not open the keystore ${basename(file)}.`, {
        argument: "--keystore",
        cause: error,
        hint: "Check the password (--password-file, PALISADE_KEYSTORE_PASSWORD, or the prompt).",
      });
    }
    throw new InvalidArgumentError(`${file} is not a keystore file ethers can read.`, {
      argument: "--keystore",
      cause: error,
    });
  }
}

/** Every key in `dir`, by name (files that are not keystores are skipped). */
export async function listKeystores(dir: string): Promise<KeystoreEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: KeystoreEntry[] = [];
  for (const fileName of names.filter((name) => name.endsWith(".json")).sort()) {
    const file = join(dir, fileName);
    try {
      entries.push({
        name: fileName.slice(0, -".json".length),
        address: addressIn(await readFile(file, "utf8"), file),
        file,
      });
    } catch {
      // Not a keystore: another tool's file in the same directory.
    }
  }
  return entries;
}

/** Encrypts `privateKey` into `<dir>/<name>.json`; refuses to overwrite a key of the same name. */
export async function writeKeystore(
  dir: string,
  name: string,
  privateKey: string,
  password: string,
  fastKdf: boolean,
): Promise<KeystoreEntry> {
  const wallet = new Wallet(privateKey);
  const json = fastKdf
    ? await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, password, {
        scrypt: { N: 1 << 10 },
      })
    : await wallet.encrypt(password);
  const file = join(dir, `${checkKeyName(name)}.json`);
  // Keys are private to the user: the directory and the file are not readable by others.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, json, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new InvalidArgumentError(`--name: a key named "${name}" already exists (${file}).`, {
        argument: "--name",
        hint: "Choose another name; an existing key is never overwritten.",
      });
    }
    throw error;
  }
  return { name, address: wallet.address, file };
}
