/**
 * `createPalisade`: the entry point. It validates the deployment against the chain (chain id, code at every
 * address) and returns the `staker`, `operator`, `avs` and `read` clients, every write in its three forms.
 */
import type { ContractRunner, Provider, Signer } from "ethers";

import * as avs from "./avs/index.js";
import { connectContracts } from "./contracts.js";
import type { PalisadeContext } from "./context.js";
import {
  ADDRESS_NAMES,
  KNOWN_DEPLOYMENTS,
  parseDeployment,
  type PalisadeAddresses,
  type PalisadeDeployment,
} from "./deployment.js";
import { InvalidArgumentError, MissingAddressError, NoContractCodeError, WrongChainError } from "./errors/base.js";
import { toPalisadeError } from "./errors/decode.js";
import * as operator from "./operator/index.js";
import { createReadClient } from "./read/index.js";
import * as staker from "./staker/index.js";
import type { PreparedCall, SendOptions, WriteAction, WriteResult } from "./tx/write.js";

export interface CreatePalisadeOptions {
  /** A Signer (to write) or a Provider (read only), connected to the chain. */
  runner: ContractRunner;
  /**
   * The deployment to use: a full record (`deployments/<chainId>.json`), or addresses (with `deploymentBlock`) for
   * the connected chain. Default: the SDK's address book for the connected chain.
   */
  deployment?: PalisadeDeployment | (PalisadeAddresses & { deploymentBlock?: number });
  /** Confirmations each write waits for (default 1). */
  confirmations?: number;
  /** Skip the code check of every address (saves one request per contract; the chain id is always checked). */
  skipCodeCheck?: boolean;
}

/** A write bound to a client: `name(params)`, `prepareName(params)`, `estimateNameGas(params)`. */
export type BoundWrite<N extends string, P, R extends WriteResult> = {
  [K in N]: (params: P, options?: SendOptions) => Promise<R>;
} & { [K in `prepare${Capitalize<N>}`]: (params: P) => Promise<PreparedCall> } & {
  [K in `estimate${Capitalize<N>}Gas`]: (params: P) => Promise<bigint>;
};

export function bindWrite<N extends string, P, R extends WriteResult>(
  ctx: PalisadeContext,
  name: N,
  action: WriteAction<P, R>,
): BoundWrite<N, P, R> {
  const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
  return {
    [name]: (params: P, options?: SendOptions) => action.send(ctx, params, options),
    [`prepare${capitalised}`]: (params: P) => action.prepare(ctx, params),
    [`estimate${capitalised}Gas`]: (params: P) => action.estimateGas(ctx, params),
  } as BoundWrite<N, P, R>;
}

function createStakerClient(ctx: PalisadeContext) {
  return {
    ...bindWrite(ctx, "approve", staker.approveAction),
    ...bindWrite(ctx, "deposit", staker.depositAction),
    ...bindWrite(ctx, "depositWithSignature", staker.depositWithSignatureAction),
    ...bindWrite(ctx, "delegate", staker.delegateAction),
    ...bindWrite(ctx, "undelegate", staker.undelegateAction),
    ...bindWrite(ctx, "redelegate", staker.redelegateAction),
    ...bindWrite(ctx, "queueWithdrawal", staker.queueWithdrawalAction),
    ...bindWrite(ctx, "completeWithdrawal", staker.completeWithdrawalAction),
  };
}

function createOperatorClient(ctx: PalisadeContext) {
  return {
    ...bindWrite(ctx, "registerAsOperator", operator.registerAsOperatorAction),
    ...bindWrite(ctx, "updateMetadataURI", operator.updateMetadataURIAction),
    ...bindWrite(ctx, "setDelegationApprover", operator.setDelegationApproverAction),
    ...bindWrite(ctx, "setAllocationDelay", operator.setAllocationDelayAction),
    ...bindWrite(ctx, "registerForSets", operator.registerForSetsAction),
    ...bindWrite(ctx, "deregisterFromSets", operator.deregisterFromSetsAction),
    ...bindWrite(ctx, "allocate", operator.allocateAction),
    ...bindWrite(ctx, "settleAllocations", operator.settleAllocationsAction),
    ...bindWrite(ctx, "registerSigningKey", operator.registerSigningKeyAction),
  };
}

