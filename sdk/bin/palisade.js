#!/usr/bin/env node
// The `palisade` command. It stays a stub that loads the compiled CLI, so that npm can link the bin before the
// package is built (`npm ci` builds it through the root `prepare` script).
import process from "node:process";

import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
