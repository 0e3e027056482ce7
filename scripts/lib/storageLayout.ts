/**
 * Upgrade safety of storage: what an implementation keeps in storage, read from the compiler's AST in Hardhat's
 * build info, and what an upgrade may change of it.
 *
 * Palisade's upgradeable contracts keep their state in ERC-7201 namespaces (a struct annotated
 * `@custom:storage-location erc7201:<id>`, placed at a slot derived from the id), their own and those of the
 * contracts they inherit. Such a layout survives an upgrade when each namespace struct only grows at its end, when
 * every struct reachable from a namespace keeps its members, and when no ordinary state variable appears (those
 * live from slot 0 on, outside every namespace). The solc `storageLayout` output does not describe namespaces, so
 * everything here comes from the AST, which Hardhat's builds always request.
 *
 * See docs/UPGRADING.md.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { keccak256, toBeHex, toUtf8Bytes } from "ethers";

import { CONTRACT_MANIFEST, LAYOUT_CONTRACTS } from "../../sdk/src/manifest.js";

/** A member of a struct, or a state variable: its name and its type as solc spells it. */
export interface Member {
  name: string;
  type: string;
}

/** One ERC-7201 namespace a contract uses. */
export interface Namespace {
  /** The id of the `erc7201:<id>` annotation. */
  id: string;
  /** The annotated struct. */
  struct: string;
  /** `keccak256(abi.encode(uint256(keccak256(id)) - 1)) & ~bytes32(uint256(0xff))`. */
  slot: string;
  members: Member[];
}

/** A struct reachable from a namespace (through mappings, arrays and other structs). */
export interface NestedStruct {
  members: Member[];
  /**
   * Every place it is stored is a mapping's value. Each entry of a mapping then starts at a slot of its own, so the
   * struct may grow at its end; stored inline (in another struct, in an array), growing it moves what follows.
   */
  mappingValueOnly: boolean;
}

/** A state variable outside every namespace (a constant or an immutable is in the code, not in storage). */
export interface StateVariable extends Member {
  /** The contract that declares it. */
  contract: string;
}

/** What one implementation keeps in storage. */
export interface ContractLayout {
  namespaces: Namespace[];
  /** Keyed by the struct's name as type strings spell it. */
  structs: Record<string, NestedStruct>;
  stateVariables: StateVariable[];
}

/** A snapshot: the layouts of the deployed implementations, by contract name. */
export interface LayoutSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  contracts: Record<string, ContractLayout>;
}

/** A layout as read from a build, with what the snapshot does not keep: the slot constants found in the code. */
export interface ExtractedLayout extends ContractLayout {
  /** By namespace id: the value of the constant the struct's getter assigns to `$.slot`, when the AST shows one. */
  slotConstants: Record<string, string>;
}

export const SNAPSHOT_FORMAT = "palisade-storage-layout-1";

const REPOSITORY_ROOT = path.join(import.meta.dirname, "..", "..");
export const ARTIFACTS_DIRECTORY = path.join(REPOSITORY_ROOT, "artifacts");
export const SNAPSHOT_FILE = path.join(REPOSITORY_ROOT, "reports", "storage-layout.json");

// ---------------------------------------------------------------- the slot formula

/** The ERC-7201 slot of namespace `id`. */
export function erc7201Slot(id: string): string {
  const inner = BigInt(keccak256(toUtf8Bytes(id))) - 1n;
  return toBeHex(BigInt(keccak256(toBeHex(inner, 32))) & ~0xffn, 32);
}

// ---------------------------------------------------------------- reading solc's AST

/** A node of solc's JSON AST: only the fields read here are named, every other one is `unknown`. */
interface AstNode {
  id?: number;
  nodeType: string;
  [field: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as { nodeType?: unknown }).nodeType === "string";
}

function child(node: AstNode, field: string): AstNode {
  const value = node[field];
  if (!isNode(value)) throw new Error(`AST node ${node.nodeType} #${node.id ?? "?"} has no node in "${field}"`);
  return value;
}

