// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {QueueHistory} from "../libraries/QueueHistory.sol";

/// @notice Exposes one `QueueHistory` for tests, with the cursor readable.
contract QueueHistoryHarness {
    using QueueHistory for QueueHistory.History;

    QueueHistory.History private _history;

    function push(uint48 maturity, uint256 scaled) external {
        _history.push(maturity, scaled);
    }

    function advance() external returns (uint256) {
        return _history.advance();
    }

    function cumulativeAt(uint48 timestamp) external view returns (uint256) {
        return _history.cumulativeAt(timestamp);
    }

    function queuedAfter(uint48 timestamp) external view returns (uint256) {
        return _history.queuedAfter(timestamp);
    }

    function latestMaturity() external view returns (uint48) {
        return _history.latestMaturity();
    }

    function header() external view returns (QueueHistory.Header memory) {
        return _history.header;
    }
}
