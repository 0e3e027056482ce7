/** An SDK client over a core the tests or the bench deployed themselves, so they sign and parse as the SDK does. */
import type { Provider } from "ethers";

import { deploymentRecord } from "../../deploy/addressBook.js";
import { createPalisade, type PalisadeAddresses, type PalisadeClient } from "../../sdk/src/index.js";

/** Reads through `provider`; the core's contracts (typed or Ignition's) give the addresses. */
export async function palisadeOver(
  core: Record<keyof PalisadeAddresses, { getAddress(): Promise<string> }>,
  provider: Provider,
): Promise<PalisadeClient> {
  const { chainId } = await provider.getNetwork();
  // The core was just deployed on this provider's chain: the code check would only repeat what deployment proved.
  return createPalisade({
    runner: provider,
    deployment: await deploymentRecord(core, chainId, 0),
    skipCodeCheck: true,
  });
}
