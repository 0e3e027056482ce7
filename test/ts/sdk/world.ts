/**
 * The world the SDK tests act in, on any chain (the in-process network or a `hardhat node`): governance, a token and
 * its whitelisted strategy, an AVS with one set per reference slasher, and funded operators, stakers and a watcher.
 * Only the set-up goes through typed contracts; the tests drive everything else through the SDK.
 */
import { ZeroAddress, type Signer } from "ethers";

import { createPalisade, type PalisadeClient, type PalisadeDeployment } from "../../../sdk/src/index.js";
import {
  EquivocationSlasher__factory,
  InstantSlasher__factory,
  MockERC20__factory,
  StrategyFactory__factory,
  StrategyManager__factory,
  VetoSlasher__factory,
  type MockERC20,
} from "../../../types/ethers-contracts/index.js";

export const ONE = 10n ** 18n;
export const WAD = 10n ** 18n;
export const ALLOCATION_DELAY = 60;
/** The sets of the world's AVS. */
export const INSTANT_SET = 1;
export const EQUIVOCATION_SET = 2;
export const VETO_SET = 3;
/** The equivocation slasher's fraction per offence and the reporter's bounty share. */
export const EQUIVOCATION_WAD = WAD / 10n;
export const BOUNTY_WAD = WAD / 5n;
/** Shorter than the withdrawal delay (7 days), as the veto slasher requires: stake cannot leave during a veto window. */
export const VETO_WINDOW = 3 * 24 * 3600;
export const EXECUTION_WINDOW = 3 * 24 * 3600;

export interface World {
  deployment: PalisadeDeployment;
  owner: Signer;
  avs: Signer;
  operator: Signer;
  staker: Signer;
  watcher: Signer;
  resolver: Signer;
  token: MockERC20;
  strategy: string;
  slashers: { instant: string; equivocation: string; veto: string };
  /** An SDK client per actor. */
  clients: {
    owner: PalisadeClient;
    avs: PalisadeClient;
    operator: PalisadeClient;
    staker: PalisadeClient;
    watcher: PalisadeClient;
    resolver: PalisadeClient;
  };
}

async function mined(tx: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await tx).wait();
}

/** Builds the world on the chain `signers` are connected to, over the given deployment. */
export async function buildWorld(signers: readonly Signer[], deployment: PalisadeDeployment): Promise<World> {
  const [owner, avs, operator, staker, watcher, resolver] = signers;
  if (owner === undefined || avs === undefined || operator === undefined || staker === undefined) {
    throw new Error("the world needs six signers");
  }
  if (watcher === undefined || resolver === undefined) throw new Error("the world needs six signers");
  const { addresses } = deployment;

  const token = await new MockERC20__factory(owner).deploy("Staked Ether", "stETH", 18);
  await token.waitForDeployment();
  const factory = StrategyFactory__factory.connect(addresses.strategyFactory, owner);
  await mined(factory.deployStrategy(token));
  const strategy = await factory.strategyOf(token);
  await mined(StrategyManager__factory.connect(addresses.strategyManager, owner).addStrategiesToWhitelist([strategy]));
  for (const holder of [operator, staker]) await mined(token.mint(await holder.getAddress(), 1_000n * ONE));

  const avsAddress = await avs.getAddress();
  const instant = await new InstantSlasher__factory(avs).deploy(
    addresses.slashingCoordinator,
    { avs: avsAddress, id: INSTANT_SET },
    avsAddress,
  );
  const equivocation = await new EquivocationSlasher__factory(avs).deploy(
    addresses.slashingCoordinator,
    { avs: avsAddress, id: EQUIVOCATION_SET },
    [strategy],
    EQUIVOCATION_WAD,
    BOUNTY_WAD,
    avsAddress,
  );
  const veto = await new VetoSlasher__factory(avs).deploy(
    addresses.slashingCoordinator,
    { avs: avsAddress, id: VETO_SET },
    avsAddress,
    await resolver.getAddress(),
    VETO_WINDOW,
    EXECUTION_WINDOW,
  );
  await Promise.all([instant.waitForDeployment(), equivocation.waitForDeployment(), veto.waitForDeployment()]);

  const client = (signer: Signer) => createPalisade({ runner: signer, deployment });
  const clients = {
    owner: await client(owner),
    avs: await client(avs),
    operator: await client(operator),
    staker: await client(staker),
    watcher: await client(watcher),
    resolver: await client(resolver),
  };
  await clients.avs.avs.registerAVS({ metadataURI: "https://oracle.example/avs.json" });
  const slashers = {
    instant: await instant.getAddress(),
    equivocation: await equivocation.getAddress(),
    veto: await veto.getAddress(),
  };
  await clients.avs.avs.createOperatorSet({ setId: INSTANT_SET, strategies: [strategy], slasher: slashers.instant });
  await clients.avs.avs.createOperatorSet({
    setId: EQUIVOCATION_SET,
    strategies: [strategy],
    slasher: slashers.equivocation,
    // The equivocation slasher pays its bounties out of the slashed funds, so they are redistributed to it.
    redistributionRecipient: slashers.equivocation,
  });
  await clients.avs.avs.createOperatorSet({
    setId: VETO_SET,
    strategies: [strategy],
    slasher: slashers.veto,
    registrar: ZeroAddress,
  });
  return { deployment, owner, avs, operator, staker, watcher, resolver, token, strategy, slashers, clients };
}
