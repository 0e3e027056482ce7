/**
 * Every EIP-712 message Palisade's contracts accept: its types, and a helper that signs it under the domain read from
 * the chain. Tests check each digest against the contract's own digest view.
 */
import { hexlify, randomBytes, TypedDataEncoder, type Signer, type TypedDataField } from "ethers";

import type { PalisadeContext } from "../context.js";
import { readDomain } from "./domain.js";

type Types = Record<string, TypedDataField[]>;

/** A staker lets someone else deposit on its behalf (StrategyManager.depositWithSignature). */
export const DEPOSIT_TYPES: Types = {
  Deposit: [
    { name: "staker", type: "address" },
    { name: "strategy", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
};

/** An operator's delegation approver lets a staker delegate (OperatorRegistry.delegate / redelegate). */
export const DELEGATION_APPROVAL_TYPES: Types = {
  DelegationApproval: [
    { name: "staker", type: "address" },
    { name: "operator", type: "address" },
    { name: "salt", type: "bytes32" },
    { name: "expiry", type: "uint256" },
  ],
};

/** An operator consents to an AVS registering it for sets (AVSRegistry.registerOperatorWithConsent). */
export const REGISTRATION_CONSENT_TYPES: Types = {
  RegistrationConsent: [
    { name: "operator", type: "address" },
    { name: "avs", type: "address" },
    { name: "setIds", type: "uint32[]" },
    { name: "data", type: "bytes" },
    { name: "salt", type: "bytes32" },
    { name: "expiry", type: "uint256" },
  ],
};

/** A signing key proves it agrees to sign for an operator (EquivocationSlasher.registerSigningKey). */
export const KEY_REGISTRATION_TYPES: Types = {
  KeyRegistration: [
    { name: "operator", type: "address" },
    { name: "key", type: "address" },
  ],
};

/** A signing key attests a payload for a height (what an equivocation report proves twice). */
export const ATTESTATION_TYPES: Types = {
  Attestation: [
    { name: "height", type: "uint64" },
    { name: "payloadHash", type: "bytes32" },
  ],
};

export interface DepositAuthorization {
  staker: string;
  strategy: string;
  amount: bigint;
  nonce: bigint;
  expiry: bigint;
}
export interface DelegationApproval {
  staker: string;
  operator: string;
  salt: string;
  expiry: bigint;
}
export interface RegistrationConsent {
  operator: string;
  avs: string;
  setIds: number[];
  data: string;
  salt: string;
  expiry: bigint;
}
export interface KeyRegistration {
  operator: string;
  key: string;
}
export interface Attestation {
  height: bigint;
  payloadHash: string;
}

/** A signed message: the values signed, the signature, and the EIP-712 digest (what the contract recovers from). */
export interface Signed<M> {
  message: M;
  signature: string;
  digest: string;
}

async function sign<M extends object>(
  ctx: PalisadeContext,
  signer: Signer,
  verifyingContract: string,
  types: Types,
  message: M,
): Promise<Signed<M>> {
  const domain = await readDomain(verifyingContract, ctx.provider);
  const values = message as unknown as Record<string, unknown>;
  const signature = await signer.signTypedData(domain, types, values);
  return { message, signature, digest: TypedDataEncoder.hash(domain, types, values) };
}

/** A fresh random salt. */
export const randomSalt = (): string => hexlify(randomBytes(32));

/** Seconds since the epoch, `seconds` from now by the local clock: a deadline. */
export const expiresIn = (seconds: number): bigint => BigInt(Math.floor(Date.now() / 1000) + seconds);

/**
 * Signs, as the staker, an authorisation for anyone to deposit `amount` of `strategy` for it; the nonce is the
 * staker's current one unless given. Whoever submits it pays the tokens.
 */
export async function signDeposit(
  ctx: PalisadeContext,
  staker: Signer,
  params: { strategy: string; amount: bigint; expiry: bigint; nonce?: bigint },
): Promise<Signed<DepositAuthorization>> {
  const address = await staker.getAddress();
  return sign(ctx, staker, ctx.deployment.addresses.strategyManager, DEPOSIT_TYPES, {
    staker: address,
    strategy: params.strategy,
    amount: params.amount,
    nonce: params.nonce ?? (await ctx.contracts.strategyManager.nonces(address)),
    expiry: params.expiry,
  });
}

/** Signs, as an operator's delegation approver, the approval for `staker` to delegate to `operator`. */
export async function signDelegationApproval(
  ctx: PalisadeContext,
  approver: Signer,
  params: { staker: string; operator: string; expiry: bigint; salt?: string },
): Promise<Signed<DelegationApproval>> {
  return sign(ctx, approver, ctx.deployment.addresses.operatorRegistry, DELEGATION_APPROVAL_TYPES, {
    staker: params.staker,
    operator: params.operator,
    salt: params.salt ?? randomSalt(),
    expiry: params.expiry,
  });
}

/** Signs, as the operator, consent for `avs` to register it for `setIds` (with `data` for the registrar hook). */
export async function signRegistrationConsent(
  ctx: PalisadeContext,
  operator: Signer,
  params: { avs: string; setIds: number[]; data?: string; expiry: bigint; salt?: string },
): Promise<Signed<RegistrationConsent>> {
  return sign(ctx, operator, ctx.deployment.addresses.avsRegistry, REGISTRATION_CONSENT_TYPES, {
    operator: await operator.getAddress(),
    avs: params.avs,
    setIds: params.setIds,
    data: params.data ?? "0x",
    salt: params.salt ?? randomSalt(),
    expiry: params.expiry,
  });
}

/** Signs, as the signing key, its registration for `operator` with the equivocation slasher at `slasher`. */
export async function signKeyRegistration(
  ctx: PalisadeContext,
  key: Signer,
  slasher: string,
  operator: string,
): Promise<Signed<KeyRegistration>> {
  return sign(ctx, key, slasher, KEY_REGISTRATION_TYPES, { operator, key: await key.getAddress() });
}

/** Signs, as the signing key, an attestation of `payloadHash` at `height` under the equivocation slasher's domain. */
export async function signAttestation(
  ctx: PalisadeContext,
  key: Signer,
  slasher: string,
  params: { height: bigint; payloadHash: string },
): Promise<Signed<Attestation>> {
  return sign(ctx, key, slasher, ATTESTATION_TYPES, { height: params.height, payloadHash: params.payloadHash });
}
