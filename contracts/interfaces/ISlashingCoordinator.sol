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
/// set and sent to the recipient for a redistributing one.
///
/// Redistribution escrow. A redistributing set's slashed funds go to a bucket of (set, strategy, recipient): the
/// recipient in force at the slash (`IAVSRegistry.checkSlash`), so that funds slashed before a change of recipient
/// stay owed to the one they were slashed for. Each slash into such a bucket holds it until `escrowDelay` after the
/// slash (`releasableAt`, which only moves later), and releases to recipients have a pause bit of their own,
/// `PAUSE_REDISTRIBUTION`: if a slasher's key is stolen, or an operator slashes its own delegators through a set it
/// controls, governance can stop the payout before it leaves.
/// @dev Pause bits, independent of every other contract's: `PAUSE_SLASHING` (owner only: a pause cannot stop the
/// clocks of slashable windows, so only governance may open that gap), `PAUSE_RELEASE` (burns) and
/// `PAUSE_REDISTRIBUTION` (releases to recipients).
interface ISlashingCoordinator is IPauseControl {
    /// @notice Lists that go in pairs differ in length: {strategies} strategies (or withdrawals) but {wads} amounts,
    /// magnitudes, fractions or flags.
    /// @custom:title Paired lists differ in length
    /// @custom:hint Pass one entry per strategy: shares when withdrawing, magnitudes when allocating, wads when
    /// slashing, and one `asTokens` flag per withdrawal completed.
    /// @custom:argument strategies
    error LengthMismatch(uint256 strategies, uint256 wads);
    /// @notice The slash names no strategy (for an EquivocationSlasher: none was configured at deployment).
    /// @custom:title No strategy was named
    /// @custom:hint Name at least one strategy of the set, with its fraction.
    /// @custom:argument strategies
    error NoStrategies();
    /// @notice A slash of {wad:wad} (wad {wad}) for strategy {strategy} lies outside the allowed range, above 0% and at
    /// most 100%.
    /// @dev A fraction of `wad` for `strategy` lies outside (0, 1e18].
    /// @custom:title The slash fraction is out of range
    /// @custom:hint Give each fraction in wads of 1e18: 1e17 slashes 10% of the allocation, 1e18 all of it.
    /// @custom:argument wads
    error InvalidWad(IStrategy strategy, uint256 wad);
    /// @notice The bucket of `strategy` in `avs`'s set `setId` for `recipient` (`address(0)`: burned funds) is empty.
    error NothingToRelease(address avs, uint32 setId, IStrategy strategy, address recipient);
    /// @notice The funds slashed from strategy {strategy} in set {setId:id} of AVS {avs} for recipient {recipient} are
    /// in escrow until {releasableAt:time}: a redistributing set's slashed funds wait so that governance can stop a
    /// payout from a stolen or self-serving slasher.
    /// @custom:title The slashed funds are still in escrow
    /// @custom:hint Wait until {releasableAt:date|the escrow ends}, then release the funds again.
    /// @custom:argument recipient
    error EscrowNotOver(
        address avs,
        uint32 setId,
        IStrategy strategy,
        address recipient,
        uint48 releasableAt,
        uint256 currentTime
    );
    /// @notice An escrow delay of {delay:duration} lies outside the allowed range of {min:duration} to {max:duration}.
    /// @custom:title The escrow delay is out of bounds
    /// @custom:hint Only the contract's owner (governance) can do this; check the value and send it from the owner.
    /// @custom:argument delay
    error EscrowDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

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
    /// @notice In slash `slashId`, `shares` shares of `strategy` went to the escrowed bucket of `recipient` in `avs`'s
    /// set `setId`, which can be released from `releasableAt` on.
    event SlashedFundsEscrowed(
        uint256 indexed slashId,
        IStrategy indexed strategy,
        address indexed recipient,
        uint256 shares,
        uint48 releasableAt
    );
    /// @notice Governance set the escrow of redistributed funds to `delay` seconds, for slashes from now on.
    event EscrowDelaySet(uint32 previousDelay, uint32 delay);
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

    /// @notice Releases the bucket of `strategy` in `operatorSet` owed to `recipient`: with `recipient` zero, a
    /// burning set's bucket, burned; otherwise the escrowed funds slashed while `recipient` was the set's
    /// redistribution recipient, sent to it once their escrow is over. Anyone may call it.
    /// @dev Reverts with `ActionPaused` (`PAUSE_RELEASE` for burns, `PAUSE_REDISTRIBUTION` otherwise),
    /// `NothingToRelease` or `EscrowNotOver`.
    /// @return paidTo Who received the tokens (`BURN_ADDRESS` for a burn).
    /// @return amount The tokens sent.
    function releaseSlashedFunds(
        OperatorSet calldata operatorSet,
        IStrategy strategy,
        address recipient
    ) external returns (address paidTo, uint256 amount);

    /// @notice Sets the escrow of funds slashed from now on in redistributing sets. Owner only, within
    /// [`MIN_ESCROW_DELAY`, `MAX_ESCROW_DELAY`]; buckets in escrow keep their `releasableAt`.
    function setEscrowDelay(uint32 delay) external;

    /// @notice The pause bit of slashes (owner only).
    function PAUSE_SLASHING() external view returns (uint8);

    /// @notice The pause bit of burns of slashed funds.
    function PAUSE_RELEASE() external view returns (uint8);

    /// @notice The pause bit of releases of slashed funds to redistribution recipients.
    function PAUSE_REDISTRIBUTION() external view returns (uint8);

    /// @notice The shortest escrow governance may set: one minute (local devnets).
    function MIN_ESCROW_DELAY() external view returns (uint32);

    /// @notice The longest escrow governance may set: 30 days.
    function MAX_ESCROW_DELAY() external view returns (uint32);

    /// @notice How long funds slashed now in a redistributing set stay in escrow.
    function escrowDelay() external view returns (uint32);

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

    /// @notice The strategy shares waiting in the bucket of `strategy` in `operatorSet` owed to `recipient`
    /// (`address(0)`: a burning set's), and when they can be released (0: at once).
    function bucket(
        OperatorSet calldata operatorSet,
        IStrategy strategy,
        address recipient
    ) external view returns (uint256 shares, uint48 releasableAt);
}
