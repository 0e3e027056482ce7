// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorSet} from "../libraries/OperatorSetLib.sol";
import {ISlashingCoordinator} from "./ISlashingCoordinator.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title IVetoSlasher
/// @notice A reference slasher with a check on the AVS: the AVS's requester asks for a slash, a resolver may veto it
/// during a veto window, and afterwards anyone executes it, within an execution window.
///
/// One instance serves one operator set, named at deployment and fixed for the instance's life; the set names this
/// contract as its `slasher`. The lifecycle of request `id`, requested at `t` (`block.timestamp`):
/// - `requestSlash` (owner only): the parameters are checked now (lengths, every fraction in (0, 1e18], the
///   strategies in the set, the operator slashable in the set) so that a request which could never execute fails at
///   once rather than after the veto window. Storage keeps one slot (operator, `t`, the withdrawal delay `D` read at
///   `t`, status) and a hash of (strategies, wads, description); the `SlashRequested` event carries the parameters,
///   and whoever executes resupplies them.
/// - veto window `[t, t + W)`: the resolver may `veto`; the owner may `cancel` at any time before execution. `W` is
///   `vetoWindow`, or `D / 2` if governance has shortened the withdrawal delay to `vetoWindow` or less since
///   deployment: the slasher stays usable after any legal change of the delay (guarantee 10), at the cost of a
///   shorter veto window, which the `SlashRequested` event states.
/// - execution window `[t + W, expiresAt)`: anyone may `executeSlash`, once, with the parameters of the
///   request; the slash goes through `ISlashingCoordinator.slash`.
/// - `expiresAt = t + min(W + executionWindow, D)`: from then on the request cannot execute.
///
/// No escape. In Palisade a deallocation stays slashable for `D` after it is made, a deregistration leaves the
/// operator slashable in the set for `D`, and a withdrawal queued at `s` matures at `s + D` and is reached by every
/// slash before its maturity. A request expires by `t + D` at the latest, so everything the operator or its stakers
/// start after the request — deallocating, deregistering, queueing withdrawals, undelegating — is still slashable
/// whenever the request can execute, and the executed slash reaches it in full. That is why a configuration with
/// `vetoWindow >= D` is refused at deployment (nothing could ever execute), and why a request under a delay that has
/// since become that short halves its veto window instead. Windows only grow: `D` is the delay in force
/// (`IWithdrawalQueue.withdrawalDelay`), which never lets stake leaving after `t` mature before `t + D`, even while a
/// governance reduction of the delay is gliding in.
/// @dev Warning:
/// - Not covered: stake that had started leaving before the request. A deallocation made, or a withdrawal queued,
///   at `s < t` takes effect or matures at `s + D`, which may come before the request executes; the slash then
///   does not reach it. An AVS that wants to reach it must request promptly (or use `IInstantSlasher`). The same
///   holds for an operator that had deregistered before the request: it stays slashable only until its
///   `slashableUntil`, which may come before the request's `expiresAt`; an execution after it fails with
///   `OperatorNotSlashable`.
/// - The slash applies to the operator's allocation and stake as they are at execution, not at the request: stake
///   delegated to the operator, and allocation increases that came into force, between the two are slashed too.
///   The pending request is public (`SlashRequested`) for anyone about to delegate to the operator.
/// - The resolver is immutable. Changing who may veto means deploying a new instance and scheduling it as the
///   set's slasher in the AVS registry, which takes effect only after the withdrawal delay: operators and stakers
///   who accepted one resolver can leave before another one applies. A mutable resolver would let the AVS swap in
///   a resolver that never vetoes without that notice.
/// - When the set's slasher changes (scheduled in the AVS registry), pending requests of this instance can no
///   longer execute: the coordinator answers `NotSlasher`.
/// - A strategy named twice is slashed twice, the second fraction applying to what the first left.
/// - Ownership cannot be renounced: an ownerless instance could never request again nor cancel a request.
interface IVetoSlasher {
    /// @notice The stored state of a request. `Pending` requests past their `expiresAt` can no longer execute;
    /// `request` reports their expiry.
    enum RequestStatus {
        None,
        Pending,
        Vetoed,
        Cancelled,
        Executed
    }

    /// @notice A request as `request` reports it.
    /// @param operator The operator to slash.
    /// @param status The stored status (see `RequestStatus`).
    /// @param requestedAt When it was requested.
    /// @param vetoDeadline The first second at which the resolver can no longer veto and anyone can execute.
    /// @param expiresAt The first second at which it can no longer execute.
    /// @param paramsHash `keccak256(abi.encode(strategies, wads, description))`; zero once the request is closed.
    struct RequestInfo {
        address operator;
        RequestStatus status;
        uint48 requestedAt;
        uint48 vetoDeadline;
        uint48 expiresAt;
        bytes32 paramsHash;
    }

