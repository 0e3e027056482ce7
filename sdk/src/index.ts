/**
 * @palisade/sdk: a typed TypeScript SDK for the Palisade restaking protocol.
 *
 * Start with `createPalisade`; every action is also exported on its own, taking a `PalisadeContext`.
 */
export * from "./client.js";
export * from "./context.js";
export * from "./contracts.js";
export * from "./deployment.js";
export * from "./manifest.js";
export * from "./errors/base.js";
export * from "./errors/catalogue.js";
export { decodeRevert, toPalisadeError } from "./errors/decode.js";
export * from "./errors/format.js";
export * from "./signatures/messages.js";
export { readDomain } from "./signatures/domain.js";
export * from "./tx/events.js";
export * from "./tx/write.js";
export * from "./validate.js";
export * from "./withdrawals.js";
export * from "./staker/index.js";
export * from "./operator/index.js";
export * from "./avs/index.js";
export * from "./read/index.js";
