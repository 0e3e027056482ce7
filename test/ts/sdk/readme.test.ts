import { readFile } from "node:fs/promises";

import { expect } from "chai";

import { README, withCatalogue } from "../../../sdk/scripts/render-error-docs.js";

describe("SDK README", function () {
  it("lists the error catalogue as the SDK has it (npm run docs -w @palisade/sdk regenerates it)", async function () {
    const readme = await readFile(README, "utf8");
    expect(readme).to.equal(await withCatalogue(readme));
  });
});
