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

    /// @notice A constructor argument of the slasher is the zero address: the coordinator, the set's AVS, the resolver
    /// or the treasury.
    /// @dev A constructor argument is the zero address: `coordinator`, the set's AVS, the owner or the resolver.
    /// @custom:title A slasher's address parameter is the zero address
    /// @custom:hint Pass the deployment's SlashingCoordinator and non-zero addresses for the AVS, resolver and
    /// treasury.
    error ZeroAddress();
    /// @notice A veto window of {vetoWindow:duration} must be longer than zero and shorter than the withdrawal delay of
    /// {withdrawalDelay:duration}, or no request could ever execute.
    /// @dev The veto window of `vetoWindow` seconds must lie in (0, `withdrawalDelay`) at deployment: otherwise the
    /// resolver has no time to veto, or no request could execute before it expires.
    /// @custom:title The veto window is not shorter than the withdrawal delay
    /// @custom:hint Deploy with a veto window shorter than the withdrawal delay; if governance shortened the delay
    /// since, deploy a new VetoSlasher and schedule it as the set's slasher.
    /// @custom:argument vetoWindow
    error InvalidVetoWindow(uint256 vetoWindow, uint256 withdrawalDelay);
    /// @notice An execution window of zero seconds would let no request ever execute.
    /// @dev An execution window of zero seconds: no request could ever execute.
    /// @custom:title The execution window is zero
    /// @custom:hint Deploy the VetoSlasher with an execution window of at least one second (typically hours or days).
    /// @custom:argument executionWindow
    error InvalidExecutionWindow(uint256 executionWindow);
    /// @notice The slash names no strategy (for an EquivocationSlasher: none was configured at deployment).
    /// @custom:title No strategy was named
    /// @custom:hint Name at least one strategy of the set, with its fraction.
    /// @custom:argument strategies
    error NoStrategies();
    /// @notice Lists that go in pairs differ in length: {strategies} strategies (or withdrawals) but {wads} amounts,
    /// magnitudes, fractions or flags.
    /// @custom:title Paired lists differ in length
    /// @custom:hint Pass one entry per strategy: shares when withdrawing, magnitudes when allocating, wads when
    /// slashing, and one `asTokens` flag per withdrawal completed.
    /// @custom:argument strategies
    error LengthMismatch(uint256 strategies, uint256 wads);
    /// @notice A slash of {wad:wad} (wad {wad}) for strategy {strategy} lies outside the allowed range, above 0% and at
    /// most 100%.
    /// @dev A fraction of `wad` for `strategy` lies outside (0, 1e18].
    /// @custom:title The slash fraction is out of range
    /// @custom:hint Give each fraction in wads of 1e18: 1e17 slashes 10% of the allocation, 1e18 all of it.
    /// @custom:argument wads
    error InvalidWad(IStrategy strategy, uint256 wad);
    /// @notice Operator {operator} cannot be slashed in set {setId:id} of AVS {avs}: it is not registered there, and
    /// left more than the withdrawal delay ago (or never joined).
    /// @dev `operator` is not slashable in `avs`'s set `setId` now: neither registered nor within the withdrawal delay
    /// of leaving.
    /// @custom:title The operator cannot be slashed in the set
    /// @custom:hint Check the operator and the set: an operator is slashable once its registration's notice has passed
    /// (`slashableFrom`), and until the withdrawal delay after it leaves.
    /// @custom:argument operator
    error OperatorNotSlashable(address operator, address avs, uint32 setId);
    /// @notice {caller} may not veto: only the resolver, {resolver}, may.
    /// @dev `caller` may not veto: only `resolver` may.
    /// @custom:title Only the resolver may veto
    /// @custom:hint Send the veto from the resolver's account.
    error NotResolver(address caller, address resolver);
    /// @notice Slash request {requestId:id} does not exist.
    /// @custom:title The slash request does not exist
    /// @custom:hint Check the request id (requests count from 1) and the slasher's address.
    /// @custom:argument requestId
    error RequestNotFound(uint256 requestId);
    /// @notice Request `requestId` is `status`, no longer pending.
    error RequestNotPending(uint256 requestId, RequestStatus status);
    /// @notice The veto window of slash request {requestId:id} closed at {vetoDeadline:time}.
    /// @custom:title The veto window has closed
    /// @custom:hint It is too late to veto: the request can now be executed by anyone until it expires.
    /// @custom:argument requestId
    error VetoWindowClosed(uint256 requestId, uint256 vetoDeadline, uint256 currentTime);
    /// @notice Slash request {requestId:id} can be executed from {vetoDeadline:time}, when its veto window closes.
    /// @custom:title The slash request is still in its veto window
    /// @custom:hint Wait until the veto window closes, then execute it again.
    /// @custom:argument requestId
    error RequestNotExecutable(uint256 requestId, uint256 vetoDeadline, uint256 currentTime);
    /// @notice Slash request {requestId:id} expired at {expiresAt:time} and can no longer execute.
    /// @custom:title The slash request has expired
    /// @custom:hint Request the slash again while the operator is still slashable.
    /// @custom:argument requestId
    error RequestExpired(uint256 requestId, uint256 expiresAt, uint256 currentTime);
    /// @notice The strategies, wads and description given hash to {supplied}, not to the {expected} of slash request
    /// {requestId:id}.
    /// @custom:title The execution's parameters differ from the request's
    /// @custom:hint Execute with exactly the strategies, wads and description of the request's `SlashRequested` event.
    /// @custom:argument strategies
    error ParametersMismatch(uint256 requestId, bytes32 expected, bytes32 supplied);
    /// @notice Renouncing ownership is disabled: without an owner nothing could be unpaused or upgraded, and a slasher
    /// could never slash again.
    /// @dev Renouncing ownership is disabled (see the warning above).
    /// @custom:title Ownership cannot be renounced
    /// @custom:hint Transfer ownership instead (`transferOwnership`, then `acceptOwnership` from the new owner); to
    /// retire a slasher, schedule another one for the set.
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
