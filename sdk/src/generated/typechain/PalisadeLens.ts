// TEMP
import type { BaseContract } from "ethers";
export type PalisadeLens = BaseContract;
