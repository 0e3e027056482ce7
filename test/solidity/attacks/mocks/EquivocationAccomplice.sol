// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IEquivocationSlasher} from "../../../../contracts/interfaces/IEquivocationSlasher.sol";
import {IStrategy} from "../../../../contracts/interfaces/IStrategy.sol";

/// @notice An operator's accomplice: it reports every equivocation the operator signed, all in one transaction,
/// carrying on past refusals so that each proof gets its chance, and then claims the bounties for its principal.
contract EquivocationAccomplice {
    using SafeERC20 for IERC20;

    /// @notice One equivocation: two payloads signed at `height` by the same key.
    struct Proof {
        uint64 height;
        bytes32 payloadHashA;
        bytes signatureA;
        bytes32 payloadHashB;
        bytes signatureB;
    }

    address public immutable principal;

    constructor(address principal_) {
        principal = principal_;
    }

    /// @notice Reports every proof in one transaction; returns how many slashed and why the others were refused.
    function reportAll(
        IEquivocationSlasher slasher,
        Proof[] calldata proofs
    ) external returns (uint256 slashes, bytes[] memory refusals) {
        refusals = new bytes[](proofs.length);
        for (uint256 i; i < proofs.length; ++i) {
            Proof calldata proof = proofs[i];
            try
                slasher.reportEquivocation(
                    proof.height,
                    proof.payloadHashA,
                    proof.signatureA,
                    proof.payloadHashB,
                    proof.signatureB
                )
            {
                ++slashes;
            } catch (bytes memory reason) {
                refusals[i] = reason;
            }
        }
    }

    /// @notice Claims the bounty owed in `strategy` and hands the tokens to the principal.
    function claimFor(IEquivocationSlasher slasher, IStrategy strategy) external returns (uint256 amount) {
        amount = slasher.claimBounty(strategy);
        strategy.token().safeTransfer(principal, amount);
    }
}