function children(node: AstNode, field: string): AstNode[] {
  const value = node[field];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function text(node: AstNode, field: string): string {
  const value = node[field];
  if (typeof value !== "string") throw new Error(`AST node ${node.nodeType} #${node.id ?? "?"} has no "${field}"`);
  return value;
}

function typeString(node: AstNode): string {
  const descriptions = node.typeDescriptions as { typeString?: unknown } | undefined;
  const type = descriptions?.typeString;
  if (typeof type !== "string") throw new Error(`AST node ${node.nodeType} #${node.id ?? "?"} has no type string`);
  return type;
}

/** Every node of every source of one solc output, by id, for following references across files. */
class AstIndex {
  readonly #nodes = new Map<number, AstNode>();

  constructor(sources: Record<string, { ast: unknown }>) {
    for (const { ast } of Object.values(sources)) this.#visit(ast);
  }

  #visit(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.#visit(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    if (isNode(value) && typeof value.id === "number") this.#nodes.set(value.id, value);
    for (const field of Object.values(value)) if (typeof field === "object") this.#visit(field);
  }

  get(id: unknown, nodeType?: string): AstNode {
    const node = typeof id === "number" ? this.#nodes.get(id) : undefined;
    if (node === undefined || (nodeType !== undefined && node.nodeType !== nodeType)) {
      throw new Error(`no ${nodeType ?? "AST node"} with id ${String(id)} in the build info`);
    }
    return node;
  }

  find(predicate: (node: AstNode) => boolean): AstNode | undefined {
    for (const node of this.#nodes.values()) if (predicate(node)) return node;
    return undefined;
  }
}

/** Every node under `root` (itself included) for which `predicate` holds. */
function descendants(root: unknown, predicate: (node: AstNode) => boolean, found: AstNode[] = []): AstNode[] {
  if (Array.isArray(root)) {
    for (const item of root) descendants(item, predicate, found);
  } else if (typeof root === "object" && root !== null) {
    if (isNode(root) && predicate(root)) found.push(root);
    for (const field of Object.values(root)) if (typeof field === "object") descendants(field, predicate, found);
  }
  return found;
}

const NAMESPACE_ANNOTATION = /@custom:storage-location\s+erc7201:(\S+)/;

/**
 * A contract's own name is not part of its storage: solc qualifies the structs it declares with it (`struct
 * StrategyManager.Position`), which would make a renamed contract (or a test's `LayoutV2` of `LayoutV1`) look
 * retyped. Those qualifiers are dropped; structs declared elsewhere keep theirs.
 */
function unqualify(type: string, contractName: string): string {
  const escaped = contractName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return type.replace(new RegExp(`\\b(struct|enum) ${escaped}\\.`, "g"), "$1 ");
}

/** The layout of `contractName`, declared in the source `sourceName` (as solc names it) of a solc output. */
function layoutFromAst(
  sources: Record<string, { ast: unknown }>,
  sourceName: string,
  contractName: string,
): ExtractedLayout {
  const index = new AstIndex(sources);
  const source = sources[sourceName];
  if (source === undefined) throw new Error(`the build info has no source ${sourceName}`);
  const contract = descendants(
    source.ast,
    (node) => node.nodeType === "ContractDefinition" && node.name === contractName,
  )[0];
  if (contract === undefined) throw new Error(`${sourceName} declares no contract ${contractName}`);
  const type = (node: AstNode): string => unqualify(typeString(node), contractName);

  // Most base first, as solc lays out state variables.
  const linearized = contract.linearizedBaseContracts;
  if (!Array.isArray(linearized)) throw new Error(`${contractName} has no linearized base contracts`);
  const lineage = (linearized as unknown[]).toReversed().map((id) => index.get(id, "ContractDefinition"));

  const layout: ExtractedLayout = { namespaces: [], structs: {}, stateVariables: [], slotConstants: {} };
  const usages = new Map<string, { members: Member[]; inline: boolean }>();

  // Records every struct a type reaches, noting whether it is ever stored other than as a mapping value.
  const reach = (typeName: AstNode, asMappingValue: boolean): void => {
    switch (typeName.nodeType) {
      case "Mapping":
        reach(child(typeName, "keyType"), false);
        reach(child(typeName, "valueType"), true);
        return;
      case "ArrayTypeName":
        reach(child(typeName, "baseType"), false);
        return;
      case "UserDefinedTypeName": {
        const declaration = index.get(typeName.referencedDeclaration);
        if (declaration.nodeType !== "StructDefinition") return;
        const name = type(typeName).replace(/^struct /, "");
        const known = usages.get(name);
        if (known !== undefined) {
          known.inline ||= !asMappingValue;
          return;
        }
        const members = children(declaration, "members");
        usages.set(name, {
          members: members.map((m) => ({ name: text(m, "name"), type: type(m) })),
          inline: !asMappingValue,
        });
        for (const member of members) reach(child(member, "typeName"), false);
        return;
      }
      default:
        return;
    }
  };

  for (const base of lineage) {
    const baseName = text(base, "name");
    for (const node of children(base, "nodes")) {
      if (node.nodeType === "StructDefinition") {
        const documentation = node.documentation;
        const annotation = isNode(documentation) ? NAMESPACE_ANNOTATION.exec(text(documentation, "text")) : null;
        const id = annotation?.[1];
        if (id === undefined) continue;
        const members = children(node, "members");
        layout.namespaces.push({
          id,
          struct: unqualify(`struct ${text(node, "canonicalName")}`, contractName).replace(/^struct /, ""),
          slot: erc7201Slot(id),
          members: members.map((m) => ({ name: text(m, "name"), type: type(m) })),
        });
        for (const member of members) reach(child(member, "typeName"), false);
        const constant = slotConstant(index, base, node);
        if (constant !== undefined) layout.slotConstants[id] = constant;
      } else if (node.nodeType === "VariableDeclaration" && node.stateVariable === true) {
        // Constants and immutables are code; transient variables are cleared after every transaction.
        if (node.constant === true || node.mutability === "immutable" || node.mutability === "transient") continue;
        layout.stateVariables.push({ contract: baseName, name: text(node, "name"), type: type(node) });
      }
    }
  }

  for (const [name, { members, inline }] of [...usages].sort(([a], [b]) => a.localeCompare(b))) {
    layout.structs[name] = { members, mappingValueOnly: !inline };
  }
  return layout;
}

/**
 * The value the getter of namespace struct `struct` (declared in `contract`) assigns to `$.slot`, when it is a
 * constant with a literal value: the `private pure` function returning `<Struct> storage $` whose assembly reads
 * the constant. Undefined when the getter computes the slot some other way (OpenZeppelin's Initializable does).
 */
function slotConstant(index: AstIndex, contract: AstNode, struct: AstNode): string | undefined {
  for (const fn of children(contract, "nodes")) {
    if (fn.nodeType !== "FunctionDefinition") continue;
    const returns = children(child(fn, "returnParameters"), "parameters");
    const returned = returns[0]?.typeName;
    if (returns.length !== 1 || !isNode(returned) || returned.referencedDeclaration !== struct.id) continue;
    for (const assembly of descendants(fn.body, (node) => node.nodeType === "InlineAssembly")) {
      const references = assembly.externalReferences;
      if (!Array.isArray(references)) continue;
      for (const reference of references as { declaration?: unknown }[]) {
        const declaration = index.get(reference.declaration);
        const value = declaration.value;
        if (declaration.constant !== true || !isNode(value) || value.nodeType !== "Literal") continue;
        if (typeof value.value === "string") return toBeHex(BigInt(value.value), 32);
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- reading a Hardhat build

interface HardhatArtifact {
  contractName: string;
  inputSourceName: string;
  buildInfoId: string;
}

interface SolcOutputFile {
  output: { sources: Record<string, { ast: unknown }> };
}

/**
 * The layout of the contract `contractName` in `sourceName` (a project path such as
 * "contracts/core/StrategyManager.sol"), from the build that last wrote its artifact: the artifact names its build
 * info, whose solc output holds the AST of the source and of everything it imports.
 */
export async function extractLayout(
  sourceName: string,
  contractName: string,
  artifactsDirectory = ARTIFACTS_DIRECTORY,
): Promise<ExtractedLayout> {
  const artifactFile = path.join(artifactsDirectory, sourceName, `${contractName}.json`);
  if (!existsSync(artifactFile)) {
    throw new Error(`no artifact for ${sourceName}:${contractName} in ${artifactsDirectory}: build first`);
  }
  const artifact = JSON.parse(await readFile(artifactFile, "utf8")) as HardhatArtifact;
  const outputFile = path.join(artifactsDirectory, "build-info", `${artifact.buildInfoId}.output.json`);
  const { output } = JSON.parse(await readFile(outputFile, "utf8")) as SolcOutputFile;
  return layoutFromAst(output.sources, artifact.inputSourceName, contractName);
}

/**
 * The layouts, in the current build, of every contract whose layout the snapshot holds (`storageLayout` in
 * sdk/src/manifest.ts: the proxies' implementations, and ERC20Strategy, whose clones live on across factory upgrades
 * while a new implementation is only used by new clones), by name.
 */
export async function extractUpgradeableLayouts(
  artifactsDirectory = ARTIFACTS_DIRECTORY,
): Promise<Record<string, ExtractedLayout>> {
  const layouts: Record<string, ExtractedLayout> = {};
  for (const name of LAYOUT_CONTRACTS) {
    layouts[name] = await extractLayout(CONTRACT_MANIFEST[name].source, name, artifactsDirectory);
  }
  return layouts;
}

/** The snapshot of `layouts`: what `reports/storage-layout.json` holds. */
export function toSnapshot(layouts: Record<string, ExtractedLayout>): LayoutSnapshot {
  const contracts: Record<string, ContractLayout> = {};
  for (const [name, { namespaces, structs, stateVariables }] of Object.entries(layouts)) {
    contracts[name] = { namespaces, structs, stateVariables };
  }
  return { format: SNAPSHOT_FORMAT, contracts };
}

export async function readSnapshot(file = SNAPSHOT_FILE): Promise<LayoutSnapshot> {
  // Parsed as unknown until its format is checked: a file of another format would be compared field by field.
  const parsed = JSON.parse(await readFile(file, "utf8")) as { format?: unknown };
  if (parsed.format !== SNAPSHOT_FORMAT) {
    throw new Error(`${file} is not a storage-layout snapshot of format ${SNAPSHOT_FORMAT}`);
  }
  return parsed as LayoutSnapshot;
}

// ---------------------------------------------------------------- comparing

const describe = (member: Member): string => `\`${member.name}\` (${member.type})`;

/**
 * What is wrong with `current` members of a struct that held `previous`, position by position. Renaming a member
 * keeps its slot and is allowed; after the first member that moves, every later one moves too, so the comparison
 * stops there rather than reporting each of them. Members past the previous end are returned as `appended`.
 */
function compareMembers(
  where: string,
  previous: Member[],
  current: Member[],
): { problems: string[]; appended: Member[] } {
  const problems: string[] = [];
  for (const [i, before] of previous.entries()) {
    const after = current[i];
    if (after === undefined) {
      problems.push(`${where}: member ${describe(before)} at position ${i} was removed`);
      return { problems, appended: [] };
    }
    if (after.name === before.name) {
      if (after.type !== before.type) {
        problems.push(`${where}: member \`${before.name}\` changed type from ${before.type} to ${after.type}`);
      }
      continue;
    }
    const movedTo = current.findIndex((m) => m.name === before.name);
    const cameFrom = previous.findIndex((m) => m.name === after.name);
    if (movedTo === -1 && cameFrom === -1) {
      // A rename: harmless unless the type changed with it.
      if (after.type !== before.type) {
        problems.push(
          `${where}: member ${describe(before)} at position ${i} became ${describe(after)}: renamed with a different type`,
        );
      }
      continue;
    }
    if (movedTo === -1) {
      problems.push(`${where}: member ${describe(before)} at position ${i} was removed; the members after it moved up`);
    } else if (cameFrom === -1) {
      problems.push(
        `${where}: member ${describe(after)} was inserted at position ${i}, before \`${before.name}\`; ` +
          "new members go at the end",
      );
    } else {
      problems.push(`${where}: member \`${before.name}\` moved from position ${i} to ${movedTo}`);
    }
    return { problems, appended: [] };
  }
  return { problems, appended: current.slice(previous.length) };
}

/** The layout checks that need no snapshot: every namespace's slot constant is its ERC-7201 slot. */
export function checkSlots(name: string, layout: ExtractedLayout): string[] {
  const problems: string[] = [];
  for (const namespace of layout.namespaces) {
    const constant = layout.slotConstants[namespace.id];
    if (constant !== undefined && constant !== namespace.slot) {
      problems.push(
        `${name}: namespace erc7201:${namespace.id} is placed at ${constant}, not at its ERC-7201 slot ${namespace.slot}`,
      );
    }
  }
  return problems;
}

/**
 * The problems an upgrade of contract `name` from the layout `previous` (the snapshot's) to `current` (the new
 * build's) would cause; none when the new implementation can run on the old one's storage.
 */
export function compareLayouts(name: string, previous: ContractLayout, current: ExtractedLayout): string[] {
  const problems = checkSlots(name, current);

  for (const namespace of previous.namespaces) {
    const now = current.namespaces.find((n) => n.id === namespace.id);
    if (now === undefined) {
      problems.push(`${name}: namespace erc7201:${namespace.id} (${namespace.struct}) was removed`);
      continue;
    }
    problems.push(
      ...compareMembers(`${name}: namespace erc7201:${namespace.id}`, namespace.members, now.members).problems,
    );
  }

  for (const [structName, struct] of Object.entries(previous.structs)) {
    const now = current.structs[structName];
    // A struct no namespace reaches any more was reached through a member whose type changed or which was
    // removed, and that is reported above.
    if (now === undefined) continue;
    const where = `${name}: struct ${structName}`;
    const { problems: changed, appended } = compareMembers(where, struct.members, now.members);
    problems.push(...changed);
    if (appended.length > 0 && !(struct.mappingValueOnly && now.mappingValueOnly)) {
      problems.push(
        `${where} gained ${appended.map(describe).join(", ")} at its end, but it is stored inline (in a struct or ` +
          "an array), where growing it moves what follows; only a struct only ever used as a mapping value may grow",
      );
    }
  }

  // Ordinary state variables cannot grow safely at all: they must stay exactly as they are.
  const key = (v: StateVariable): string => `${v.contract}.${v.name}: ${v.type}`;
  const before = new Set(previous.stateVariables.map(key));
  const after = new Set(current.stateVariables.map(key));
  const variableProblems: string[] = [];
  for (const variable of current.stateVariables) {
    if (!before.has(key(variable))) {
      variableProblems.push(
        `${name}: new ordinary state variable \`${variable.name}\` (${variable.type}) in ${variable.contract}; ` +
          "state goes in an ERC-7201 namespace",
      );
    }
  }
  for (const variable of previous.stateVariables) {
    if (!after.has(key(variable))) {
      variableProblems.push(
        `${name}: ordinary state variable \`${variable.name}\` (${variable.type}) in ${variable.contract} was removed or changed`,
      );
    }
  }
  if (
    variableProblems.length === 0 &&
    previous.stateVariables.map(key).join() !== current.stateVariables.map(key).join()
  ) {
    variableProblems.push(`${name}: the ordinary state variables were reordered`);
  }
  return [...problems, ...variableProblems];
}

/** Every problem of `current` against `snapshot`, over the contracts of the snapshot. */
export function compareWithSnapshot(snapshot: LayoutSnapshot, current: Record<string, ExtractedLayout>): string[] {
  const problems: string[] = [];
  for (const [name, previous] of Object.entries(snapshot.contracts)) {
    const now = current[name];
    if (now === undefined) {
      problems.push(`${name}: in the snapshot but not in the build`);
      continue;
    }
    problems.push(...compareLayouts(name, previous, now));
  }
  return problems;
}
