/** Objective slashing: two different payloads signed by an operator's key for one height. */
import { equivocationSlasherAt } from "../contracts.js";
import type { PalisadeContext } from "../context.js";
import { recoverAddress } from "ethers";

import { InvalidArgumentError, PreflightError, type ContractRevertError } from "../errors/base.js";
import { toPalisadeError } from "../errors/decode.js";
import type { Attestation, Signed } from "../signatures/messages.js";
import { prepared } from "../tx/call.js";
import { defineWrite } from "../tx/write.js";
import { requireAddress, requireBytes32 } from "../validate.js";
import { slashResult, type SlashResult } from "./slashResult.js";
import { eventsOf } from "../tx/events.js";
import type { EquivocationSlasher } from "../generated/abis/index.js";

/** Two conflicting attestations: the evidence `reportEquivocation` takes. */
export interface EquivocationEvidence {
  height: bigint;
  payloadHashA: string;
  signatureA: string;
  payloadHashB: string;
  signatureB: string;
}

/**
 * Builds equivocation evidence from two signed attestations (as gossiped by the operator, or `signAttestation`),
 * checking they are for the same height and differ.
 */
export function buildEquivocationEvidence(
  a: Pick<Signed<Attestation>, "message" | "signature">,
  b: Pick<Signed<Attestation>, "message" | "signature">,
): EquivocationEvidence {
  if (a.message.height !== b.message.height) {
    throw new InvalidArgumentError(
      `The attestations are for different heights (${a.message.height} and ${b.message.height}): no equivocation.`,
      { argument: "attestations", hint: "Equivocation is two different payloads signed for the same height." },
    );
  }
  if (a.message.payloadHash.toLowerCase() === b.message.payloadHash.toLowerCase()) {
    throw new InvalidArgumentError("The attestations sign the same payload: no equivocation.", {
      argument: "attestations",
    });
  }
  return {
    height: a.message.height,
    payloadHashA: requireBytes32(a.message.payloadHash, "attestations[0].payloadHash"),
    signatureA: a.signature,
    payloadHashB: requireBytes32(b.message.payloadHash, "attestations[1].payloadHash"),
    signatureB: b.signature,
  };
}

export interface ReportEquivocationParams {
  /** The set's EquivocationSlasher. */
  slasher: string;
  evidence: EquivocationEvidence;
}
export interface ReportEquivocationResult extends SlashResult {
  operator: string;
  /** The bounty credited to the reporter per strategy (claim it with `claimBounty`). */
  bounties: bigint[];
}
export type ReportEquivocationErrorType = InvalidArgumentError | PreflightError | ContractRevertError;

/**
 * Reports an equivocation: anyone may, and the reporter earns the set's bounty share of what is slashed (capped by
 * the operator's own loss). One key, one incident: a key already punished is refused before anything is sent.
 *
 * @example
 * const evidence = buildEquivocationEvidence(attestationA, attestationB);
 * const { slashId, bounties } = await palisade.avs.reportEquivocation({ slasher, evidence });
 */
export const reportEquivocationAction = defineWrite<ReportEquivocationParams, ReportEquivocationResult>({
  async preflight(ctx: PalisadeContext, { slasher, evidence }) {
    const contract = equivocationSlasherAt(requireAddress(slasher, "slasher"), ctx.provider);
    let key: string;
    let punished: boolean;
    try {
      const digest = await contract.attestationDigest(evidence.height, evidence.payloadHashA);
      key = recoverAddress(digest, evidence.signatureA);
      punished = await contract.isKeyPunished(key);
    } catch (error) {
      // A malformed signature is the contract's to explain (`InvalidAttestationSignature`), in the simulation.
      if (error instanceof Error && !("code" in error && error.code === "CALL_EXCEPTION")) return;
      throw toPalisadeError(error);
    }
    if (punished) {
      throw new PreflightError(
        `Key ${key} was punished already: one key, one incident, however many heights it signed twice.`,
        { argument: "evidence", hint: "Nothing to report: the incident is closed (`isKeyPunished(key)`)." },
      );
    }
  },
  async build(ctx: PalisadeContext, { slasher, evidence }) {
    const contract = equivocationSlasherAt(requireAddress(slasher, "slasher"), ctx.provider);
    return prepared(
      contract.reportEquivocation.populateTransaction(
        evidence.height,
        evidence.payloadHashA,
        evidence.signatureA,
        evidence.payloadHashB,
        evidence.signatureB,
      ),
    );
  },
  result(_ctx, _params, base) {
    const reported = eventsOf<EquivocationSlasher>().first(base.events, "EquivocationReported");
    return {
      ...slashResult(base),
      operator: reported?.args.operator ?? "",
      bounties: [...(reported?.args.bounties ?? [])],
    };
  },
});
