/** EIP-712 domains as the chain publishes them (ERC-5267), so a signature always matches the deployment it is for. */
import { Contract, type ContractRunner, type TypedDataDomain } from "ethers";

const ERC5267_ABI = [
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
];

/** Reads the EIP-712 domain of the contract at `address`. */
export async function readDomain(address: string, runner: ContractRunner): Promise<TypedDataDomain> {
  const contract = new Contract(address, ERC5267_ABI, runner);
  const domain = (await contract.getFunction("eip712Domain").staticCall()) as unknown as {
    name: string;
    version: string;
    chainId: bigint;
    verifyingContract: string;
  };
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}
