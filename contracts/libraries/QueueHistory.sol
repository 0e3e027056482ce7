// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title QueueHistory
/// @notice The scaled shares queued out of one operator's stake in one strategy, cumulated in order of maturity,
/// built so that a slash learns the queued stake it still reaches in constant gas.
///
/// Entries are (maturity, cumulative scaled shares queued by withdrawals maturing at or before it); maturities never
/// decrease (the withdrawal queue sees to it). The stake a slash at time `t` reaches is `total - cumulative(<= t)`.
/// A general lookup is a binary search, fine for views. A slash instead starts from a cursor, the number of entries
/// that had matured at the previous slash: time only moves forward, so the cursor only moves forward, and a slash
/// reads one entry when nothing matured since the previous one and a logarithmic number when some did (a galloping
/// search from the cursor). The header packs the count, the cursor and the total in one slot, so a slash of an
/// operator without queued stake reads one slot, and one with any number of pending withdrawals two.
library QueueHistory {
    /// @dev One entry, in one slot.
    struct Entry {
        uint48 maturity;
        uint208 cumulative;
    }

    /// @dev `count` entries, `cursor` of which had matured at the last `advance`, and the cumulative total.
    struct Header {
        uint32 count;
        uint32 cursor;
        uint192 total;
    }

    struct History {
        Header header;
        mapping(uint256 index => Entry) entries;
    }

    /// @notice The scaled shares queued out of one operator's stake in one strategy would total {total}, more than the
    /// 192 bits they are kept in.
    /// @custom:title The operator's queued total would overflow
    /// @custom:hint Withdraw a smaller amount.
    /// @custom:argument shares
    error QueuedTotalOverflow(uint256 total);

    /// @notice Adds `scaled` queued shares maturing at `maturity`, which must be at least the latest maturity.
    function push(History storage self, uint48 maturity, uint256 scaled) internal {
        Header memory header = self.header;
        uint256 newTotal = header.total + scaled;
        if (newTotal > type(uint192).max) revert QueuedTotalOverflow(newTotal);
        // Safe casts: `newTotal` fits 192 bits, checked above.
        if (header.count != 0 && self.entries[header.count - 1].maturity == maturity) {
            self.entries[header.count - 1].cumulative = uint208(newTotal);
        } else {
            self.entries[header.count] = Entry({maturity: maturity, cumulative: uint208(newTotal)});
            // Cannot overflow in practice: 2^32 entries would each cost a storage write.
            ++header.count;
        }
        header.total = uint192(newTotal);
        self.header = header;
    }

    /// @notice The latest maturity recorded (0 if none).
    function latestMaturity(History storage self) internal view returns (uint48) {
        uint32 count = self.header.count;
        return count == 0 ? 0 : self.entries[count - 1].maturity;
    }

    /// @notice Scaled shares queued by withdrawals maturing at or before `timestamp`.
    function cumulativeAt(History storage self, uint48 timestamp) internal view returns (uint256) {
        uint256 matured = _firstAfter(self, 0, self.header.count, timestamp);
        return matured == 0 ? 0 : self.entries[matured - 1].cumulative;
    }

    /// @notice Scaled shares queued by withdrawals maturing after `timestamp`.
    function queuedAfter(History storage self, uint48 timestamp) internal view returns (uint256) {
        return self.header.total - cumulativeAt(self, timestamp);
    }

    /// @notice Scaled shares queued by withdrawals maturing after now, moving the cursor to the first of them. Gas:
    /// one slot for an empty history, two when nothing matured since the last call, logarithmic in what did.
    function advance(History storage self) internal returns (uint256) {
        Header memory header = self.header;
        if (header.count == 0) return 0;
        uint256 matured = _gallop(self, header.cursor, header.count, uint48(block.timestamp));
        if (matured != header.cursor) {
            // Safe cast: at most `count`, a uint32.
            self.header.cursor = uint32(matured);
        }
        return header.total - (matured == 0 ? 0 : self.entries[matured - 1].cumulative);
    }

    /// @dev The first index in [`from`, `count`) whose maturity is after `timestamp` (`count` if none), knowing every
    /// index before `from` has matured: doubling steps from `from`, then a binary search in the last step.
    function _gallop(
        History storage self,
        uint256 from,
        uint256 count,
        uint48 timestamp
    ) private view returns (uint256) {
        if (from == count || self.entries[from].maturity > timestamp) return from;
        // Invariant: `low` has matured; steps double until one lands on an unmatured entry or past the end.
        uint256 low = from;
        uint256 step = 1;
        uint256 probe = low + step;
        while (probe < count && self.entries[probe].maturity <= timestamp) {
            low = probe;
            step <<= 1;
            probe = low + step;
        }
        return _firstAfter(self, low + 1, probe < count ? probe : count, timestamp);
    }

    /// @dev The first index in [`low`, `high`) whose maturity is after `timestamp`, `high` if none: a binary search.
    function _firstAfter(
        History storage self,
        uint256 low,
        uint256 high,
        uint48 timestamp
    ) private view returns (uint256) {
        while (low < high) {
            uint256 mid = (low + high) >> 1;
            if (self.entries[mid].maturity > timestamp) high = mid;
            else low = mid + 1;
        }
        return low;
    }
}
