// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PriceOracleAVS} from "../../../contracts/examples/PriceOracleAVS.sol";
import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IEquivocationSlasher} from "../../../contracts/interfaces/IEquivocationSlasher.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {AVSHelpers} from "../utils/AVSHelpers.sol";

/// @notice The example oracle of docs/AVS_GUIDE.md on the real protocol, as its deployment wires it: the oracle is
/// the AVS, its set holds strategies A (weight 1 per share) and B (weight 2 per share, a token worth twice as much),
/// and an `EquivocationSlasher` is the set's slasher and redistribution recipient. Nodes are operators with a signing
/// key; helpers make them join (allocate, register, register the key), wait until they may report, sign and report.
abstract contract OracleFixture is AVSHelpers {
    string internal constant ORACLE = "PriceOracleAVS.sol:PriceOracleAVS";
    string internal constant EQUIVOCATION = "EquivocationSlasher.sol:EquivocationSlasher";

    uint256 internal constant ROUND = 1 hours;
    /// @dev Prices in US dollars with 8 decimals, up to a million dollars.
    uint256 internal constant MAX_PRICE = 1_000_000e8;
    /// @dev 5 tokens of strategy A, 2.5 of strategy B.
    uint256 internal constant MINIMUM_STAKE = 5e18 * SHARES_PER_TOKEN;
    uint256 internal constant SEATS = 5;
    uint256 internal constant QUORUM = 2;
    uint256 internal constant WEIGHT_A = WAD;
    uint256 internal constant WEIGHT_B = 2 * WAD;
    uint256 internal constant SLASH_WAD = WAD / 10;
    uint256 internal constant BOUNTY_WAD = WAD / 5;

    /// @dev An operator and the key it signs reports with.
    struct Node {
        address operator;
        address key;
        uint256 privateKey;
    }

    PriceOracleAVS internal oracle;
    IEquivocationSlasher internal equivocationSlasher;
    OperatorSet internal oracleSet;
    address internal team;
    address internal treasury;
    address internal watcher;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(1_700_000_000);
        team = makeAddr("oracleTeam");
        treasury = makeAddr("treasury");
        watcher = makeAddr("watcher");

        oracle = _deployOracle(_parameters());
        vm.prank(team);
        oracle.registerAVS("https://oracle.example/avs.json");
        oracleSet = OperatorSet({avs: address(oracle), id: 0});
        equivocationSlasher = _deploySlasher(oracleSet);
        vm.prank(team);
        oracle.createOracleSet(equivocationSlasher, _oracleStrategies(), _weights(WEIGHT_A, WEIGHT_B));
    }

    // ---------------------------------------------------------------- deployment

    function _parameters() internal pure returns (PriceOracleAVS.Parameters memory) {
        return
            PriceOracleAVS.Parameters({
                minimumStake: MINIMUM_STAKE,
                maxOperators: SEATS,
                quorum: QUORUM,
                roundDuration: ROUND,
                maxPrice: MAX_PRICE
            });
    }

    function _deployOracle(PriceOracleAVS.Parameters memory parameters) internal returns (PriceOracleAVS) {
        return
            PriceOracleAVS(
                _deploy(ORACLE, abi.encode(address(avsRegistry), address(allocationManager), team, parameters))
            );
    }

    /// @dev An `EquivocationSlasher` for `set` over the oracle's strategies, slashing 10% and paying 20% in bounty.
    function _deploySlasher(OperatorSet memory set) internal returns (IEquivocationSlasher) {
        return
            IEquivocationSlasher(
                _deploy(
                    EQUIVOCATION,
                    abi.encode(address(coordinator), set, _oracleStrategies(), SLASH_WAD, BOUNTY_WAD, treasury)
                )
            );
    }

    function _oracleStrategies() internal view returns (IStrategy[] memory) {
        return _strategies(strategyA, strategyB);
    }

    function _weights(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        list[0] = a;
        list[1] = b;
    }

    // ---------------------------------------------------------------- nodes

    /// @dev A registered operator named `name` with `ownTokens` tokens of strategy A of its own, and its key.
    function _node(string memory name, uint256 ownTokens) internal returns (Node memory node) {
        node.operator = makeAddr(name);
        (node.key, node.privateKey) = makeAddrAndKey(string.concat(name, " signing key"));
        _registerOperator(node.operator);
        if (ownTokens != 0) _deposit(node.operator, strategyA, ownTokens);
    }

    /// @dev `node` allocates `magnitude` of strategy A to the oracle, registers in its set (the oracle's hook checks
    /// the stake at the time the registration becomes slashable) and registers its key.
    function _join(Node memory node, uint64 magnitude) internal {
        _allocate(node.operator, oracleSet, strategyA, magnitude);
        _registerInSet(node.operator, oracleSet);
        _registerKey(node.operator, node.key, node.privateKey);
    }

    function _registerKey(address operator, address key, uint256 privateKey) internal {
        _registerKeyWith(equivocationSlasher, operator, key, privateKey);
    }

    function _registerKeyWith(
        IEquivocationSlasher keySlasher,
        address operator,
        address key,
        uint256 privateKey
    ) internal {
        bytes32 digest = keySlasher.keyRegistrationDigest(operator, key);
        vm.prank(operator);
        keySlasher.registerSigningKey(key, signDigest(privateKey, digest));
    }

    /// @dev The time passes until `node`'s registration is slashable and a new round begins: from then on it may
    /// report.
    function _waitUntilReporting(Node memory node) internal returns (uint64 round) {
        uint48 slashableFrom = avsRegistry.registration(node.operator, oracleSet).slashableFrom;
        if (slashableFrom > block.timestamp) vm.warp(slashableFrom);
        return _startNextRound();
    }

    /// @dev The time passes until the next round begins; returns it.
    function _startNextRound() internal returns (uint64 round) {
        round = oracle.currentRound() + 1;
        vm.warp(oracle.roundStartsAt(round));
    }

    /// @dev `node`'s key's signature of `price` for `round`, under the fixture slasher's domain.
    function _sign(Node memory node, uint64 round, uint256 price) internal view returns (bytes memory) {
        return _signWith(equivocationSlasher, node.privateKey, round, price);
    }

    function _signWith(
        IEquivocationSlasher domain,
        uint256 privateKey,
        uint64 round,
        uint256 price
    ) internal view returns (bytes memory) {
        return signDigest(privateKey, domain.attestationDigest(round, _priceHash(price)));
    }

    /// @dev The payload hash a key signs for `price`, from the formula rather than read from the oracle (a test
    /// checks that the oracle agrees).
    function _priceHash(uint256 price) internal pure returns (bytes32) {
        return keccak256(abi.encode(price));
    }

    /// @dev `node` reports `price` for the round in progress, relayed by this test contract; returns the round.
    function _report(Node memory node, uint256 price) internal returns (uint64 round) {
        round = oracle.currentRound();
        oracle.submitPrice(round, price, _sign(node, round, price));
    }

    /// @dev The error `node`'s registration is refused with when the oracle's hook rejects `reason`.
    function _rejection(bytes memory reason) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IAVSRegistry.RegistrarRejected.selector, address(oracle), reason);
    }
}
