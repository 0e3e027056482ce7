// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ExitWindow
/// @notice When stake that starts leaving at a given time is gone: the one formula behind every window Palisade
/// promises (a withdrawal's maturity, a deregistered operator's slashable-until time, the end of a deallocation) and
/// behind the notice every increase of a staker's exposure must give.
///
/// The window is set by the withdrawal delay `delay` and a floor `floor`: stake leaving at `t` is gone at
/// `endAt(t) = max(t + delay, floor)`. The floor is the latest end promised before governance last shortened the
/// delay (`WithdrawalQueue._setWithdrawalDelay`), so `endAt` never decreases as `t` grows, whatever governance
/// does: a withdrawal queued later never matures earlier, and no window already promised is cut short.
///
/// Invariant (guarantee 9): an increase of exposure made at `t` takes effect after `endAt(t)`, so a staker who
/// reacts in the same block has fully withdrawn before it applies.
library ExitWindow {
    /// @notice The end of the window of stake that starts leaving at `timestamp`.
    function endAt(uint32 delay, uint48 floor, uint256 timestamp) internal pure returns (uint48) {
        uint256 end = timestamp + delay;
        // Safe cast: a timestamp plus at most 30 days fits 48 bits for millions of years.
        return end > floor ? uint48(end) : floor;
    }

    /// @notice The window's length for stake that starts leaving at `timestamp`: the withdrawal delay in force then.
    function delayAt(uint32 delay, uint48 floor, uint256 timestamp) internal pure returns (uint32) {
        // Safe cast: the end is at most `timestamp` plus the longest delay ever set (30 days), since the floor is an
        // end computed at an earlier time under such a delay.
        return uint32(endAt(delay, floor, timestamp) - timestamp);
    }

    /// @notice The first second at which an increase of exposure made at `timestamp` may take effect: one after the
    /// window closes, so that no slash at that second can reach stake that left in reaction.
    function noticeEndAt(uint32 delay, uint48 floor, uint256 timestamp) internal pure returns (uint48) {
        return noticeEndAfter(endAt(delay, floor, timestamp));
    }

    /// @notice The notice's end for a window ending at `end` (an `endAt` already computed).
    function noticeEndAfter(uint48 end) internal pure returns (uint48) {
        return end + 1;
    }
}
