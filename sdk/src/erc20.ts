/** The slice of ERC20 the SDK uses: balances, allowances, approvals and metadata for display. */
import type { BaseContract, ContractTransactionResponse } from "ethers";

export const ERC20_ABI = [
  "function balanceOf(address account) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function decimals() view returns (uint8)",
  "function symbol() view returns (string)",
  "event Approval(address indexed owner, address indexed spender, uint256 value)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
];

export interface Erc20 extends BaseContract {
  balanceOf(account: string): Promise<bigint>;
  allowance(owner: string, spender: string): Promise<bigint>;
  approve(spender: string, amount: bigint): Promise<ContractTransactionResponse>;
  decimals(): Promise<bigint>;
  symbol(): Promise<string>;
}
