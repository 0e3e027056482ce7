// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "./Vm.sol";

/// @notice The base of every Palisade Solidity test: cheatcodes (`vm`, with its `assert*` cheatcodes, each
/// taking a message), fuzz-input bounding, labelled addresses and invariant targeting.
/// @dev Invariant targeting follows the convention of Hardhat's test runner: before an invariant campaign it
/// calls `targetContracts()`, `targetSelectors()`, `targetSenders()`, `excludeContracts()` and `excludeSenders()`
/// on the test contract; empty arrays mean "no restriction".
abstract contract PalisadeTest {
    /// @dev Mirrors the struct the test runner decodes from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error BoundRangeInverted(uint256 min, uint256 max);
    /// @notice Deploying the artifact `artifact` failed.
    error DeploymentFailed(string artifact);

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;
    address[] private _targetSenders;
    address[] private _excludeContracts;
    address[] private _excludeSenders;

    // ---------------------------------------------------------------- gas budgets

    /// @dev How much more gas the coverage run (`npm run coverage` sets `PALISADE_COVERAGE`) burns than a plain run:
    /// it instruments every line. Gas budgets are written for the plain run and scaled by this under coverage, which
    /// measures lines, not gas.
    uint256 internal constant COVERAGE_GAS_FACTOR = 2;

    /// @dev `budget` for this run: as written, or scaled by `COVERAGE_GAS_FACTOR` in the coverage run.
    function _gasBudget(uint256 budget) internal view returns (uint256) {
        return vm.envOr("PALISADE_COVERAGE", uint256(0)) == 1 ? budget * COVERAGE_GAS_FACTOR : budget;
    }

    // ---------------------------------------------------------------- deployment

    /// @dev Deploys the compiled artifact `artifact` ("File.sol:Contract") with ABI-encoded constructor `args`.
    /// Tests deploy the protocol's contracts from their artifacts rather than with `new`: a `new` embeds the whole
    /// creation code in every test contract, and the compiler then optimises the protocol again for each of them,
    /// which multiplied the test build time.
    function _deploy(string memory artifact, bytes memory args) internal returns (address deployed) {
        bytes memory init = abi.encodePacked(vm.getCode(artifact), args);
        assembly ("memory-safe") {
            deployed := create(0, add(init, 0x20), mload(init))
            // A constructor that reverted left its reason in the return data: pass it on, as `new` would.
            if and(iszero(deployed), gt(returndatasize(), 0)) {
                let free := mload(0x40)
                returndatacopy(free, 0, returndatasize())
                revert(free, returndatasize())
            }
        }
        if (deployed == address(0)) revert DeploymentFailed(artifact);
    }

    // ---------------------------------------------------------------- fuzzing helpers

    /// @dev Maps `x` into `[min, max]`, leaving it unchanged when it already lies there, so that fuzzed edge
    /// values (0, 1, max) survive the mapping.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert BoundRangeInverted(min, max);
        if (x >= min && x <= max) return x;
        // Cannot overflow except for the full range, which returned above.
        uint256 size = max - min + 1;
        return min + (x % size);
    }

    /// @dev A labelled address derived from `name`.
    function makeAddr(string memory name) internal returns (address account) {
        (account, ) = makeAddrAndKey(name);
    }

    /// @dev A labelled address and its private key, derived from `name`.
    function makeAddrAndKey(string memory name) internal returns (address account, uint256 key) {
        key = uint256(keccak256(bytes(name)));
        account = vm.addr(key);
        vm.label(account, name);
    }

    /// @dev A 65-byte `r || s || v` ECDSA signature of `digest` by `key`.
    function signDigest(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    // ---------------------------------------------------------------- invariant targeting

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function excludeContract(address target) internal {
        _excludeContracts.push(target);
    }

    function excludeSender(address sender) internal {
        _excludeSenders.push(sender);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    function excludeContracts() public view returns (address[] memory) {
        return _excludeContracts;
    }

    function excludeSenders() public view returns (address[] memory) {
        return _excludeSenders;
    }
}
