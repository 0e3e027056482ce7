export * from "./registerAsOperator.js";
export * from "./updateMetadataURI.js";
export * from "./setDelegationApprover.js";
export * from "./setAllocationDelay.js";
export * from "./registerForSets.js";
export * from "./deregisterFromSets.js";
export * from "./allocate.js";
export * from "./registerSigningKey.js";
