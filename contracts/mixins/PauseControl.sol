// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";

import {IPauseControl} from "../interfaces/IPauseControl.sol";

/// @title PauseControl
/// @notice Owner (two-step transfer), pauser and per-action pause bits, for upgradeable contracts.
abstract contract PauseControl is IPauseControl, Ownable2StepUpgradeable {
    /// @custom:storage-location erc7201:palisade.storage.PauseControl
    struct PauseControlStorage {
        // Packed in one slot: an entry point's pause check is a single storage read.
        address pauser;
        uint96 pausedFlags;
    }

    // keccak256(abi.encode(uint256(keccak256("palisade.storage.PauseControl")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PAUSE_CONTROL_STORAGE = 0xd2b68e0f8214ddf590d0cbb9aee2d3e15e91ebbe7cb5a16f8cb113d8e2890b00;

    modifier whenNotPaused(uint8 flag) {
        _requireNotPaused(flag);
        _;
    }

    // solhint-disable-next-line func-name-mixedcase
    function __PauseControl_init(address initialOwner, address initialPauser) internal onlyInitializing {
        __Ownable_init(initialOwner);
        _setPauser(initialPauser);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IPauseControl
    function pause(uint256 flags) external {
        PauseControlStorage storage $ = _pauseControlStorage();
        bool isOwner = msg.sender == owner();
        if (msg.sender != $.pauser && !isOwner) revert PauseControlUnauthorized(msg.sender);
        _checkKnownFlags(flags);
        uint256 reserved = flags & _ownerOnlyPauseFlags();
        if (reserved != 0 && !isOwner) revert PauseReservedForOwner(msg.sender, reserved);
        // Safe cast: `_checkKnownFlags` guarantees every bit of `flags` lies within `_validPauseFlags()`, whose
        // implementations all fit in 96 bits.
        uint96 updated = $.pausedFlags | uint96(flags);
        $.pausedFlags = updated;
        emit Paused(msg.sender, flags, updated);
    }

    /// @inheritdoc IPauseControl
    function unpause(uint256 flags) external onlyOwner {
        _checkKnownFlags(flags);
        PauseControlStorage storage $ = _pauseControlStorage();
        uint96 updated = $.pausedFlags & ~uint96(flags);
        $.pausedFlags = updated;
        emit Unpaused(msg.sender, flags, updated);
    }

    /// @inheritdoc IPauseControl
    function setPauser(address newPauser) external onlyOwner {
        _setPauser(newPauser);
    }

    /// @notice Disabled: an ownerless contract could never be unpaused or upgraded.
    function renounceOwnership() public view override onlyOwner {
        revert OwnershipRenounceDisabled();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPauseControl
    function pauser() external view returns (address) {
        return _pauseControlStorage().pauser;
    }

    /// @inheritdoc IPauseControl
    function pausedFlags() external view returns (uint256) {
        return _pauseControlStorage().pausedFlags;
    }

    /// @inheritdoc IPauseControl
    function isPaused(uint8 flag) external view returns (bool) {
        return _pauseControlStorage().pausedFlags & (uint256(1) << flag) != 0;
    }

    /// @inheritdoc IPauseControl
    function validPauseFlags() external view returns (uint256) {
        return _validPauseFlags();
    }

    /// @inheritdoc IPauseControl
    function ownerOnlyPauseFlags() external view returns (uint256) {
        return _ownerOnlyPauseFlags();
    }

    // ------------------------------------------------------------------ internal

    /// @dev The bits the inheriting contract uses, one per pausable action; must fit in 96 bits.
    function _validPauseFlags() internal view virtual returns (uint256);

    /// @dev The bits only the owner may pause (see `IPauseControl`); none unless the inheriting contract says so.
    function _ownerOnlyPauseFlags() internal view virtual returns (uint256) {
        return 0;
    }

    function _requireNotPaused(uint8 flag) internal view {
        if (_pauseControlStorage().pausedFlags & (uint256(1) << flag) != 0) revert ActionPaused(flag);
    }

    function _setPauser(address newPauser) private {
        PauseControlStorage storage $ = _pauseControlStorage();
        emit PauserChanged($.pauser, newPauser);
        $.pauser = newPauser;
    }

    function _checkKnownFlags(uint256 flags) private view {
        if (flags == 0) revert EmptyPauseFlags();
        uint256 valid = _validPauseFlags();
        if (flags & ~valid != 0) revert UnknownPauseFlags(flags, valid);
    }

    function _pauseControlStorage() private pure returns (PauseControlStorage storage $) {
        assembly ("memory-safe") {
            $.slot := PAUSE_CONTROL_STORAGE
        }
    }
}
