import { expect } from "chai";

import {
  compareLayouts,
  compareWithSnapshot,
  erc7201Slot,
  extractLayout,
  extractUpgradeableLayouts,
  readSnapshot,
  toSnapshot,
  type ContractLayout,
  type ExtractedLayout,
} from "../../../scripts/lib/storageLayout.js";

/** The fixture contracts: test/solidity/upgrades/fixtures/<Name>.sol, compiled by the test build. */
const layoutOf = (name: string): Promise<ExtractedLayout> =>
  extractLayout(`test/solidity/upgrades/fixtures/${name}.sol`, name);

const NAMESPACE = "Layout: namespace erc7201:palisade.test.Layout";

/** `layout` as the snapshot keeps it. */
function snapshotOf(layout: ExtractedLayout): ContractLayout {
  const contracts = toSnapshot({ Layout: layout }).contracts;
  if (contracts.Layout === undefined) throw new Error("the snapshot lost the layout");
  return contracts.Layout;
}

describe("Storage layout check", function () {
  let v1: ContractLayout;

  before(async function () {
    v1 = snapshotOf(await layoutOf("LayoutV1"));
  });

  it("reads a namespace, the structs it reaches and how each is stored, from the AST", async function () {
    const layout = await layoutOf("LayoutV1");
    expect(layout.namespaces).to.deep.equal([
      {
        id: "palisade.test.Layout",
        struct: "LayoutStorage",
        slot: "0xa2f6bc3f9b7807e6ff29e82f7db81cf038e4eb92f8391f06874e317eab6b8400",
        members: [
          { name: "admin", type: "address" },
          { name: "total", type: "uint256" },
          { name: "deposits", type: "mapping(address => struct Deposit)" },
          { name: "history", type: "struct Checkpoint[]" },
        ],
      },
    ]);
    expect(layout.structs).to.deep.equal({
      Checkpoint: {
        members: [
          { name: "timestamp", type: "uint48" },
          { name: "value", type: "uint208" },
        ],
        mappingValueOnly: false,
      },
      Deposit: {
        members: [
          { name: "amount", type: "uint128" },
          { name: "since", type: "uint64" },
        ],
        mappingValueOnly: true,
      },
    });
    expect(layout.stateVariables).to.deep.equal([]);
    expect(layout.slotConstants).to.deep.equal({ "palisade.test.Layout": erc7201Slot("palisade.test.Layout") });
  });

  it("accepts members appended to the namespace and fields appended to a struct only used as a mapping value", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2Appended"))).to.deep.equal([]);
  });

  it("accepts the same layout, and a member renamed without changing its type", async function () {
    const same = await layoutOf("LayoutV1");
    expect(compareLayouts("Layout", v1, same)).to.deep.equal([]);
    const renamed = structuredClone(same);
    const admin = renamed.namespaces[0]?.members[0];
    if (admin === undefined) throw new Error("no first member");
    admin.name = "governor";
    expect(compareLayouts("Layout", v1, renamed)).to.deep.equal([]);
    admin.type = "uint160";
    expect(compareLayouts("Layout", v1, renamed)).to.deep.equal([
      `${NAMESPACE}: member \`admin\` (address) at position 0 became \`governor\` (uint160): renamed with a different type`,
    ]);
  });

  it("rejects a member inserted before the end", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2Inserted"))).to.deep.equal([
      `${NAMESPACE}: member \`fee\` (uint256) was inserted at position 1, before \`total\`; new members go at the end`,
    ]);
  });

  it("rejects a member whose type changed", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2Retyped"))).to.deep.equal([
      `${NAMESPACE}: member \`total\` changed type from uint256 to uint128`,
    ]);
  });

  it("rejects a removed member", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2Removed"))).to.deep.equal([
      `${NAMESPACE}: member \`total\` (uint256) at position 1 was removed; the members after it moved up`,
    ]);
  });

  it("rejects reordered members, even of the same type", async function () {
    const reordered = structuredClone(await layoutOf("LayoutV1"));
    const members = reordered.namespaces[0]?.members;
    if (members === undefined) throw new Error("no namespace");
    members.splice(0, 2, { name: "total", type: "uint256" }, { name: "admin", type: "uint256" });
    expect(compareLayouts("Layout", v1, reordered)).to.deep.equal([
      `${NAMESPACE}: member \`admin\` moved from position 0 to 1`,
    ]);
  });

  it("rejects a nested struct grown while stored inline, and a nested field retyped", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2NestedChanged"))).to.deep.equal([
      "Layout: struct Checkpoint gained `weight` (uint256) at its end, but it is stored inline (in a struct or an " +
        "array), where growing it moves what follows; only a struct only ever used as a mapping value may grow",
      "Layout: struct Deposit: member `since` changed type from uint64 to uint32",
    ]);
  });

  it("rejects a new ordinary state variable", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2PlainVariable"))).to.deep.equal([
      "Layout: new ordinary state variable `counter` (uint256) in LayoutV2PlainVariable; state goes in an ERC-7201 " +
        "namespace",
    ]);
  });

  it("rejects a namespace whose slot constant is not its ERC-7201 slot", async function () {
    expect(compareLayouts("Layout", v1, await layoutOf("LayoutV2WrongSlot"))).to.deep.equal([
      "Layout: namespace erc7201:palisade.test.Layout is placed at " +
        "0xa2f6bc3f9b7807e6ff29e82f7db81cf038e4eb92f8391f06874e317eab6b8415, not at its ERC-7201 slot " +
        "0xa2f6bc3f9b7807e6ff29e82f7db81cf038e4eb92f8391f06874e317eab6b8400",
    ]);
  });

  it("rejects a removed namespace and accepts a new one", async function () {
    const current = await layoutOf("LayoutV1");
    const moved = { ...current, namespaces: current.namespaces.map((n) => ({ ...n, id: "palisade.test.Other" })) };
    expect(compareLayouts("Layout", v1, { ...moved, slotConstants: {} })).to.deep.equal([
      "Layout: namespace erc7201:palisade.test.Layout (LayoutStorage) was removed",
    ]);
    const added = { ...current, namespaces: [...current.namespaces, ...moved.namespaces] };
    expect(compareLayouts("Layout", v1, added)).to.deep.equal([]);
  });

  it("finds the deployed implementations' layouts in reports/storage-layout.json", async function () {
    const snapshot = await readSnapshot();
    const current = await extractUpgradeableLayouts();
    expect(Object.keys(snapshot.contracts)).to.have.members(Object.keys(current));
    expect(compareWithSnapshot(snapshot, current)).to.deep.equal([]);
    // Every core contract keeps its state in namespaces only, its own and its bases'.
    for (const [name, layout] of Object.entries(current)) {
      expect(layout.stateVariables, name).to.deep.equal([]);
      expect(layout.namespaces.map((n) => n.id)).to.include(`palisade.storage.${name}`);
    }
  });
});
