/**
 * Palisade's contracts, listed once. Everything that names a set of them derives its list from here: the Ignition
 * modules and the address book (deploy/), the SDK's typed contracts and deployment check, the ABIs the SDK ships
 * (sdk/scripts/sync-generated.ts), the storage-layout check, the size and deployment benches and the upgrade script.
 * Adding a contract here, or changing one of its facts, is the whole change: each consumer either follows or fails to
 * compile (a `Record` over the names below), and test/ts/deploy/manifest.test.ts fails when the core's Ignition module
 * deploys a different set.
 */

/** How a deployment holds a contract. */
export type DeploymentForm =
  /** Behind an ERC-1967 proxy of the core, UUPS-upgradeable by governance (Ownable2Step, PauseControl). */
  | "proxy"
  /** A clone the StrategyFactory makes per token: its implementation is replaced for new clones only. */
  | "clone"
  /** Deployed as it is, at an address of its own. */
  | "plain";

/** The core addresses a constructor takes, each named by the getter of the immutable that keeps it. */
export type WiringName = AddressKey | "strategyImplementation";

export interface ManifestEntry {
  /** The file that declares it, from the repository root (or from node_modules for a vendored contract). */
  readonly source: string;
  readonly deployment: DeploymentForm;
  /** Part of `PalisadeCore` (deploy/modules/Core.ts): every network runs it. */
  readonly core: boolean;
  /** Its key in the address book and in the SDK's `PalisadeContracts`; null when the address book has none. */
  readonly key: string | null;
  /** The SDK ships its ABI and typechain types (sdk/src/generated/abis/). */
  readonly sdk: boolean;
  /**
   * Its ERC-7201 storage layout is recorded in reports/storage-layout.json and checked before a release. Every proxy's
   * is, and ERC20Strategy's: its clones live on across factory upgrades, so a new implementation must read their state.
   */
  readonly storageLayout: boolean;
  /** Ours (not vendored) and deployable: the size bench watches its runtime bytecode against the 24 KB limit. */
  readonly sized: boolean;
  /** The core addresses its constructor takes, in the constructor's order. */
  readonly wiring: readonly string[];
}

/** Every contract, in the order the docs, the address book and the deployment list them. */
export const CONTRACT_MANIFEST = {
  StrategyManager: {
    source: "contracts/core/StrategyManager.sol",
    deployment: "proxy",
    core: true,
    key: "strategyManager",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["withdrawalQueue", "operatorRegistry", "allocationManager", "slashingCoordinator"],
  },
  WithdrawalQueue: {
    source: "contracts/core/WithdrawalQueue.sol",
    deployment: "proxy",
    core: true,
    key: "withdrawalQueue",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["strategyManager", "operatorRegistry", "avsRegistry"],
  },
  OperatorRegistry: {
    source: "contracts/delegation/OperatorRegistry.sol",
    deployment: "proxy",
    core: true,
    key: "operatorRegistry",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["strategyManager", "withdrawalQueue"],
  },
  AVSRegistry: {
    source: "contracts/avs/AVSRegistry.sol",
    deployment: "proxy",
    core: true,
    key: "avsRegistry",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["operatorRegistry", "withdrawalQueue", "slashingCoordinator"],
  },
  AllocationManager: {
    source: "contracts/avs/AllocationManager.sol",
    deployment: "proxy",
    core: true,
    key: "allocationManager",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["strategyManager", "operatorRegistry", "avsRegistry", "withdrawalQueue", "slashingCoordinator"],
  },
  SlashingCoordinator: {
    source: "contracts/slashing/SlashingCoordinator.sol",
    deployment: "proxy",
    core: true,
    key: "slashingCoordinator",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["avsRegistry", "allocationManager", "strategyManager", "withdrawalQueue"],
  },
  StrategyFactory: {
    source: "contracts/strategies/StrategyFactory.sol",
    deployment: "proxy",
    core: true,
    key: "strategyFactory",
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["strategyImplementation"],
  },
  ERC20Strategy: {
    source: "contracts/strategies/ERC20Strategy.sol",
    deployment: "clone",
    core: true,
    key: null,
    sdk: true,
    storageLayout: true,
    sized: true,
    wiring: ["strategyManager"],
  },
  InstantSlasher: {
    source: "contracts/slashers/InstantSlasher.sol",
    deployment: "plain",
    core: false,
    key: null,
    sdk: true,
    storageLayout: false,
    sized: true,
    wiring: [],
  },
  VetoSlasher: {
    source: "contracts/slashers/VetoSlasher.sol",
    deployment: "plain",
    core: false,
    key: null,
    sdk: true,
    storageLayout: false,
    sized: true,
    wiring: [],
  },
  EquivocationSlasher: {
    source: "contracts/slashers/EquivocationSlasher.sol",
    deployment: "plain",
    core: false,
    key: null,
    sdk: true,
    storageLayout: false,
    sized: true,
    wiring: [],
  },
  PriceOracleAVS: {
    source: "contracts/examples/PriceOracleAVS.sol",
    deployment: "plain",
    core: false,
    key: null,
    sdk: true,
    storageLayout: false,
    sized: true,
    wiring: [],
  },
  PalisadeLens: {
    source: "contracts/periphery/PalisadeLens.sol",
    deployment: "plain",
    core: true,
    key: "lens",
    sdk: true,
    storageLayout: false,
    sized: true,
    wiring: [
      "strategyManager",
      "withdrawalQueue",
      "operatorRegistry",
      "avsRegistry",
      "allocationManager",
      "slashingCoordinator",
    ],
  },
  /** The implementation the core's proxies start on, so that they can be built before the contracts they wire. */
  DeploymentPlaceholder: {
    source: "contracts/proxy/DeploymentPlaceholder.sol",
    deployment: "plain",
    core: true,
    key: null,
    sdk: false,
    storageLayout: false,
    sized: true,
    wiring: [],
  },
  /** OpenZeppelin's proxy, one per proxied contract. */
  ERC1967Proxy: {
    source: "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
    deployment: "plain",
    core: true,
    key: null,
    sdk: false,
    storageLayout: false,
    sized: false,
    wiring: [],
  },
} as const satisfies Readonly<Record<string, ManifestEntry>>;

