/**
 * The SDK ships its generated tree (sdk/src/generated/: each contract's ABI and typechain types), so that it builds
 * without compiling the contracts. This test fails when the tree falls behind the build: regenerate it with
 * `npm run sync -w @palisade/sdk`.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { renderGenerated } from "../../../sdk/scripts/sync-generated.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const GENERATED = "sdk/src/generated";

describe("SDK generated tree", function () {
  it("is what the sync script renders from the current build, file for file", async function () {
    const rendered = await renderGenerated();
    const onDisk = readdirSync(path.join(ROOT, GENERATED), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
    expect(onDisk.sort(), "files nobody generates, or missing ones").to.deep.equal([...rendered.keys()].sort());
    for (const [file, content] of rendered) {
      const stale = readFileSync(path.join(ROOT, file), "utf8") !== content;
      expect(stale, `${file} is stale: run npm run sync -w @palisade/sdk`).to.equal(false);
    }
  });
});
