/**
 * The CLI's own advice for contract errors: the commands that act on each. The SDK's hints say what to do in the
 * contracts' and the SDK's words; the CLI adds how to do it with `palisade`.
 */
import { ContractRevertError } from "../errors/base.js";

/** By error name: the commands that help with it. */
const COMMANDS_OF_ERROR: Readonly<Record<string, readonly string[]>> = {
  AVSAlreadyRegistered: ["palisade avs status"],
  AllocationChangePending: ["palisade operator allocate"],
  AlreadyDelegated: ["palisade staker undelegate", "palisade operator register"],
  AlreadyOperator: ["palisade operator update", "palisade operator status"],
  AlreadyRegisteredInSet: ["palisade operator status"],
  BountyUnfunded: ["palisade avs release"],
  DeregistrationUnauthorized: ["palisade operator deregister-set"],
  ERC20InsufficientAllowance: ["palisade staker deposit --approve"],
  EscrowNotOver: ["palisade avs release"],
  InsufficientAllocatableMagnitude: ["palisade operator settle"],
  InsufficientShares: ["palisade staker status"],
  InvalidKey: ["palisade keys list"],
  InvalidRedistributionRecipient: ["palisade avs schedule-slasher"],
  KeyAlreadyPunished: ["palisade keys create"],
  KeyOwnedByAnotherOperator: ["palisade keys create"],
  NotAVS: ["palisade avs register"],
  NotAVSRegistry: ["palisade operator register-set"],
  NotDelegated: ["palisade staker delegate"],
  NotOperator: ["palisade operator register"],
  NotRegisteredInSet: ["palisade operator status"],
  NotResolver: ["palisade avs veto"],
  NotSlasher: ["palisade avs slash"],
  NotWithdrawalStaker: ["palisade staker complete"],
  NothingSlashed: ["palisade operator status"],
  NothingToRelease: ["palisade avs release --recipient <addr>", "palisade avs status"],
  NothingToSweep: ["palisade avs release"],
  OnlyOperatorRegistry: ["palisade staker delegate", "palisade staker undelegate"],
  OnlySlashingCoordinator: ["palisade avs slash"],
  OnlyStrategyManager: ["palisade staker deposit", "palisade staker withdraw"],
  OnlyWithdrawalQueue: ["palisade staker withdraw", "palisade staker complete"],
  OnlyWithdrawalQueueOrCoordinator: ["palisade staker withdraw", "palisade staker complete", "palisade avs release"],
  OperatorCannotUndelegate: ["palisade operator deregister-set", "palisade staker withdraw"],
  OperatorNotRegistered: ["palisade operator register-set"],
  OperatorNotSlashable: ["palisade avs status"],
  OperatorSetAlreadyExists: ["palisade avs add-strategy"],
  OperatorSetNotFound: ["palisade avs status", "palisade avs create-set"],
  OracleSetExists: ["palisade avs status"],
  OwnableUnauthorizedAccount: ["palisade avs slash"],
  PreviousRegistrationStillSlashable: ["palisade operator register-set"],
  PunishedKey: ["palisade operator register-key"],
  RegistrarRejected: ["palisade operator register-set"],
  RequestExpired: ["palisade avs slash"],
  RequestNotExecutable: ["palisade avs slash"],
  RequestNotFound: ["palisade avs status"],
  SafeERC20FailedOperation: ["palisade staker deposit --approve"],
  SlashingFactorBelowFloor: ["palisade staker delegate"],
  StakeBelowMinimum: ["palisade operator allocate"],
  StakerAlreadyDelegated: ["palisade staker undelegate"],
  StrategyNotInSet: ["palisade avs status", "palisade avs add-strategy"],
  StrategyNotSlashableYet: ["palisade avs status"],
  TooManyStrategies: ["palisade staker withdraw"],
  UndelegationUnauthorized: ["palisade staker undelegate"],
  UnknownKey: ["palisade operator register-key"],
  WithdrawalNotMature: ["palisade staker complete"],
  WithdrawalNotPending: ["palisade staker status"],
};

/** The commands that help with `error`, as a line of advice, when it is a contract error the CLI can act on. */
export function commandHint(error: unknown): string | undefined {
  if (!(error instanceof ContractRevertError)) return undefined;
  const commands = COMMANDS_OF_ERROR[error.errorName];
  return commands === undefined
    ? undefined
    : `With the CLI: ${commands.map((command) => `\`${command}\``).join(", ")}.`;
}
