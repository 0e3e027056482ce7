export * from "./approve.js";
export * from "./deposit.js";
export * from "./depositWithSignature.js";
export * from "./delegate.js";
export * from "./undelegate.js";
export * from "./redelegate.js";
export * from "./queueWithdrawal.js";
export * from "./completeWithdrawal.js";
