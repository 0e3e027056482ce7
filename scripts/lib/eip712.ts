import type { TypedDataDomain } from "ethers";

/** A contract that publishes its EIP-712 domain (ERC-5267), as every Palisade contract that checks signatures does. */
export interface Eip712Publisher {
  eip712Domain(): Promise<{ name: string; version: string; chainId: bigint; verifyingContract: string }>;
}

/** Reads `contract`'s EIP-712 domain from the chain, so a signature always matches the deployment it is for. */
export async function readDomain(contract: Eip712Publisher): Promise<TypedDataDomain> {
  const domain = await contract.eip712Domain();
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}
