// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {IPauseControl} from "./IPauseControl.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title ISlashingCoordinator
/// @notice The single entry point for slashes, and the buckets that hold slashed funds until they are released.
///
/// `slash` is callable only by the operator set's slasher, only while the operator is slashable in the set, with
/// each fraction in (0, WAD]. It costs the same whatever the number of stakers and queued withdrawals: the
/// AllocationManager lowers the operator's max magnitude (its slashing factor), which every delegated staker's
/// shares and every unmatured queued withdrawal of the operator are read through. The strategy shares the slash
/// took (from the delegated stake and, through the queue's cumulative history, from the queued stake) go into the
/// bucket of (set, strategy). The tokens do not move during a slash, so a token that reverts cannot block one.
///
/// `releaseSlashedFunds` empties a bucket, by anyone: the tokens are burned (sent to `BURN_ADDRESS`) for a burning
/// set and sent to the set's redistribution recipient for a redistributing one.
/// @dev Pause bits: `PAUSE_SLASHING` and `PAUSE_RELEASE`, independent of every other contract's.
interface ISlashingCoordinator is IPauseControl {
    /// @notice `strategies` and `wads` differ in length.
    error LengthMismatch(uint256 strategies, uint256 wads);
    /// @notice A slash that names no strategy.
    error NoStrategies();
    /// @notice A fraction of `wad` for `strategy` lies outside (0, 1e18].
    error InvalidWad(IStrategy strategy, uint256 wad);
    /// @notice The bucket of `strategy` in `avs`'s set `setId` is empty.
    error NothingToRelease(address avs, uint32 setId, IStrategy strategy);
    /// @notice Only the AVS registry may call this function; `caller` is not it.
    error OnlyAVSRegistry(address caller);

    /// @notice Slash `slashId`: `avs`'s set `setId` slashed `operator`, for `description`. One `StrategySlashed`
    /// per strategy follows.
    event OperatorSlashed(
        uint256 indexed slashId,
        address indexed operator,
        address indexed avs,
        uint32 setId,
        string description
    );
    /// @notice In slash `slashId`, fraction `wad` of the allocation of `strategy`: the allocation fell from
    /// `allocationBefore` by `slashedMagnitude`, as did the operator's max magnitude from `maxMagnitudeBefore`, and
    /// `sharesSlashed` strategy shares went to the set's bucket. One event per strategy, so that an indexer reads
    /// flat records and a slash of one strategy pays for no arrays.
    event StrategySlashed(
        uint256 indexed slashId,
        IStrategy indexed strategy,
        uint256 wad,
        uint64 allocationBefore,
        uint64 slashedMagnitude,
        uint64 maxMagnitudeBefore,
        uint256 sharesSlashed
    );
    /// @notice The bucket of `strategy` in `avs`'s set `setId` released `shares` shares as `amount` tokens to
    /// `recipient` (`BURN_ADDRESS` for a burning set).
    event SlashedFundsReleased(
        address indexed avs,
        uint32 indexed setId,
        IStrategy indexed strategy,
        address recipient,
        uint256 shares,
        uint256 amount
    );

    /// @notice Slashes `operator` in `operatorSet`: fraction `wads[i]` (of 1e18) of its allocation of
    /// `strategies[i]`. Only the set's slasher may call it.
    /// @param description Why, for the record (kept in the event only).
    /// @return slashId The slash's id, counting from 1.
    /// @return sharesSlashed The strategy shares taken per strategy, now in the set's buckets.
    function slash(
        address operator,
        OperatorSet calldata operatorSet,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external returns (uint256 slashId, uint256[] memory sharesSlashed);

    /// @notice Releases the bucket of `strategy` in `operatorSet`: burns it, or sends it to the set's recipient.
    /// @return recipient Who received the tokens.
    /// @return amount The tokens sent.
    function releaseSlashedFunds(
        OperatorSet calldata operatorSet,
        IStrategy strategy
    ) external returns (address recipient, uint256 amount);

    /// @notice Records where a new redistributing set's slashed funds go. AVS registry only, as it creates the set;
    /// a set without a recipient burns its slashed funds. The coordinator keeps the recipient, rather than the
    /// registry, because releasing a bucket is the only thing that needs it.
    function setRedistributionRecipient(OperatorSet calldata operatorSet, address recipient) external;

    /// @notice Where `operatorSet`'s slashed funds go (`address(0)`: they are burned).
    function redistributionRecipient(OperatorSet calldata operatorSet) external view returns (address);

    /// @notice The pause bit of slashes.
    function PAUSE_SLASHING() external view returns (uint8);

    /// @notice The pause bit of releases of slashed funds.
    function PAUSE_RELEASE() external view returns (uint8);

    /// @notice Where burned funds go: an address no one holds the key of. Tokens cannot be sent to `address(0)`
    /// by most ERC20s.
    function BURN_ADDRESS() external view returns (address);

    /// @notice The AVS registry, which names slashers and recipients.
    function avsRegistry() external view returns (address);

    /// @notice The AllocationManager, which applies slashes to magnitudes.
    function allocationManager() external view returns (address);

    /// @notice The StrategyManager, which pays released funds out of the strategies.
    function strategyManager() external view returns (address);

    /// @notice The withdrawal queue, whose history says how much queued stake a slash reaches.
    function withdrawalQueue() external view returns (address);

    /// @notice The id the next slash gets.
    function nextSlashId() external view returns (uint256);

    /// @notice The strategy shares waiting in the bucket of `strategy` in `operatorSet`.
    function slashedShares(OperatorSet calldata operatorSet, IStrategy strategy) external view returns (uint256);
}
