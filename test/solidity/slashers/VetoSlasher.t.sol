// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IAVSRegistry} from "../../../contracts/interfaces/IAVSRegistry.sol";
import {IStrategy} from "../../../contracts/interfaces/IStrategy.sol";
import {IVetoSlasher} from "../../../contracts/interfaces/IVetoSlasher.sol";
import {IWithdrawalQueue} from "../../../contracts/interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../../../contracts/libraries/OperatorSetLib.sol";

import {SlasherFixture} from "./SlasherFixture.sol";

/// @notice The veto slasher: request, veto window, execution by anyone, expiry; every revert path with its exact
/// arguments; and the attack it exists to defeat, an operator and its stakers running between a request and its
/// execution.
contract VetoSlasherTest is SlasherFixture {
    string internal constant VETO = "VetoSlasher.sol:VetoSlasher";
    uint32 internal constant VETO_WINDOW = 2 days;
    /// @dev Longer than the withdrawal delay allows: requests of the main instance expire at `requestedAt +
    /// WITHDRAWAL_DELAY`, the tightest bound the no-escape guarantee permits.
    uint32 internal constant EXECUTION_WINDOW = 10 days;
    uint256 internal constant HALF = 0.5e18;
    string internal constant WHY = "missed attestations";

    IVetoSlasher internal slasher;
    address internal requester;
    address internal resolver;

    function setUp() public override {
        super.setUp();
        requester = makeAddr("requester");
        resolver = makeAddr("resolver");
        slasher = _deployVeto(SET_ID, VETO_WINDOW, EXECUTION_WINDOW);
        _createSet(SET_ID, _list(strategyA, strategyB), address(slasher), address(0));

        _registerOperator(operator1);
        _registerOperator(operator2);
        _stake(alice, operator1, _list(strategyA, strategyB));
        _stake(bob, operator2, _list(strategyA, strategyB));
        _joinAndAllocate(operator1, SET_ID, _list(strategyA, strategyB), uint64(WAD));
    }

    function _deployVeto(uint32 setId, uint32 vetoWindow, uint32 executionWindow) internal returns (IVetoSlasher) {
        return
            IVetoSlasher(
                _deploy(VETO, abi.encode(coordinator, _set(setId), requester, resolver, vetoWindow, executionWindow))
            );
    }

    /// @dev The requester asks for half of operator1's allocation of strategy A.
    function _request() internal returns (uint256 requestId) {
        vm.prank(requester);
        return slasher.requestSlash(operator1, _list(strategyA), _wads(HALF), WHY);
    }

    function _execute(uint256 requestId) internal returns (uint256 slashId) {
        vm.prank(stranger);
        return slasher.executeSlash(requestId, _list(strategyA), _wads(HALF), WHY);
    }

    /// @dev The hash of request parameters, from the formula rather than from the contract's view.
    function _hash(
        IStrategy[] memory strategies,
        uint256[] memory wads,
        string memory description
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(strategies, wads, description));
    }

    function _status(uint256 requestId) internal view returns (uint256) {
        return uint256(slasher.request(requestId).status);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_setsConfiguration() public view {
        vm.assertEq(address(slasher.coordinator()), address(coordinator), "coordinator");
        OperatorSet memory set = slasher.operatorSet();
        vm.assertEq(set.avs, avs, "avs");
        vm.assertEq(uint256(set.id), SET_ID, "set id");
        vm.assertEq(Ownable(address(slasher)).owner(), requester, "owner is the requester");
        vm.assertEq(slasher.resolver(), resolver, "resolver");
        vm.assertEq(uint256(slasher.vetoWindow()), VETO_WINDOW, "veto window");
        vm.assertEq(uint256(slasher.executionWindow()), EXECUTION_WINDOW, "execution window");
        vm.assertEq(slasher.nextRequestId(), 1, "ids count from one");
    }

    function test_constructor_revertsWhen_coordinatorIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.ZeroAddress.selector));
        _deploy(VETO, abi.encode(address(0), _set(), requester, resolver, VETO_WINDOW, EXECUTION_WINDOW));
    }

    function test_constructor_revertsWhen_avsIsZero() public {
        OperatorSet memory set = OperatorSet({avs: address(0), id: SET_ID});
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.ZeroAddress.selector));
        _deploy(VETO, abi.encode(coordinator, set, requester, resolver, VETO_WINDOW, EXECUTION_WINDOW));
    }

    function test_constructor_revertsWhen_resolverIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.ZeroAddress.selector));
        _deploy(VETO, abi.encode(coordinator, _set(), requester, address(0), VETO_WINDOW, EXECUTION_WINDOW));
    }

    function test_constructor_revertsWhen_ownerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        _deploy(VETO, abi.encode(coordinator, _set(), address(0), resolver, VETO_WINDOW, EXECUTION_WINDOW));
    }

    function test_constructor_revertsWhen_vetoWindowIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.InvalidVetoWindow.selector, 0, WITHDRAWAL_DELAY));
        _deployVeto(SET_ID, 0, EXECUTION_WINDOW);
    }

    /// @dev A request would expire at the very second its veto window closes: nothing could ever execute.
    function test_constructor_revertsWhen_vetoWindowEqualsTheWithdrawalDelay() public {
        vm.expectRevert(
            abi.encodeWithSelector(IVetoSlasher.InvalidVetoWindow.selector, WITHDRAWAL_DELAY, WITHDRAWAL_DELAY)
        );
        _deployVeto(SET_ID, WITHDRAWAL_DELAY, EXECUTION_WINDOW);
    }

    function test_constructor_revertsWhen_vetoWindowExceedsTheWithdrawalDelay() public {
        vm.expectRevert(
            abi.encodeWithSelector(IVetoSlasher.InvalidVetoWindow.selector, WITHDRAWAL_DELAY + 1, WITHDRAWAL_DELAY)
        );
        _deployVeto(SET_ID, WITHDRAWAL_DELAY + 1, EXECUTION_WINDOW);
    }

    function test_constructor_revertsWhen_executionWindowIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.InvalidExecutionWindow.selector, 0));
        _deployVeto(SET_ID, VETO_WINDOW, 0);
    }

    // ---------------------------------------------------------------- requestSlash

    function test_requestSlash_storesOneRequestAndEmitsItsParameters() public {
        uint48 requestedAt = uint48(block.timestamp);
        vm.expectEmit(address(slasher));
        emit IVetoSlasher.SlashRequested(
            1,
            operator1,
            _list(strategyA),
            _wads(HALF),
            WHY,
            requestedAt + VETO_WINDOW,
            requestedAt + WITHDRAWAL_DELAY
        );
        uint256 requestId = _request();

        vm.assertEq(requestId, 1, "first id");
        vm.assertEq(slasher.nextRequestId(), 2, "next id");
        IVetoSlasher.RequestInfo memory info = slasher.request(requestId);
        vm.assertEq(info.operator, operator1, "operator");
        vm.assertEq(uint256(info.status), uint256(IVetoSlasher.RequestStatus.Pending), "pending");
        vm.assertEq(uint256(info.requestedAt), requestedAt, "requested at");
        vm.assertEq(uint256(info.vetoDeadline), requestedAt + VETO_WINDOW, "veto deadline");
        vm.assertEq(uint256(info.expiresAt), requestedAt + WITHDRAWAL_DELAY, "expiry capped by the delay");
        vm.assertEq(info.paramsHash, _hash(_list(strategyA), _wads(HALF), WHY), "parameters' hash");
        vm.assertEq(
            slasher.paramsHash(_list(strategyA), _wads(HALF), WHY),
            info.paramsHash,
            "the view hashes like the formula"
        );
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), WAD, "a request slashes nothing");
    }

    /// @dev With an execution window that ends before the withdrawal delay, the windows set the expiry.
    function test_requestSlash_expiryFollowsTheWindowsWhenShorterThanTheDelay() public {
        uint32 otherSetId = SET_ID + 1;
        IVetoSlasher short = _deployVeto(otherSetId, 1 days, 3 days);
        _createSet(otherSetId, _list(strategyA), address(short), address(0));
        _joinSet(operator1, otherSetId);
        vm.warp(block.timestamp + NOTICE);

        vm.prank(requester);
        uint256 requestId = short.requestSlash(operator1, _list(strategyA), _wads(HALF), WHY);
        vm.assertEq(uint256(short.request(requestId).expiresAt), block.timestamp + 4 days, "veto + execution");
    }

    function test_request_ofAnUnknownId_isAllZeros() public view {
        IVetoSlasher.RequestInfo memory info = slasher.request(42);
        vm.assertEq(info.operator, address(0), "no operator");
        vm.assertEq(uint256(info.status), uint256(IVetoSlasher.RequestStatus.None), "no status");
    }

    function test_requestSlash_idsIncrease() public {
        vm.assertEq(_request(), 1, "first");
        vm.assertEq(_request(), 2, "second, even for the same parameters");
        vm.assertEq(slasher.nextRequestId(), 3, "next");
    }

    function test_requestSlash_acceptsAnOperatorWithinTheDelayOfLeaving() public {
        _leaveSet(operator1, SET_ID);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        uint256 requestId = _request();
        vm.assertEq(_status(requestId), uint256(IVetoSlasher.RequestStatus.Pending), "requested");
    }

    function test_requestSlash_revertsWhen_callerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, resolver));
        vm.prank(resolver);
        slasher.requestSlash(operator1, _list(strategyA), _wads(HALF), WHY);
    }

    function test_requestSlash_revertsWhen_noStrategies() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.NoStrategies.selector));
        vm.prank(requester);
        slasher.requestSlash(operator1, new IStrategy[](0), new uint256[](0), WHY);
    }

    function test_requestSlash_revertsWhen_lengthsDiffer() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.LengthMismatch.selector, 1, 2));
        vm.prank(requester);
        slasher.requestSlash(operator1, _list(strategyA), _wads(HALF, HALF), WHY);
    }

    function test_requestSlash_revertsWhen_wadIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.InvalidWad.selector, strategyB, 0));
        vm.prank(requester);
        slasher.requestSlash(operator1, _list(strategyA, strategyB), _wads(HALF, 0), WHY);
    }

    function test_requestSlash_revertsWhen_wadAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.InvalidWad.selector, strategyA, WAD + 1));
        vm.prank(requester);
        slasher.requestSlash(operator1, _list(strategyA), _wads(WAD + 1), WHY);
    }

    function test_requestSlash_acceptsTheWholeAllocation() public {
        vm.prank(requester);
        uint256 requestId = slasher.requestSlash(operator1, _list(strategyA), _wads(WAD), WHY);
        vm.assertEq(_status(requestId), uint256(IVetoSlasher.RequestStatus.Pending), "a wad of 1e18 is valid");
    }

    function test_requestSlash_revertsWhen_operatorNeverRegisteredInSet() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.OperatorNotSlashable.selector, operator2, avs, SET_ID));
        vm.prank(requester);
        slasher.requestSlash(operator2, _list(strategyA), _wads(HALF), WHY);
    }

    function test_requestSlash_revertsWhen_operatorLeftMoreThanTheDelayAgo() public {
        _leaveSet(operator1, SET_ID);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.OperatorNotSlashable.selector, operator1, avs, SET_ID));
        _request();
    }

    function test_requestSlash_revertsWhen_strategyNotInSet() public {
        (, IStrategy strategyC) = _newStrategy("TokenC");
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyC));
        vm.prank(requester);
        slasher.requestSlash(operator1, _list(strategyC), _wads(HALF), WHY);
    }

    function test_requestSlash_revertsWhen_setDoesNotExist() public {
        uint32 missing = SET_ID + 1;
        IVetoSlasher orphan = _deployVeto(missing, VETO_WINDOW, EXECUTION_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.OperatorSetNotFound.selector, avs, missing));
        vm.prank(requester);
        orphan.requestSlash(operator1, _list(strategyA), _wads(HALF), WHY);
    }

    /// @dev Guarantee 10: once governance has shortened the delay to the veto window, the slasher stays usable: a
    /// request halves its veto window so that it can still execute before stake leaving after it is gone.
    function test_requestSlash_delayShortenedToTheVetoWindow_halvesTheVetoWindow() public {
        vm.prank(owner);
        wq.setWithdrawalDelay(VETO_WINDOW);
        // While the longer windows promised before close, the delay in force glides down; past them it is the new one.
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint256 requestId = _request();
        IVetoSlasher.RequestInfo memory info = slasher.request(requestId);
        vm.assertEq(info.vetoDeadline, block.timestamp + VETO_WINDOW / 2, "half the delay to veto");
        vm.assertEq(info.expiresAt, block.timestamp + VETO_WINDOW, "the delay to execute");

        vm.warp(info.vetoDeadline);
        uint256 slashId = _execute(requestId);
        vm.assertEq(slashId, 1, "executed");
    }

    /// @dev The delay in force is read at every request: after governance shortens it, new requests expire sooner,
    /// once the windows promised under the longer delay have closed.
    function test_requestSlash_readsTheDelayInForce() public {
        uint32 shorter = 4 days;
        vm.prank(owner);
        wq.setWithdrawalDelay(shorter);
        uint256 requestId = _request();
        vm.assertEq(
            uint256(slasher.request(requestId).expiresAt),
            block.timestamp + WITHDRAWAL_DELAY,
            "the longer windows promised still count"
        );
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        requestId = _request();
        vm.assertEq(uint256(slasher.request(requestId).expiresAt), block.timestamp + shorter, "the new delay caps");
    }

    /// @dev Documented limit: a request keeps the delay it read, even if governance shortens it afterwards.
    function test_requestSlash_keepsTheDelayReadAtTheRequest() public {
        uint256 requestId = _request();
        uint256 expiresAt = slasher.request(requestId).expiresAt;
        vm.prank(owner);
        wq.setWithdrawalDelay(4 days);
        vm.assertEq(uint256(slasher.request(requestId).expiresAt), expiresAt, "expiry unchanged");
    }

    // ---------------------------------------------------------------- veto

    function test_veto_closesTheRequest() public {
        uint256 requestId = _request();
        vm.expectEmit(address(slasher));
        emit IVetoSlasher.SlashVetoed(requestId, resolver);
        vm.prank(resolver);
        slasher.veto(requestId);

        IVetoSlasher.RequestInfo memory info = slasher.request(requestId);
        vm.assertEq(uint256(info.status), uint256(IVetoSlasher.RequestStatus.Vetoed), "vetoed");
        vm.assertEq(info.paramsHash, bytes32(0), "hash dropped");
        vm.assertEq(info.operator, operator1, "the record stays");
    }

    function test_veto_atTheLastSecondOfTheWindow() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW - 1);
        vm.prank(resolver);
        slasher.veto(requestId);
        vm.assertEq(_status(requestId), uint256(IVetoSlasher.RequestStatus.Vetoed), "vetoed in time");
    }

    function test_veto_preventsExecution() public {
        uint256 requestId = _request();
        vm.prank(resolver);
        slasher.veto(requestId);
        vm.warp(block.timestamp + VETO_WINDOW);

        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotPending.selector,
                requestId,
                IVetoSlasher.RequestStatus.Vetoed
            )
        );
        _execute(requestId);
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), WAD, "nothing slashed");
    }

    function test_veto_revertsWhen_windowClosed() public {
        uint256 requestId = _request();
        uint256 deadline = block.timestamp + VETO_WINDOW;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.VetoWindowClosed.selector, requestId, deadline, deadline));
        vm.prank(resolver);
        slasher.veto(requestId);
    }

    function test_veto_revertsWhen_callerIsNotResolver() public {
        uint256 requestId = _request();
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.NotResolver.selector, stranger, resolver));
        vm.prank(stranger);
        slasher.veto(requestId);
    }

    /// @dev The requester cannot pose as the resolver: it cancels, it does not veto.
    function test_veto_revertsWhen_callerIsTheOwner() public {
        uint256 requestId = _request();
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.NotResolver.selector, requester, resolver));
        vm.prank(requester);
        slasher.veto(requestId);
    }

    /// @dev Another instance's resolver has no say over this one.
    function test_veto_revertsWhen_callerResolvesAnotherInstance() public {
        address otherResolver = makeAddr("otherResolver");
        IVetoSlasher other = IVetoSlasher(
            _deploy(VETO, abi.encode(coordinator, _set(), requester, otherResolver, VETO_WINDOW, EXECUTION_WINDOW))
        );
        vm.assertEq(other.resolver(), otherResolver, "other instance's resolver");
        uint256 requestId = _request();
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.NotResolver.selector, otherResolver, resolver));
        vm.prank(otherResolver);
        slasher.veto(requestId);
    }

    function test_veto_revertsWhen_requestNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.RequestNotFound.selector, 1));
        vm.prank(resolver);
        slasher.veto(1);
    }

    function test_veto_revertsWhen_alreadyVetoed() public {
        uint256 requestId = _request();
        vm.prank(resolver);
        slasher.veto(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotPending.selector,
                requestId,
                IVetoSlasher.RequestStatus.Vetoed
            )
        );
        vm.prank(resolver);
        slasher.veto(requestId);
    }

    function test_veto_revertsWhen_cancelled() public {
        uint256 requestId = _request();
        vm.prank(requester);
        slasher.cancel(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotPending.selector,
                requestId,
                IVetoSlasher.RequestStatus.Cancelled
            )
        );
        vm.prank(resolver);
        slasher.veto(requestId);
    }

    // ---------------------------------------------------------------- cancel

    function test_cancel_closesTheRequest() public {
        uint256 requestId = _request();
        vm.expectEmit(address(slasher));
        emit IVetoSlasher.SlashCancelled(requestId);
        vm.prank(requester);
        slasher.cancel(requestId);

        IVetoSlasher.RequestInfo memory info = slasher.request(requestId);
        vm.assertEq(uint256(info.status), uint256(IVetoSlasher.RequestStatus.Cancelled), "cancelled");
        vm.assertEq(info.paramsHash, bytes32(0), "hash dropped");
    }

    /// @dev The owner may withdraw a request even once it could execute.
    function test_cancel_afterTheVetoWindowPreventsExecution() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.prank(requester);
        slasher.cancel(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotPending.selector,
                requestId,
                IVetoSlasher.RequestStatus.Cancelled
            )
        );
        _execute(requestId);
    }

    function test_cancel_revertsWhen_callerIsNotOwner() public {
        uint256 requestId = _request();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, resolver));
        vm.prank(resolver);
        slasher.cancel(requestId);
    }

    function test_cancel_revertsWhen_requestNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.RequestNotFound.selector, 42));
        vm.prank(requester);
        slasher.cancel(42);
    }

    function test_cancel_revertsWhen_executed() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        _execute(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotPending.selector,
                requestId,
                IVetoSlasher.RequestStatus.Executed
            )
        );
        vm.prank(requester);
        slasher.cancel(requestId);
    }

    // ---------------------------------------------------------------- executeSlash

    function test_executeSlash_fullFlow() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);

        vm.expectEmit(address(slasher));
        emit IVetoSlasher.SlashExecuted(requestId, 1, stranger);
        uint256 slashId = _execute(requestId);

        vm.assertEq(slashId, 1, "the coordinator's first slash");
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), WAD / 2, "allocation halved");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD / 2, "max magnitude halved");
        vm.assertEq(sm.withdrawableShares(alice, strategyA), SHARES / 2, "staker lost half");
        vm.assertEq(sm.withdrawableShares(alice, strategyB), SHARES, "other strategy untouched");
        vm.assertEq(sm.withdrawableShares(bob, strategyA), SHARES, "other operator's staker untouched");
        vm.assertEq(_slashedShares(_set(), strategyA), SHARES / 2, "bucket");
        IVetoSlasher.RequestInfo memory info = slasher.request(requestId);
        vm.assertEq(uint256(info.status), uint256(IVetoSlasher.RequestStatus.Executed), "executed");
        vm.assertEq(info.paramsHash, bytes32(0), "hash dropped");
    }

    function test_executeSlash_byTheOwnerOrTheResolverToo() public {
        uint256 first = _request();
        uint256 second = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.prank(requester);
        slasher.executeSlash(first, _list(strategyA), _wads(HALF), WHY);
        vm.prank(resolver);
        slasher.executeSlash(second, _list(strategyA), _wads(HALF), WHY);
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), WAD / 4, "two halvings");
    }

    function test_executeSlash_atTheLastSecondBeforeExpiry() public {
        uint256 requestId = _request();
        vm.warp(slasher.request(requestId).expiresAt - 1);
        _execute(requestId);
        vm.assertEq(_status(requestId), uint256(IVetoSlasher.RequestStatus.Executed), "executed in time");
    }

    function test_executeSlash_revertsWhen_vetoWindowOpen() public {
        uint256 requestId = _request();
        uint256 deadline = block.timestamp + VETO_WINDOW;
        vm.warp(deadline - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IVetoSlasher.RequestNotExecutable.selector, requestId, deadline, deadline - 1)
        );
        _execute(requestId);
    }

    function test_executeSlash_revertsWhen_justRequested() public {
        uint256 requestId = _request();
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotExecutable.selector,
                requestId,
                block.timestamp + VETO_WINDOW,
                block.timestamp
            )
        );
        _execute(requestId);
    }

    function test_executeSlash_revertsWhen_expired() public {
        uint256 requestId = _request();
        uint256 expiresAt = block.timestamp + WITHDRAWAL_DELAY;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.RequestExpired.selector, requestId, expiresAt, expiresAt));
        _execute(requestId);
    }

    function test_executeSlash_revertsWhen_executedTwice() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        _execute(requestId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotPending.selector,
                requestId,
                IVetoSlasher.RequestStatus.Executed
            )
        );
        _execute(requestId);
        vm.assertEq(_allocation(operator1, SET_ID, strategyA), WAD / 2, "slashed once only");
    }

    function test_executeSlash_revertsWhen_requestNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.RequestNotFound.selector, 1));
        _execute(1);
    }

    function test_executeSlash_revertsWhen_wadsDiffer() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.ParametersMismatch.selector,
                requestId,
                _hash(_list(strategyA), _wads(HALF), WHY),
                _hash(_list(strategyA), _wads(WAD), WHY)
            )
        );
        vm.prank(stranger);
        slasher.executeSlash(requestId, _list(strategyA), _wads(WAD), WHY);
    }

    function test_executeSlash_revertsWhen_strategiesDiffer() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.ParametersMismatch.selector,
                requestId,
                _hash(_list(strategyA), _wads(HALF), WHY),
                _hash(_list(strategyB), _wads(HALF), WHY)
            )
        );
        vm.prank(stranger);
        slasher.executeSlash(requestId, _list(strategyB), _wads(HALF), WHY);
    }

    function test_executeSlash_revertsWhen_descriptionDiffers() public {
        uint256 requestId = _request();
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.ParametersMismatch.selector,
                requestId,
                _hash(_list(strategyA), _wads(HALF), WHY),
                _hash(_list(strategyA), _wads(HALF), "something else")
            )
        );
        vm.prank(stranger);
        slasher.executeSlash(requestId, _list(strategyA), _wads(HALF), "something else");
    }

    /// @dev A request's parameters cannot be smuggled into another request of the same operator.
    function test_executeSlash_revertsWhen_parametersOfAnotherRequest() public {
        uint256 first = _request();
        vm.prank(requester);
        slasher.requestSlash(operator1, _list(strategyA, strategyB), _wads(WAD, WAD), "everything");
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.ParametersMismatch.selector,
                first,
                _hash(_list(strategyA), _wads(HALF), WHY),
                _hash(_list(strategyA, strategyB), _wads(WAD, WAD), "everything")
            )
        );
        vm.prank(stranger);
        slasher.executeSlash(first, _list(strategyA, strategyB), _wads(WAD, WAD), "everything");
    }

    /// @dev After the AVS's scheduled replacement takes over, pending requests can no longer execute.
    function test_executeSlash_revertsWhen_slasherReplaced() public {
        address replacement = makeAddr("replacement");
        address setRecipient = _recipientOf(_set(SET_ID));
        vm.prank(avs);
        avsRegistry.scheduleSlasher(SET_ID, replacement, setRecipient);
        vm.warp(block.timestamp + 1 days);
        uint256 requestId = _request();
        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistry.NotSlasher.selector, address(slasher), avs, SET_ID, replacement)
        );
        _execute(requestId);
    }

    function test_executeSlash_revertsWhen_strategyRemovedFromSet() public {
        uint256 requestId = _request();
        vm.prank(avs);
        avsRegistry.removeStrategiesFromOperatorSet(SET_ID, _list(strategyA));
        vm.warp(block.timestamp + VETO_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistry.StrategyNotInSet.selector, avs, SET_ID, strategyA));
        _execute(requestId);
    }

    // ---------------------------------------------------------------- the no-escape guarantee

    /// @dev The attack: the operator sees the request and, in the same second, deallocates and leaves the set, and
    /// its staker queues her whole stake. The request executes at the last second it can: the slash still reaches
    /// the operator's allocation and the staker's queued withdrawal pays the reduced amount.
    function test_attack_noEscape_deallocateDeregisterAndQueueAfterTheRequest() public {
        uint256 requestedAt = block.timestamp;
        uint256 requestId = _request();

        _allocate(operator1, SET_ID, _list(strategyA), 0);
        _leaveSet(operator1, SET_ID);
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);
        vm.assertEq(sm.withdrawableShares(alice, strategyA), 0, "her stake left her position");

        vm.warp(requestedAt + WITHDRAWAL_DELAY - 1);
        _execute(requestId);

        (uint64 current, uint64 pending, uint48 effectAt) = allocationManager.allocation(operator1, _set(), strategyA);
        vm.assertEq(current, WAD / 2, "the deallocating allocation was slashed");
        vm.assertEq(pending, 0, "the deallocation still goes to zero");
        vm.assertEq(uint256(effectAt), requestedAt + WITHDRAWAL_DELAY, "and takes effect when it would have");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD / 2, "max magnitude halved");
        vm.assertEq(_slashedShares(_set(), strategyA), SHARES / 2, "half her queued stake was taken");

        vm.warp(escape.maturity);
        uint256[] memory paid = _complete(escape, true);
        vm.assertEq(paid[0], SHARES / 2, "the withdrawal paid half its shares");
        vm.assertEq(tokenA.balanceOf(alice), DEPOSIT / 2, "half her tokens");
    }

    /// @dev The same attack by undelegating, which queues every position of the staker at once.
    function test_attack_noEscape_undelegateAfterTheRequest() public {
        uint256 requestId = _request();
        IWithdrawalQueue.Withdrawal memory escape = _undelegate(alice, alice);

        vm.warp(block.timestamp + WITHDRAWAL_DELAY - 1);
        _execute(requestId);

        vm.warp(escape.maturity);
        uint256[] memory paid = _complete(escape, true);
        vm.assertEq(paid[0], SHARES / 2, "strategy A paid half");
        vm.assertEq(paid[1], SHARES, "strategy B, not in the request, paid in full");
    }

    /// @dev Whenever the operator and the staker run after the request, and whenever the request executes, the
    /// slash takes the same from the runners as from someone who stayed.
    function testFuzz_attack_noEscape(uint256 runAfter, uint256 executeAfter) public {
        uint256 requestedAt = block.timestamp;
        uint256 expiresAt = requestedAt + WITHDRAWAL_DELAY;
        uint256 requestId = _request();

        vm.warp(bound(runAfter, requestedAt, expiresAt - 1));
        _allocate(operator1, SET_ID, _list(strategyA), 0);
        _leaveSet(operator1, SET_ID);
        IWithdrawalQueue.Withdrawal memory escape = _queue(alice, strategyA, SHARES);

        uint256 earliest = block.timestamp > requestedAt + VETO_WINDOW ? block.timestamp : requestedAt + VETO_WINDOW;
        vm.warp(bound(executeAfter, earliest, expiresAt - 1));
        _execute(requestId);

        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD / 2, "max magnitude halved");
        vm.warp(escape.maturity);
        uint256[] memory paid = _complete(escape, true);
        vm.assertEq(paid[0], SHARES / 2, "the runner lost half");
    }

    /// @dev Documented limit: stake that started leaving before the request and matured before its execution is
    /// out of reach.
    function test_executeSlash_doesNotReachAWithdrawalThatMaturedBeforeExecution() public {
        IWithdrawalQueue.Withdrawal memory early = _queue(alice, strategyA, SHARES);
        vm.warp(block.timestamp + 1 days);
        uint256 requestId = _request();

        vm.warp(early.maturity);
        _execute(requestId);

        uint256[] memory paid = _complete(early, true);
        vm.assertEq(paid[0], SHARES, "left before the request, matured before the slash: paid in full");
        vm.assertEq(allocationManager.maxMagnitude(operator1, strategyA), WAD / 2, "the operator was still slashed");
    }

    /// @dev Stake that started leaving before the request but had not matured at execution is still reached.
    function test_executeSlash_reachesAWithdrawalQueuedBeforeTheRequestStillUnmatured() public {
        IWithdrawalQueue.Withdrawal memory early = _queue(alice, strategyA, SHARES);
        vm.warp(block.timestamp + 1 days);
        uint256 requestId = _request();

        vm.warp(early.maturity - 1);
        _execute(requestId);

        vm.warp(early.maturity);
        uint256[] memory paid = _complete(early, true);
        vm.assertEq(paid[0], SHARES / 2, "still reachable at execution: halved");
    }

    // ---------------------------------------------------------------- expiry

    /// @dev The expiry is the earlier of the windows' end and the withdrawal delay read at the request; the
    /// request executes from its veto deadline to the second before its expiry, and at no other time.
    function testFuzz_requestSlash_expiryIsTheEarlierOfTheWindowsAndTheDelay(
        uint256 delay,
        uint256 vetoWindow,
        uint256 executionWindow
    ) public {
        delay = bound(delay, wq.MIN_WITHDRAWAL_DELAY(), wq.MAX_WITHDRAWAL_DELAY());
        vetoWindow = bound(vetoWindow, 1, delay - 1);
        executionWindow = bound(executionWindow, 1, type(uint32).max);
        vm.prank(owner);
        wq.setWithdrawalDelay(uint32(delay));

        uint32 fuzzSetId = SET_ID + 1;
        IVetoSlasher fuzzed = _deployVeto(fuzzSetId, uint32(vetoWindow), uint32(executionWindow));
        _createSet(fuzzSetId, _list(strategyA), address(fuzzed), address(0));
        _joinAndAllocate(operator2, fuzzSetId, _list(strategyA), uint64(WAD));

        uint256 requestedAt = block.timestamp;
        vm.prank(requester);
        uint256 requestId = fuzzed.requestSlash(operator2, _list(strategyA), _wads(HALF), WHY);

        uint256 lifetime = vetoWindow + executionWindow;
        uint256 expected = requestedAt + (lifetime < delay ? lifetime : delay);
        IVetoSlasher.RequestInfo memory info = fuzzed.request(requestId);
        vm.assertEq(uint256(info.expiresAt), expected, "expiry");
        vm.assertLe(uint256(info.expiresAt), requestedAt + delay, "never past the delay");
        vm.assertEq(uint256(info.vetoDeadline), requestedAt + vetoWindow, "veto deadline");

        vm.warp(info.vetoDeadline - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVetoSlasher.RequestNotExecutable.selector,
                requestId,
                info.vetoDeadline,
                info.vetoDeadline - 1
            )
        );
        fuzzed.executeSlash(requestId, _list(strategyA), _wads(HALF), WHY);

        vm.warp(info.expiresAt);
        vm.expectRevert(
            abi.encodeWithSelector(IVetoSlasher.RequestExpired.selector, requestId, info.expiresAt, info.expiresAt)
        );
        fuzzed.executeSlash(requestId, _list(strategyA), _wads(HALF), WHY);

        vm.warp(info.expiresAt - 1);
        fuzzed.executeSlash(requestId, _list(strategyA), _wads(HALF), WHY);
        vm.assertEq(allocationManager.maxMagnitude(operator2, strategyA), WAD / 2, "executed in the last second");
    }

    // ---------------------------------------------------------------- ownership and gas

    function test_renounceOwnership_revertsWhen_owner() public {
        vm.expectRevert(abi.encodeWithSelector(IVetoSlasher.OwnershipRenounceDisabled.selector));
        vm.prank(requester);
        Ownable(address(slasher)).renounceOwnership();
    }

    function test_transferOwnership_movesTheRequesterRoleInTwoSteps() public {
        address next = makeAddr("next");
        vm.prank(requester);
        Ownable2Step(address(slasher)).transferOwnership(next);
        vm.prank(next);
        Ownable2Step(address(slasher)).acceptOwnership();
        vm.prank(next);
        uint256 requestId = slasher.requestSlash(operator1, _list(strategyA), _wads(HALF), WHY);
        vm.assertEq(_status(requestId), uint256(IVetoSlasher.RequestStatus.Pending), "the new requester requests");
    }
}
