// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IPauseControl
/// @notice Governance roles shared by every Palisade contract: an owner (two-step transfer, inherited from
/// OpenZeppelin's `Ownable2Step`) and a separate pauser. Each contract pauses its entry points one action at a
/// time through a bit per action, so a pause of deposits never blocks withdrawals or slashes.
/// @dev Warning:
/// - The pauser can stop actions but never resume them: only the owner unpauses, so a compromised pauser key
///   can cause a delay, not a loss.
/// - Some actions can be paused by the owner only (`ownerOnlyPauseFlags`): those whose pause would let time run out
///   on a promise. Pausing slashes is the one in Palisade: clocks keep running while slashing is stopped, so an
///   operator could deregister and its stakers withdraw out of a slash that was possible before the pause. Only
///   governance, which could as well upgrade the contract, holds that power; the pauser's key cannot be used to
///   open an escape.
/// - The owner cannot renounce ownership: a contract without an owner could never be unpaused or upgraded.
interface IPauseControl {
    /// @notice {caller} is neither the pauser nor the owner, so it cannot pause actions.
    /// @custom:title Only the pauser or the owner may pause
    /// @custom:hint Send the pause from the pauser's or the owner's account (see `pauser()` and `owner()`).
    error PauseControlUnauthorized(address caller);
    /// @notice The action guarded by bit `flag` is paused.
    error ActionPaused(uint8 flag);
    /// @notice `flags` names bits that this contract does not use; `validFlags` are the ones it does.
    error UnknownPauseFlags(uint256 flags, uint256 validFlags);
    /// @notice The pause or unpause names no action: its flags are zero.
    /// @custom:title The pause or unpause names no action
    /// @custom:hint Set the bit of at least one action (`validPauseFlags()` lists them).
    /// @custom:argument flags
    error EmptyPauseFlags();
    /// @notice `caller`, not the owner, tried to pause `flags`, which only the owner may pause.
    error PauseReservedForOwner(address caller, uint256 flags);
    /// @notice Renouncing ownership is disabled: without an owner nothing could be unpaused or upgraded, and a slasher
    /// could never slash again.
    /// @dev Renouncing ownership is disabled: without an owner nothing could be unpaused or upgraded.
    /// @custom:title Ownership cannot be renounced
    /// @custom:hint Transfer ownership instead (`transferOwnership`, then `acceptOwnership` from the new owner); to
    /// retire a slasher, schedule another one for the set.
    error OwnershipRenounceDisabled();

    /// @notice `account` paused the actions in `flags`; `pausedFlags` is the complete set now paused.
    event Paused(address indexed account, uint256 flags, uint256 pausedFlags);
    /// @notice `account` (the owner) unpaused the actions in `flags`; `pausedFlags` is the complete set still paused.
    event Unpaused(address indexed account, uint256 flags, uint256 pausedFlags);
    /// @notice The pauser role moved from `previousPauser` to `newPauser` (`address(0)`: only the owner can pause).
    event PauserChanged(address indexed previousPauser, address indexed newPauser);

    /// @notice Pauses every action whose bit is set in `flags`. Callable by the pauser or the owner; the bits of
    /// `ownerOnlyPauseFlags` by the owner only.
    /// @dev Reverts with `EmptyPauseFlags` if `flags` is zero, with `UnknownPauseFlags` if it contains a bit this
    /// contract does not use and with `PauseReservedForOwner` if the pauser names an owner-only bit.
    function pause(uint256 flags) external;

    /// @notice Unpauses every action whose bit is set in `flags`. Callable by the owner only.
    function unpause(uint256 flags) external;

    /// @notice Moves the pauser role to `newPauser`. Callable by the owner only; `address(0)` leaves pausing to the owner.
    function setPauser(address newPauser) external;

    /// @notice The current pauser.
    function pauser() external view returns (address);

    /// @notice The bit set of paused actions.
    function pausedFlags() external view returns (uint256);

    /// @notice Whether the action guarded by bit `flag` is paused.
    function isPaused(uint8 flag) external view returns (bool);

    /// @notice The bits this contract uses, one per pausable action.
    function validPauseFlags() external view returns (uint256);

    /// @notice The bits only the owner may pause (a subset of `validPauseFlags`).
    function ownerOnlyPauseFlags() external view returns (uint256);
}
