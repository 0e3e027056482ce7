import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";

import { renderErrorCatalogue } from "../../../sdk/scripts/render-error-catalogue.js";
import { SDK_CONTRACTS } from "../../../sdk/scripts/sync-generated.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The SDK ships its error catalogue generated from the contracts' NatSpec, so that it builds without compiling the
 * contracts: this fails when an error's `@notice` or `@custom:` tags changed since (`npm run sync -w @palisade/sdk`
 * regenerates it).
 */
describe("SDK error catalogue: generated from the build's NatSpec", function () {
  it("is what the current build's NatSpec generates", async function () {
    for (const [file, content] of await renderErrorCatalogue(SDK_CONTRACTS)) {
      expect(await readFile(path.join(ROOT, file), "utf8"), `${file} is stale: npm run sync -w @palisade/sdk`).to.equal(
        content,
      );
    }
  });
});