function createAvsClient(ctx: PalisadeContext) {
  return {
    ...bindWrite(ctx, "registerAVS", avs.registerAVSAction),
    ...bindWrite(ctx, "updateAVSMetadataURI", avs.updateAVSMetadataURIAction),
    ...bindWrite(ctx, "createOperatorSet", avs.createOperatorSetAction),
    ...bindWrite(ctx, "addStrategies", avs.addStrategiesAction),
    ...bindWrite(ctx, "removeStrategies", avs.removeStrategiesAction),
    ...bindWrite(ctx, "setRegistrar", avs.setRegistrarAction),
    ...bindWrite(ctx, "scheduleSlasher", avs.scheduleSlasherAction),
    ...bindWrite(ctx, "registerOperatorWithConsent", avs.registerOperatorWithConsentAction),
    ...bindWrite(ctx, "deregisterOperator", operator.deregisterFromSetsAction),
    ...bindWrite(ctx, "instantSlash", avs.instantSlashAction),
    ...bindWrite(ctx, "requestSlash", avs.requestSlashAction),
    ...bindWrite(ctx, "veto", avs.vetoAction),
    ...bindWrite(ctx, "cancelSlashRequest", avs.cancelSlashRequestAction),
    ...bindWrite(ctx, "executeSlash", avs.executeSlashAction),
    ...bindWrite(ctx, "reportEquivocation", avs.reportEquivocationAction),
    ...bindWrite(ctx, "claimBounty", avs.claimBountyAction),
    ...bindWrite(ctx, "releaseSlashedFunds", avs.releaseSlashedFundsAction),
  };
}

export type StakerClient = ReturnType<typeof createStakerClient>;
export type OperatorClient = ReturnType<typeof createOperatorClient>;
export type AvsClient = ReturnType<typeof createAvsClient>;
export type ReadClient = ReturnType<typeof createReadClient>;

export interface PalisadeClient {
  /** The context every action runs in: provider, signer, deployment, typed contracts. */
  context: PalisadeContext;
  staker: StakerClient;
  operator: OperatorClient;
  avs: AvsClient;
  read: ReadClient;
}

function providerOf(runner: ContractRunner): Provider {
  if (typeof (runner as Partial<Provider>).getNetwork === "function") return runner as Provider;
  if (runner.provider == null) {
    throw new InvalidArgumentError("The runner has no provider: connect the signer to a provider first.", {
      argument: "runner",
    });
  }
  return runner.provider;
}

function resolveDeployment(chainId: number, given: CreatePalisadeOptions["deployment"]): PalisadeDeployment {
  if (given === undefined) {
    const known = KNOWN_DEPLOYMENTS[chainId];
    if (known === undefined) {
      throw new MissingAddressError(`Palisade has no known deployment on chain ${chainId}.`, {
        argument: "deployment",
        hint: "Pass the deployment (deployments/<chainId>.json) or its addresses to createPalisade (the CLI: --deployment).",
      });
    }
    return known;
  }
  if ("addresses" in given) return parseDeployment(given);
  const { deploymentBlock, ...addresses } = given;
  return parseDeployment({ chainId, deploymentBlock: deploymentBlock ?? 0, addresses });
}

/**
 * Creates a Palisade client.
 *
 * @example
 * const palisade = await createPalisade({ runner: wallet, deployment: JSON.parse(readFileSync("deployments/31337.json", "utf8")) });
 * await palisade.staker.deposit({ strategy, amount: parseEther("1"), approve: true });
 */
export async function createPalisade(options: CreatePalisadeOptions): Promise<PalisadeClient> {
  const provider = providerOf(options.runner);
  let chainId: bigint;
  try {
    chainId = (await provider.getNetwork()).chainId;
  } catch (error) {
    throw toPalisadeError(error);
  }
  const deployment = resolveDeployment(Number(chainId), options.deployment);
  if (BigInt(deployment.chainId) !== chainId) {
    throw new WrongChainError(
      `The deployment is for chain ${deployment.chainId}, but the RPC endpoint serves chain ${chainId}.`,
      {
        argument: "deployment",
        hint: "Point the client at the chain the deployment is for (the CLI: --rpc / --chain), or pass that chain's deployment.",
      },
    );
  }
  if (options.skipCodeCheck !== true) {
    const codes = await Promise.all(ADDRESS_NAMES.map((name) => provider.getCode(deployment.addresses[name]))).catch(
      (error: unknown) => {
        throw toPalisadeError(error);
      },
    );
    codes.forEach((code, index) => {
      const name = ADDRESS_NAMES[index] ?? "";
      if (code === "0x") {
        throw new NoContractCodeError(
          `No contract at ${deployment.addresses[name as keyof PalisadeAddresses]} (${name}) on chain ${chainId}.`,
          {
            argument: `deployment.addresses.${name}`,
            hint: "The deployment record does not match this chain: a restarted devnet needs a fresh deployment.",
          },
        );
      }
    });
  }
  const signer =
    typeof (options.runner as Partial<Signer>).signTypedData === "function" ? (options.runner as Signer) : undefined;
  const context: PalisadeContext = {
    provider,
    signer,
    chainId,
    deployment,
    contracts: connectContracts(deployment.addresses, signer ?? provider),
    confirmations: options.confirmations ?? 1,
  };
  return {
    context,
    staker: createStakerClient(context),
    operator: createOperatorClient(context),
    avs: createAvsClient(context),
    read: createReadClient(context),
  };
}