export type ContractName = keyof typeof CONTRACT_MANIFEST;
type Entry<N extends ContractName> = (typeof CONTRACT_MANIFEST)[N];

/** The names whose entry matches `Shape`. */
type NamesWhere<Shape> = { [N in ContractName]: Entry<N> extends Shape ? N : never }[ContractName];

/** The contracts the address book holds, and the key of each. */
export type AddressBookContract = NamesWhere<{ readonly key: string }>;
export type AddressKey = Entry<AddressBookContract>["key"];
/** The contracts behind the core's proxies: upgradeable, owned by governance. */
export type UpgradeableContract = NamesWhere<{ readonly deployment: "proxy" }>;
/** The contracts whose ABI and typechain types the SDK ships. */
export type SdkContract = NamesWhere<{ readonly sdk: true }>;
/** The contracts whose storage layout the snapshot keeps. */
export type LayoutContract = NamesWhere<{ readonly storageLayout: true }>;
/** The contracts `PalisadeCore` deploys. */
export type CoreContract = NamesWhere<{ readonly core: true }>;

export const CONTRACT_NAMES = Object.keys(CONTRACT_MANIFEST) as ContractName[];

function namesWhere<N extends ContractName>(test: (entry: ManifestEntry) => boolean): N[] {
  return CONTRACT_NAMES.filter((name) => test(CONTRACT_MANIFEST[name])) as N[];
}

export const ADDRESS_BOOK_CONTRACTS = namesWhere<AddressBookContract>((entry) => entry.key !== null);
export const UPGRADEABLE_CONTRACTS = namesWhere<UpgradeableContract>((entry) => entry.deployment === "proxy");
export const SDK_CONTRACTS = namesWhere<SdkContract>((entry) => entry.sdk);
export const LAYOUT_CONTRACTS = namesWhere<LayoutContract>((entry) => entry.storageLayout);
export const CORE_CONTRACTS = namesWhere<CoreContract>((entry) => entry.core);
export const SIZED_CONTRACTS = namesWhere((entry) => entry.sized);

/** The address book's keys, in the manifest's order. */
export const ADDRESS_NAMES: readonly AddressKey[] = ADDRESS_BOOK_CONTRACTS.map((name) => CONTRACT_MANIFEST[name].key);

export function isUpgradeableContract(name: string): name is UpgradeableContract {
  return (UPGRADEABLE_CONTRACTS as readonly string[]).includes(name);
}

/** The folder that declares `name` (`contracts/core`): the build's artifacts and typechain's types follow it. */
export function sourceFolderOf(name: ContractName): string {
  const { source } = CONTRACT_MANIFEST[name];
  return source.slice(0, source.lastIndexOf("/"));
}

/** Every wiring name is an address-book key or the strategy implementation: a typo here is a compile error. */
type WiringIsKnown<W extends WiringName> = W;
export type ManifestWiring = WiringIsKnown<Entry<ContractName>["wiring"][number]>;
