// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IEquivocationSlasher} from "../interfaces/IEquivocationSlasher.sol";
import {IOperatorSetRegistrar} from "../interfaces/IOperatorSetRegistrar.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {OperatorSet} from "../libraries/OperatorSetLib.sol";

/// @title PriceOracleAVS
/// @notice An example AVS, the one `docs/AVS_GUIDE.md` walks through: operators report a price for each round, and
/// the oracle publishes their average. It shows the two hooks an AVS wires into Palisade:
/// - a registrar hook with a minimum-stake rule: an operator joins the oracle's set only if the stake it makes
///   slashable there, now, is at least `minimumStake` in each of the set's strategies;
/// - the `EquivocationSlasher` as the set's slasher: a report is an EIP-712 `Attestation(round, keccak256(price))`
///   signed by the operator's key registered with the slasher, so two different prices signed for one round are
///   the proof anyone can submit to have the operator slashed. The oracle needs no trusted party to punish a lie
///   told twice.
/// @dev The contract is the AVS: it registers itself in the AVSRegistry and owns its set. Deployment order: this
/// contract, then the `EquivocationSlasher` for (this, `ORACLE_SET_ID`), then `createOracleSet`, which creates the set
/// with the slasher as both slasher and redistribution recipient (so that it can pay reporters their bounty).
contract PriceOracleAVS is IOperatorSetRegistrar, Ownable2Step {
    /// @notice The id of the oracle's one operator set.
    uint32 public constant ORACLE_SET_ID = 0;

    /// @notice The AVS registry, the only caller of the registrar hook.
    IAVSRegistry public immutable avsRegistry;
    /// @notice The AllocationManager, asked for operators' slashable stake.
    IAllocationManager public immutable allocationManager;

    /// @notice The set's slasher, whose key registry and attestation digest reports use.
    IEquivocationSlasher public slasher;
    /// @notice The least stake, in strategy shares, an operator must make slashable in each strategy to join.
    uint256 public minimumStake;
    /// @notice Operators registered in the set (the hooks keep it).
    mapping(address operator => bool) public isActive;
    /// @notice How many operators are registered.
    uint256 public activeOperators;

    IStrategy[] private _strategies;

    /// @dev A round's reports: their sum and count, from which the average follows.
    struct Round {
        int256 sum;
        uint32 reports;
    }

    mapping(uint64 round => Round) private _rounds;
    mapping(uint64 round => mapping(address operator => bool)) private _reported;

    /// @notice The hook was called by `caller`, not the AVS registry.
    error NotAVSRegistry(address caller);
    /// @notice The hook was called for a set other than the oracle's (`avs`, `setId`).
    error NotOracleSet(address avs, uint32 setId);
    /// @notice `operator` makes `stake` shares of `strategy` slashable by the oracle; `minimum` is required.
    error InsufficientStake(address operator, IStrategy strategy, uint256 stake, uint256 minimum);
    /// @notice The oracle's set exists already.
    error OracleSetExists();
    /// @notice The report's signature is by `key`, the current or former key of no registered operator.
    error NotActiveOperator(address key, address operator);
    /// @notice `operator` has already reported for `round`.
    error AlreadyReported(address operator, uint64 round);
    /// @notice Nobody has reported for `round`.
    error NoReports(uint64 round);

    /// @notice The oracle's minimum stake per strategy is now `minimumStake` shares.
    event MinimumStakeSet(uint256 minimumStake);
    /// @notice `operator` reported `price` for `round`.
    event PriceReported(uint64 indexed round, address indexed operator, int256 price);

    constructor(
        IAVSRegistry avsRegistry_,
        IAllocationManager allocationManager_,
        address owner_,
        uint256 minimumStake_
    ) Ownable(owner_) {
        avsRegistry = avsRegistry_;
        allocationManager = allocationManager_;
        minimumStake = minimumStake_;
        emit MinimumStakeSet(minimumStake_);
    }

    // ------------------------------------------------------------------ the AVS team

    /// @notice Registers this contract as an AVS.
    function registerAVS(string calldata metadataURI) external onlyOwner {
        avsRegistry.registerAVS(metadataURI);
    }

    /// @notice Creates the oracle's set over `strategies`, slashed by `slasher_`, which also receives the slashed
    /// funds to pay reporters their bounty and the treasury the rest.
    function createOracleSet(IEquivocationSlasher slasher_, IStrategy[] calldata strategies_) external onlyOwner {
        if (address(slasher) != address(0)) revert OracleSetExists();
        slasher = slasher_;
        _strategies = strategies_;
        avsRegistry.createOperatorSet(ORACLE_SET_ID, strategies_, address(slasher_), address(this), address(slasher_));
    }

    /// @notice Sets the minimum stake per strategy for operators joining from now on.
    function setMinimumStake(uint256 minimumStake_) external onlyOwner {
        minimumStake = minimumStake_;
        emit MinimumStakeSet(minimumStake_);
    }

    // ------------------------------------------------------------------ the registrar hook

    /// @inheritdoc IOperatorSetRegistrar
    /// @dev The operator is registered in the set when this runs, so its allocation counts as slashable.
    function onRegister(address operator, address avs, uint32 setId, bytes calldata) external {
        _checkCaller(avs, setId);
        IStrategy[] memory list = _strategies;
        uint256[] memory stakes = allocationManager.slashableStake(
            operator,
            oracleSet(),
            list,
            uint48(block.timestamp)
        );
        for (uint256 i; i < list.length; ++i) {
            if (stakes[i] < minimumStake) revert InsufficientStake(operator, list[i], stakes[i], minimumStake);
        }
        isActive[operator] = true;
        ++activeOperators;
    }

    /// @inheritdoc IOperatorSetRegistrar
    /// @dev Two storage writes: well within the gas the registry grants a deregistration hook.
    function onDeregister(address operator, address avs, uint32 setId) external {
        _checkCaller(avs, setId);
        isActive[operator] = false;
        --activeOperators;
    }

    // ------------------------------------------------------------------ operators

    /// @notice Records `price` for `round`, signed by a registered operator's key; anyone may relay it.
    /// @param signature The key's EIP-712 signature over `Attestation(round, keccak256(abi.encode(price)))` under the
    /// slasher's domain (`IEquivocationSlasher.attestationDigest`).
    function submitPrice(uint64 round, int256 price, bytes calldata signature) external {
        IEquivocationSlasher slasher_ = slasher;
        address key = ECDSA.recover(slasher_.attestationDigest(round, priceHash(price)), signature);
        address operator = slasher_.operatorOfKey(key);
        if (operator == address(0) || !isActive[operator]) revert NotActiveOperator(key, operator);
        if (_reported[round][operator]) revert AlreadyReported(operator, round);
        _reported[round][operator] = true;
        Round storage data = _rounds[round];
        data.sum += price;
        ++data.reports;
        emit PriceReported(round, operator, price);
    }

    // ------------------------------------------------------------------ views

    /// @notice The average of the prices reported for `round`, and how many reports it averages.
    function priceOf(uint64 round) external view returns (int256 price, uint256 reports) {
        Round memory data = _rounds[round];
        if (data.reports == 0) revert NoReports(round);
        return (data.sum / int256(uint256(data.reports)), data.reports);
    }

    /// @notice Whether `operator` reported for `round`.
    function hasReported(uint64 round, address operator) external view returns (bool) {
        return _reported[round][operator];
    }

    /// @notice The payload hash an operator's key signs for `price`.
    function priceHash(int256 price) public pure returns (bytes32) {
        return keccak256(abi.encode(price));
    }

    /// @notice The oracle's operator set.
    function oracleSet() public view returns (OperatorSet memory) {
        return OperatorSet({avs: address(this), id: ORACLE_SET_ID});
    }

    /// @notice The strategies the oracle's set slashes.
    function strategies() external view returns (IStrategy[] memory) {
        return _strategies;
    }

    function _checkCaller(address avs, uint32 setId) private view {
        if (msg.sender != address(avsRegistry)) revert NotAVSRegistry(msg.sender);
        if (avs != address(this) || setId != ORACLE_SET_ID) revert NotOracleSet(avs, setId);
    }
}
