import os from "node:os";

import type { SolidityHooks } from "hardhat/types/hooks";

/** Runs as many solc jobs at once as there are cores, unless the caller asked for a number itself. */
export default (): Promise<Partial<SolidityHooks>> =>
  Promise.resolve({
    build: async (context, rootFilePaths, options, next) =>
      next(context, rootFilePaths, { ...options, concurrency: options?.concurrency ?? os.cpus().length }),
  });
