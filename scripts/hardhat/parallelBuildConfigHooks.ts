import { isDeepStrictEqual } from "node:util";

import type { SolidityCompilerConfig } from "hardhat/types/config";
import type { ConfigHooks } from "hardhat/types/hooks";

/** Makes the `overrides` entries of a build profile that have equal settings share one configuration object. */
export default (): Promise<Partial<ConfigHooks>> =>
  Promise.resolve({
    resolveUserConfig: async (userConfig, resolveConfigurationVariable, next) => {
      const config = await next(userConfig, resolveConfigurationVariable);
      for (const profile of Object.values(config.solidity.profiles)) {
        const distinct: SolidityCompilerConfig[] = [];
        for (const [source, override] of Object.entries(profile.overrides)) {
          const twin = distinct.find((seen) => isDeepStrictEqual(seen, override));
          if (twin === undefined) distinct.push(override);
          else profile.overrides[source] = twin;
        }
      }
      return config;
    },
  });