    /// @notice A constructor argument is the zero address: `coordinator`, the set's AVS, the owner or the resolver.
    error ZeroAddress();
    /// @notice The veto window of `vetoWindow` seconds must lie in (0, `withdrawalDelay`) at deployment: otherwise the
    /// resolver has no time to veto, or no request could execute before it expires.
    error InvalidVetoWindow(uint256 vetoWindow, uint256 withdrawalDelay);
    /// @notice An execution window of zero seconds: no request could ever execute.
    error InvalidExecutionWindow(uint256 executionWindow);
    /// @notice A request that names no strategy.
    error NoStrategies();
    /// @notice `strategies` and `wads` differ in length.
    error LengthMismatch(uint256 strategies, uint256 wads);
    /// @notice A fraction of `wad` for `strategy` lies outside (0, 1e18].
    error InvalidWad(IStrategy strategy, uint256 wad);
    /// @notice `operator` is not slashable in `avs`'s set `setId` now: neither registered nor within the withdrawal
    /// delay of leaving.
    error OperatorNotSlashable(address operator, address avs, uint32 setId);
    /// @notice `caller` may not veto: only `resolver` may.
    error NotResolver(address caller, address resolver);
    /// @notice Request `requestId` does not exist.
    error RequestNotFound(uint256 requestId);
    /// @notice Request `requestId` is `status`, no longer pending.
    error RequestNotPending(uint256 requestId, RequestStatus status);
    /// @notice The veto window of request `requestId` closed at `vetoDeadline`; the chain's time is `currentTime`.
    error VetoWindowClosed(uint256 requestId, uint256 vetoDeadline, uint256 currentTime);
    /// @notice Request `requestId` can execute from `vetoDeadline` on; the chain's time is `currentTime`.
    error RequestNotExecutable(uint256 requestId, uint256 vetoDeadline, uint256 currentTime);
    /// @notice Request `requestId` expired at `expiresAt`; the chain's time is `currentTime`.
    error RequestExpired(uint256 requestId, uint256 expiresAt, uint256 currentTime);
    /// @notice The parameters supplied to execute request `requestId` hash to `supplied`, not to the `expected` hash
    /// of the parameters requested.
    error ParametersMismatch(uint256 requestId, bytes32 expected, bytes32 supplied);
    /// @notice Renouncing ownership is disabled (see the warning above).
    error OwnershipRenounceDisabled();

    /// @notice The owner requested slash `requestId` of `operator`: fraction `wads[i]` of its allocation of
    /// `strategies[i]`, with `description`. The resolver may veto it before `vetoDeadline`; anyone may execute it
    /// from `vetoDeadline` until just before `expiresAt`. Keep the parameters: executing takes them.
    event SlashRequested(
        uint256 indexed requestId,
        address indexed operator,
        IStrategy[] strategies,
        uint256[] wads,
        string description,
        uint48 vetoDeadline,
        uint48 expiresAt
    );
    /// @notice The resolver vetoed request `requestId`.
    event SlashVetoed(uint256 indexed requestId, address indexed resolver);
    /// @notice The owner cancelled request `requestId`.
    event SlashCancelled(uint256 indexed requestId);
    /// @notice `executor` executed request `requestId`, which became the coordinator's slash `slashId`.
    event SlashExecuted(uint256 indexed requestId, uint256 indexed slashId, address indexed executor);

    /// @notice Requests a slash of `operator` in this instance's set: fraction `wads[i]` (of 1e18) of its
    /// allocation of `strategies[i]`. Owner only.
    /// @dev Requirements: `strategies` not empty (`NoStrategies`) and as long as `wads` (`LengthMismatch`); every
    /// fraction in (0, 1e18] (`InvalidWad`); the set exists and holds every strategy (the AVS registry's
    /// `OperatorSetNotFound`, `StrategyNotInSet`); `operator` slashable in the set now (`OperatorNotSlashable`).
    /// Effects: stores the request as `Pending` with the withdrawal delay in force; emits `SlashRequested`.
    /// @param description Why, for the record: emitted here and in the coordinator's `OperatorSlashed`.
    /// @return requestId The request's id, counting from 1.
    function requestSlash(
        address operator,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external returns (uint256 requestId);

    /// @notice Vetoes request `requestId`. Resolver only, while the request is pending and before its veto
    /// deadline (`NotResolver`, `RequestNotFound`, `RequestNotPending`, `VetoWindowClosed`).
    function veto(uint256 requestId) external;

    /// @notice Cancels request `requestId`. Owner only, while the request is pending (`RequestNotFound`,
    /// `RequestNotPending`), at any time: the AVS may withdraw a request it no longer stands by.
    function cancel(uint256 requestId) external;

    /// @notice Executes request `requestId` with the parameters it was requested with. Anyone may call it.
    /// @dev Requirements: the request is pending (`RequestNotFound`, `RequestNotPending`); its veto window has
    /// passed (`RequestNotExecutable`) and it has not expired (`RequestExpired`); the parameters hash to the
    /// request's (`ParametersMismatch`); and the coordinator accepts the slash (its own errors and the AVS
    /// registry's, such as `NotSlasher` after a change of slasher, or `StrategyNotInSet` after the AVS removed a
    /// strategy).
    /// Effects: marks the request `Executed` before calling the coordinator; emits `SlashExecuted`.
    /// @return slashId The coordinator's id of the slash.
    function executeSlash(
        uint256 requestId,
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external returns (uint256 slashId);

    /// @notice Request `requestId` (all fields zero if it does not exist).
    function request(uint256 requestId) external view returns (RequestInfo memory);

    /// @notice The id the next request gets.
    function nextRequestId() external view returns (uint256);

    /// @notice The hash `executeSlash` checks its parameters against: `keccak256(abi.encode(strategies, wads,
    /// description))`.
    function paramsHash(
        IStrategy[] calldata strategies,
        uint256[] calldata wads,
        string calldata description
    ) external pure returns (bytes32);

    /// @notice The SlashingCoordinator every slash goes through.
    function coordinator() external view returns (ISlashingCoordinator);

    /// @notice The operator set this instance slashes in.
    function operatorSet() external view returns (OperatorSet memory);

    /// @notice The account that may veto requests.
    function resolver() external view returns (address);

    /// @notice Seconds after a request during which the resolver may veto it.
    function vetoWindow() external view returns (uint32);

    /// @notice Seconds after the veto window during which a request may execute (cut short by the withdrawal delay).
    function executionWindow() external view returns (uint32);
}
