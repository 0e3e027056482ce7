import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { CONTRACT_MANIFEST, type UpgradeableContract } from "../../sdk/src/manifest.js";

export interface UpgradeModuleOptions {
  /** The core contract whose proxy is upgraded. */
  contract: UpgradeableContract;
  /**
   * The artifact of the new implementation; by default the contract's own. It must take the same constructor
   * arguments (the tests upgrade to a mock that extends the contract).
   */
  implementation?: string;
  /**
   * Whether the module also calls `upgradeToAndCall` on the proxy, from the deployment's sender, who must be the
   * proxy's owner. When governance is a timelock or a multisig, the module only deploys the implementation and
   * governance submits the call (see scripts/upgrade.ts).
   */
  upgrade?: boolean;
}

/**
 * An Ignition module that upgrades one proxy of the core: it reads the running implementation's wiring through
 * the proxy (the getters of the immutables its constructor sets, in the constructor's order: `wiring` in
 * sdk/src/manifest.ts), deploys the new implementation with it and, unless told not to, points the proxy at it.
 * A new implementation is built with the addresses the running one was, read from the proxy rather than taken as
 * parameters, so an upgrade cannot rewire the core by mistake. (Wiring a new address in is a deliberate change of
 * its own: deploy the implementation by hand and check it.) Nothing is initialised again: the implementation runs on
 * the proxy's storage as it is, which `npm run storage:check` vouches for.
 *
 * Parameters (module `PalisadeUpgrade<Contract>`):
 * - `proxy`: the address of the contract's proxy.
 */
export function upgradeModule({ contract, implementation = contract, upgrade = true }: UpgradeModuleOptions) {
  return buildModule(`PalisadeUpgrade${contract}`, (m) => {
    const proxyAddress = m.getParameter<string>("proxy");
    const proxy = m.contractAt(contract, proxyAddress, { id: `${contract}Proxy` });
    const wiring = CONTRACT_MANIFEST[contract].wiring.map((getter) =>
      m.staticCall(proxy, getter, [], 0, { id: `Read_${getter}` }),
    );
    const newImplementation = m.contract(implementation, wiring, { id: `${contract}Implementation` });
    if (upgrade) {
      m.call(proxy, "upgradeToAndCall", [newImplementation, "0x"], { id: `Upgrade${contract}` });
    }
    return { proxy, implementation: newImplementation };
  });
}
