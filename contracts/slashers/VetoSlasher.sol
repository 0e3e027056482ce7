// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IAVSRegistry} from "../interfaces/IAVSRegistry.sol";
import {ISlashingCoordinator} from "../interfaces/ISlashingCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IVetoSlasher} from "../interfaces/IVetoSlasher.sol";
import {IWithdrawalQueue} from "../interfaces/IWithdrawalQueue.sol";
import {OperatorSet} from "../libraries/OperatorSetLib.sol";

/// @title VetoSlasher
/// @notice Slashes are requested by the owner, may be vetoed by the resolver, and are executed by anyone once the
/// veto window has passed and before they expire. See `IVetoSlasher`.
/// @dev Not upgradeable, so plain storage: no proxy or inherited module can collide with it (`Ownable2Step` keeps
/// its owner and pending owner in slots 0 and 1, declared first).
contract VetoSlasher is IVetoSlasher, Ownable2Step {
    // ------------------------------------------------------------------ storage

    /// @dev A request, in one slot (160 + 48 + 32 + 8 bits). The withdrawal delay read at the request is kept rather
    /// than the expiry so that the slot also tells how the expiry was derived; both windows are immutables.
    struct Request {
        address operator;
        uint48 requestedAt;
        uint32 withdrawalDelay;
        RequestStatus status;
    }

    /// @dev The id the next request gets. Set to 1 at deployment so that every request, the first included,
    /// rewrites a non-zero slot (5,000 gas) rather than filling an empty one (22,100).
    uint256 private _nextRequestId;
    mapping(uint256 requestId => Request) private _requests;
    /// @dev `keccak256(abi.encode(strategies, wads, description))` of each pending request; deleted when the
    /// request closes, for the gas refund.
    mapping(uint256 requestId => bytes32) private _paramsHashes;

    uint256 private constant WAD = 1e18;

    // ------------------------------------------------------------------ immutables

    /// @inheritdoc IVetoSlasher
    ISlashingCoordinator public immutable coordinator;
    /// @inheritdoc IVetoSlasher
    address public immutable resolver;
    /// @inheritdoc IVetoSlasher
    uint32 public immutable vetoWindow;
    /// @inheritdoc IVetoSlasher
    uint32 public immutable executionWindow;

    /// @dev The AVS registry, read from the coordinator once. Palisade's contracts name one another by their proxies'
    /// addresses, which upgrades keep, so it never goes stale; reading it here saves a call through the coordinator's
    /// proxy on every request.
    IAVSRegistry private immutable _avsRegistry;

    /// @dev The set, as two immutables: a struct cannot be one.
    address private immutable _avs;
    uint32 private immutable _setId;

    /// @param coordinator_ The SlashingCoordinator.
    /// @param operatorSet_ The set this instance slashes in; it need not exist yet (the AVS creates it naming this
    /// contract as its slasher), but must exist by the first request.
    /// @param owner_ The AVS's requester, who requests and cancels.
    /// @param resolver_ Who may veto, for the instance's life (see the warning in `IVetoSlasher`).
    /// @param vetoWindow_ Seconds for the resolver to veto; in (0, withdrawal delay).
    /// @param executionWindow_ Seconds, after the veto window, for anyone to execute; cut short by the withdrawal
    /// delay.
    constructor(
        ISlashingCoordinator coordinator_,
        OperatorSet memory operatorSet_,
        address owner_,
        address resolver_,
        uint32 vetoWindow_,
        uint32 executionWindow_
    ) Ownable(owner_) {
        // `Ownable` has already refused a zero owner (`OwnableInvalidOwner`); a zero owner here would never be reached.
        if (address(coordinator_) == address(0) || operatorSet_.avs == address(0) || resolver_ == address(0)) {
            revert ZeroAddress();
        }
        if (executionWindow_ == 0) revert InvalidExecutionWindow(executionWindow_);
        _checkVetoWindow(vetoWindow_, IWithdrawalQueue(coordinator_.withdrawalQueue()).withdrawalDelay());

        coordinator = coordinator_;
        resolver = resolver_;
        vetoWindow = vetoWindow_;
        executionWindow = executionWindow_;
        _avsRegistry = IAVSRegistry(coordinator_.avsRegistry());
        _avs = operatorSet_.avs;
        _setId = operatorSet_.id;
        _nextRequestId = 1;
    }

    // ------------------------------------------------------------------ owner

    /// @inheritdoc IVetoSlasher
    function requestSlash(
        address operator,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external onlyOwner returns (uint256 requestId) {
        // The coordinator checks all of this again at execution; checking it now makes a request that could never
        // execute fail while its author is watching, not a veto window later.
        uint256 count = strategies.length;
        if (count == 0) revert NoStrategies();
        if (wads.length != count) revert LengthMismatch(count, wads.length);
        for (uint256 i; i < count; ++i) {
            if (wads[i] == 0 || wads[i] > WAD) revert InvalidWad(strategies[i], wads[i]);
        }
        // One call checks the set exists, holds every strategy, and whether the operator is slashable in it now
        // (what `isSlashable` answers), and says when stake that starts leaving now is gone.
        (bool slashable, uint48 exitEnd) = _avsRegistry.checkAllocation(operator, operatorSet(), strategies);
        if (!slashable) revert OperatorNotSlashable(operator, _avs, _setId);
        // The withdrawal delay in force, read at every request as governance may change it: the expiry must come by
        // `requestedAt + delay`, when stake leaving after the request is gone (see "No escape" in `IVetoSlasher`). A
        // delay governance shortened below the veto window shortens the window instead of refusing the request.
        // Safe cast: the exit window is at most 30 days long.
        uint32 delay = uint32(exitEnd - block.timestamp);

        requestId = _nextRequestId;
        // Cannot overflow: one request per call, at most 2^256 of them.
        unchecked {
            _nextRequestId = requestId + 1;
        }
        // Safe cast: a timestamp fits 48 bits for millions of years.
        uint48 requestedAt = uint48(block.timestamp);
        _requests[requestId] = Request({
            operator: operator,
            requestedAt: requestedAt,
            withdrawalDelay: delay,
            status: RequestStatus.Pending
        });
        _paramsHashes[requestId] = _hashParams(strategies, wads, description);
        emit SlashRequested(
            requestId,
            operator,
            strategies,
            wads,
            description,
            uint48(_vetoDeadline(requestedAt, delay)),
            uint48(_expiresAt(requestedAt, delay))
        );
    }

    /// @inheritdoc IVetoSlasher
    function cancel(uint256 requestId) external onlyOwner {
        _requirePending(requestId, _requests[requestId].status);
        _close(requestId, RequestStatus.Cancelled);
        emit SlashCancelled(requestId);
    }

    /// @notice Disabled: an ownerless instance could never request again nor cancel (see `IVetoSlasher`).
    function renounceOwnership() public view override onlyOwner {
        revert OwnershipRenounceDisabled();
    }

    // ------------------------------------------------------------------ resolver

    /// @inheritdoc IVetoSlasher
    function veto(uint256 requestId) external {
        if (msg.sender != resolver) revert NotResolver(msg.sender, resolver);
        Request memory req = _requests[requestId];
        _requirePending(requestId, req.status);
        uint256 vetoDeadline = _vetoDeadline(req.requestedAt, req.withdrawalDelay);
        if (block.timestamp >= vetoDeadline) revert VetoWindowClosed(requestId, vetoDeadline, block.timestamp);
        _close(requestId, RequestStatus.Vetoed);
        emit SlashVetoed(requestId, msg.sender);
    }

    // ------------------------------------------------------------------ anyone

    /// @inheritdoc IVetoSlasher
    function executeSlash(
        uint256 requestId,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external returns (uint256 slashId) {
        Request memory req = _requests[requestId];
        _requirePending(requestId, req.status);
        // The veto window and the execution window do not overlap: the resolver's last second is the one before
        // `vetoDeadline`, so a veto can never be raced by an execution in the same second.
        uint256 vetoDeadline = _vetoDeadline(req.requestedAt, req.withdrawalDelay);
        if (block.timestamp < vetoDeadline) revert RequestNotExecutable(requestId, vetoDeadline, block.timestamp);
        uint256 expiresAt = _expiresAt(req.requestedAt, req.withdrawalDelay);
        if (block.timestamp >= expiresAt) revert RequestExpired(requestId, expiresAt, block.timestamp);
        bytes32 expected = _paramsHashes[requestId];
        bytes32 supplied = _hashParams(strategies, wads, description);
        if (supplied != expected) revert ParametersMismatch(requestId, expected, supplied);

        // Closed before the call, so that the request cannot execute twice whatever happens inside it.
        _close(requestId, RequestStatus.Executed);
        (slashId, ) = coordinator.slash(req.operator, operatorSet(), strategies, wads, description);
        // Emitted after the call, which is where the slash's id comes from. The coordinator is Palisade's own
        // contract, guarded against reentrancy, and this request is closed already.
        emit SlashExecuted(requestId, slashId, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IVetoSlasher
    function request(uint256 requestId) external view returns (RequestInfo memory info) {
        Request memory req = _requests[requestId];
        if (req.status == RequestStatus.None) return info;
        info.operator = req.operator;
        info.status = req.status;
        info.requestedAt = req.requestedAt;
        info.vetoDeadline = uint48(_vetoDeadline(req.requestedAt, req.withdrawalDelay));
        info.expiresAt = uint48(_expiresAt(req.requestedAt, req.withdrawalDelay));
        info.paramsHash = _paramsHashes[requestId];
    }

    /// @inheritdoc IVetoSlasher
    function nextRequestId() external view returns (uint256) {
        return _nextRequestId;
    }

    /// @inheritdoc IVetoSlasher
    function paramsHash(
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external pure returns (bytes32) {
        return _hashParams(strategies, wads, description);
    }

    /// @inheritdoc IVetoSlasher
    function operatorSet() public view returns (OperatorSet memory) {
        return OperatorSet({avs: _avs, id: _setId});
    }

    // ------------------------------------------------------------------ internal

    /// @dev Marks a pending request closed with `status` and drops its parameters' hash, which nothing reads again.
    function _close(uint256 requestId, RequestStatus status) private {
        _requests[requestId].status = status;
        delete _paramsHashes[requestId];
    }

    /// @dev The veto window of a request made under withdrawal delay `delay`: `vetoWindow`, or half the delay if
    /// governance shortened the delay to `vetoWindow` or less since deployment, so that the request can still
    /// execute before stake leaving after it is gone (guarantee 10: a slasher stays usable after any legal change).
    function _vetoWindowUnder(uint256 delay) private view returns (uint256) {
        return vetoWindow < delay ? vetoWindow : delay / 2;
    }

    /// @dev The first second at which the resolver of a request made at `requestedAt`, under withdrawal delay
    /// `delay`, can no longer veto, and anyone can execute it.
    function _vetoDeadline(uint256 requestedAt, uint256 delay) private view returns (uint256) {
        return requestedAt + _vetoWindowUnder(delay);
    }

    /// @dev The first second at which a request made at `requestedAt`, under withdrawal delay `delay`, can no longer
    /// execute: the end of the execution window, or `requestedAt + delay` if that comes first, so that whatever
    /// starts leaving after the request is still slashable whenever the request can execute.
    function _expiresAt(uint256 requestedAt, uint256 delay) private view returns (uint256) {
        // Cannot overflow: both windows are 32-bit numbers.
        uint256 lifetime = _vetoWindowUnder(delay) + executionWindow;
        return requestedAt + (lifetime < delay ? lifetime : delay);
    }

    function _requirePending(uint256 requestId, RequestStatus status) private pure {
        if (status == RequestStatus.None) revert RequestNotFound(requestId);
        if (status != RequestStatus.Pending) revert RequestNotPending(requestId, status);
    }

    /// @dev A veto window of zero leaves the resolver no time; one of `delay` or more leaves the request no time to
    /// execute before it expires.
    function _checkVetoWindow(uint256 window, uint256 delay) private pure {
        if (window == 0 || window >= delay) revert InvalidVetoWindow(window, delay);
    }

    function _hashParams(
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(strategies, wads, description));
    }
}
