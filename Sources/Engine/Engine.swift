import BotAPI
import Foundation
import Logging
import Storage
import Synchronization

/// The world: accounts, chats, messages and update queues, and every API method that acts
/// on them. It knows nothing about HTTP: the server hands it a surface, a token, a method
/// name and decoded ``Parameters``, and gets back a ``MethodResult`` or an ``APIError``.
///
/// State lives in the ``Store``; a method's changes are committed before its answer exists,
/// so nothing acknowledged is lost. Parked long polls wait on the ``UpdateHub``.
public final class Engine: Sendable {
    /// Where the world is kept.
    public let store: any Store
    /// Wall-clock time for dates and retention.
    public let clock: any EngineClock
    /// Parked getUpdates calls.
    public let hub = UpdateHub()
    /// Callback queries waiting for the bot's answer.
    let callbackQueries = CallbackQueries(kind: .callback)
    /// Inline queries waiting for the bot's answer.
    let inlineQueries = PendingAnswers<InlineQueryAnswer>(kind: .inline)
    /// Shipping and pre-checkout queries waiting for the bot's answer.
    let paymentQueries = PaymentQueries()
    /// Join requests waiting for a bot's answer (``JoinRequestQueries``).
    let joinRequestQueries = PendingAnswers<JoinRequestAnswer>(kind: .joinRequest)
    /// Guest queries waiting for a guest bot's answer (``GuestQueries``).
    let guestQueries = PendingAnswers<GuestAnswer>(kind: .guest)
    let logger: Logger
    private let adminToken: [UInt8]
    /// Accounts by id, so authenticating a request needs no database read. Entries are
    /// replaced by post-commit effects whenever an account changes (token revoked, account
    /// deleted), in commit order.
    private let accountCache = Mutex(AccountCache())
    /// The webhook delivery side, told about webhook changes.
    let webhookObserver = Mutex<(any WebhookObserver)?>(nil)
    /// Options that change behaviour; see ``EngineOptions``.
    public let options: EngineOptions
    /// When each bot last set a webhook, for the one-per-second limit.
    let lastWebhookSet = Mutex<[Int64: ContinuousClock.Instant]>([:])
    /// The bots' recent calls, for the web client's developer pane.
    let callLog = CallLog()
    /// The users' open push channels.
    let push = PushHub()
    /// The store's last health check (`GET /health`).
    let storeHealth = StoreHealth()
    /// Errors the next calls answer instead of running (`injectFault`).
    let faults = Faults()
    /// Telegram's sending limits, when ``EngineOptions/floodLimits`` asks for them.
    let floodLimits = FloodLimits()
    // MARK: Polls
    /// The earliest time a poll closes by itself (``closeDuePolls()``).
    let pollDeadlines = PollDeadlines()

    /// Creates an engine over `store`; `adminToken` guards the admin surface.
    public init(
        store: any Store, clock: any EngineClock = SystemClock(), adminToken: String, options: EngineOptions = EngineOptions(),
        logger: Logger = Logger(label: "botapi.engine")
    ) {
        self.store = store
        self.options = options
        self.clock = clock
        self.adminToken = Array(adminToken.utf8)
        self.logger = logger
    }

    /// Authenticates `token` on `surface`, then runs `method` with `parameters`; a long poll
    /// waits here for its updates.
    ///
    /// Token checks come first, as on the official server: an unknown method with a bad
    /// token is a 401, not a 404.
    public func call(surface: Surface, token: Substring, method: String, parameters: Parameters) async -> Result<MethodResult, APIError> {
        var step = await start(surface: surface, token: token, method: method, parameters: parameters)
        while true {
            switch step {
            case .answered(let outcome):
                return outcome
            case .parked(let call):
                let outcome = await hub.wait(recipient: call.recipient, seenVersion: call.seenVersion, timeout: call.deadline - .now)
                step = await resume(call, after: outcome)
            }
        }
    }

    /// The first step of a call: ``call(surface:token:method:parameters:)`` without the wait.
    /// A long poll with nothing to return yet comes back ``CallStep/parked(_:)``: the caller
    /// waits on the ``hub`` however suits it (a suspended task, or a callback: ``UpdateHub/park(recipient:seenVersion:deadline:wake:)``)
    /// and then calls ``resume(_:after:)``.
    public func start(surface: Surface, token: Substring, method: String, parameters: Parameters) async -> CallStep {
        let started = CallStart()
        let caller: Caller
        do {
            caller = try await authenticate(surface: surface, token: token)
        } catch let error as APIError {
            return .answered(.failure(error))
        } catch {
            return .answered(.failure(internalFailure(error, during: method)))
        }
        let outcome = await run(method, on: surface, caller: caller, parameters: parameters)
        return step(outcome, caller: caller, method: method, parameters: parameters, started: started)
    }

    /// The next step of a parked call once its wait has ended with `outcome`.
    public func resume(_ call: ParkedCall, after outcome: UpdateHub.WaitOutcome) async -> CallStep {
        let result = await answer(during: call.method) { try await call.poll.resume(outcome) }
        return step(result, caller: call.caller, method: call.method, parameters: call.parameters, started: call.started)
    }

    /// Parks `outcome` when it is a parked poll; otherwise it is the answer, and a bot's call
    /// goes to the call log (the web client's developer pane), failures included.
    private func step(
        _ outcome: Result<MethodResult, APIError>, caller: Caller, method: String, parameters: Parameters, started: CallStart
    ) -> CallStep {
        if case .success(let result) = outcome, let poll = result.parkedPoll {
            return .parked(ParkedCall(poll: poll, caller: caller, method: method, parameters: parameters, started: started))
        }
        if case .bot(let bot) = caller {
            callLog.record(
                bot: bot, method: method, parameters: parameters, started: started.wallClock, duration: ContinuousClock.now - started.instant,
                outcome: outcome)
        }
        return .answered(outcome)
    }

    /// The users' push channels open now.
    public var openPushChannelCount: Int { push.openChannelCount }

    /// The canonical spelling of a method name on `surface` (names match case-insensitively),
    /// or nil for a name no one implements or the Bot API does not define.
    public func canonicalMethodName(_ name: String, on surface: Surface) -> String? {
        if let method = MethodRegistry.method(named: name, on: surface) { return method.name }
        return surface == .admin ? nil : MethodCatalogue.method(named: name)?.name
    }

    /// Whether a call of `method` with `parameters` may park (a long poll), so the server
    /// should end it when its client goes away.
    public func mayPark(method: String, on surface: Surface, parameters: Parameters) -> Bool {
        MethodRegistry.method(named: method, on: surface)?.mayPark(parameters) ?? false
    }

    /// Arms the timers of what the stored world has scheduled (poll deadlines, suggested
    /// posts to publish or pay for): timers live in memory, so a start-up must arm them again.
    public func resumeTimers() async {
        await resumePollTimer()
        await resumeSuggestedPostTimers()
    }

    /// Runs `method` for an authenticated caller, removing the blobs it uploaded if it fails.
    private func run(_ method: String, on surface: Surface, caller: Caller, parameters: Parameters) async -> Result<MethodResult, APIError> {
        let call = MethodCall(engine: self, caller: caller, parameters: parameters)
        return await answer(during: method) {
            let implementation = MethodRegistry.method(named: method, on: surface)
            // An injected fault answers late, or instead of the method: then nothing of the
            // call happens.
            if case .bot(let bot) = caller,
               let name = implementation?.name ?? MethodCatalogue.method(named: method)?.name,
               let fault = self.faults.take(method: name, botID: bot.id) {
                if let delay = fault.delay { try? await Task.sleep(for: delay) }
                if let error = fault.error { throw error }
            }
            guard let implementation else { throw MethodRegistry.missingMethodError(named: method, on: surface) }
            let reservation = try self.reserveFloodAllowance(for: implementation.name, caller: caller, parameters: parameters)
            // Polls whose time came close first, so the call sees them closed.
            await self.closeDuePolls()
            do {
                return try await implementation.run(call)
            } catch {
                if let reservation { self.floodLimits.giveBack(reservation) }
                await self.discardUnreferencedBlobs(call.newBlobs.all)
                throw error
            }
        }
    }

    /// `body`'s result, its ``APIError``, or a logged 500 for any other error.
    private func answer(during method: String, _ body: () async throws -> MethodResult) async -> Result<MethodResult, APIError> {
        do {
            return .success(try await body())
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(internalFailure(error, during: method))
        }
    }

    /// Whether the next webhook delivery to `botID` is to be lost, as an injected fault asks
    /// (`injectFault` with `method` `webhookDelivery`); one delivery of the fault used up.
    public func takeInjectedWebhookDrop(botID: Int64) -> Bool {
        faults.takeWebhookDrop(botID: botID)
    }

    /// With ``EngineOptions/floodLimits`` on, takes one message of a bot's sending call from
    /// its allowance, or refuses the call with 429 (``FloodLimits``).
    private func reserveFloodAllowance(for method: String, caller: Caller, parameters: Parameters) throws -> FloodLimits.Reservation? {
        guard options.floodLimits, case .bot(let bot) = caller, FloodLimits.sendingMethods.contains(method),
              let chat = parameters["chat_id"], !chat.isEmpty
        else { return nil }
        let paidBroadcast = parameters["allow_paid_broadcast"].map(LenientParse.bool) ?? false
        return try floodLimits.reserve(bot: bot.id, chat: chat, paidBroadcast: paidBroadcast, now: clock.preciseNow())
    }

    /// Logs an unexpected failure under a new reference and returns the 500 that names only
    /// that reference, so an operator can find the cause and a client learns nothing internal.
    func internalFailure(_ error: any Error, during activity: String) -> APIError {
        var generator = SystemRandomNumberGenerator()
        let reference = String(generator.next(), radix: 16)
        logger.error("internal error \(reference) in \(activity): \(error)")
        return .internalError(reference: reference)
    }

    // MARK: Authentication

    /// Checks a token in the official order (behaviour.md §1.3): shape, then id, then secret.
    func authenticate(surface: Surface, token: Substring) async throws -> Caller {
        if surface == .admin {
            guard !adminToken.isEmpty, constantTimeEqual(Array(token.utf8), adminToken) else { throw APIError.unauthorized }
            return .admin
        }
        guard !token.isEmpty, token.first != "0", token.utf8.count <= 80, let colon = token.firstIndex(of: ":") else {
            throw APIError.invalidToken
        }
        let idText = token[..<colon]
        guard !idText.isEmpty, idText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw APIError.unallowedToken
        }
        guard let id = Int64(idText), id > 0, id < (1 << 54) else { throw APIError.invalidToken }
        let secret = token[token.index(after: colon)...]
        guard let account = try await account(id: id), !account.isDeleted,
              account.isBot == (surface == .bot),
              constantTimeEqual(Array(secret.utf8), Array(account.tokenSecret.utf8))
        else { throw APIError.unauthorized }
        return account.isBot ? .bot(account) : .user(account)
    }

    /// The account with `id`, from the cache or the store.
    func account(id: Int64) async throws -> AccountRecord? {
        let (cached, changesBefore) = accountCache.withLock { ($0.accounts[id], $0.changes) }
        if let cached { return cached }
        guard let account = try await store.read({ try $0.account(id: id) }) else { return nil }
        accountCache.withLock { cache in
            // An account change that committed while this read ran may have been read or
            // not: caching the read copy could put back a stale account, so only a fill
            // that no change overtook is kept.
            if cache.changes == changesBefore { cache.accounts[id] = account }
        }
        return account
    }

    /// Replaces the cached copy of an account after a committed change.
    ///
    /// - Parameter endsSessions: the change ended the account's token (revoked, or the
    ///   account deleted): its parked calls are woken so they end at once with 401 (see
    ///   ``requireCurrent(_:)``).
    func accountDidChange(_ account: AccountRecord, endsSessions: Bool = false) {
        accountCache.withLock { cache in
            cache.accounts[account.id] = account
            cache.changes &+= 1
        }
        if endsSessions { endSessions(of: account.id) }
    }

    /// Drops the cached copy of an account another instance changed; the next use reads it
    /// from the store.
    func forgetAccount(_ id: Int64, endsSessions: Bool) {
        accountCache.withLock { cache in
            cache.accounts[id] = nil
            cache.changes &+= 1
        }
        if endsSessions { endSessions(of: id) }
    }

    /// Drops every cached account (the world was restored); each is read again on its next use.
    func forgetAllAccounts() {
        accountCache.withLock { cache in
            cache.accounts = [:]
            cache.changes &+= 1
        }
    }

    /// Wakes the account's parked and waiting calls, which then check its token again and
    /// end with 401 (``requireCurrent(_:)``).
    private func endSessions(of id: Int64) {
        hub.notify([id])
        // Open push channels look again and find the token gone.
        push.send(.updatesArrived, to: [id])
        callbackQueries.endWaits(of: id)
        inlineQueries.endWaits(of: id)
        paymentQueries.endWaits(of: id)
        joinRequestQueries.endWaits(of: id)
        guestQueries.endWaits(of: id)
    }

    /// Throws 401 "Unauthorized" when `account`, as authenticated at the start of a call, no
    /// longer holds: its token was revoked or it was deleted meanwhile. Calls that wait (long
    /// polls) check again after every wake-up.
    func requireCurrent(_ account: AccountRecord) async throws {
        guard let current = try await self.account(id: account.id), !current.isDeleted,
              current.tokenSecret == account.tokenSecret
        else { throw APIError.unauthorized }
    }

    /// Compares without an early exit, so response time does not reveal how much of a
    /// secret matched.
    private func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }

    /// A new token secret: 35 characters of `[A-Za-z0-9_-]`, the shape every client library
    /// accepts.
    static func makeTokenSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<35).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }, as: UTF8.self)
    }
}

/// The engine's copy of accounts (``Engine/account(id:)``).
struct AccountCache {
    var accounts: [Int64: AccountRecord] = [:]
    /// Counts committed account changes, so a fill can tell whether one overtook it.
    var changes: UInt64 = 0
}

/// Behaviour switches of an engine.
public struct EngineOptions: Sendable {
    /// Apply the cloud server's webhook rules (https only, ports 443/80/88/8443, no
    /// reserved addresses) instead of the local-mode rules a development server needs.
    public var strictWebhooks: Bool
    /// Where file contents are kept (content-addressed blobs); the data directory's
    /// `files/` in `botapi serve`, a fresh temporary directory by default.
    public var filesDirectory: URL
    /// The official `--local` mode for files: no 50 MB upload / 20 MB download limits,
    /// absolute `file_path`s and `file://` inputs.
    public var localFiles: Bool
    /// Fetches files given by URL; nil refuses URLs.
    public var remoteFileLoader: (any RemoteFileLoader)?
    // MARK: Media
    /// Makes photo sizes and thumbnails and reads durations (``MediaDerivation``). By default
    /// ``NativeMediaProcessor`` (libvips and FFmpeg, loaded at the first media file). When it
    /// is nil, or cannot start, every media upload fails with a logged 500, never silent zeros.
    public var mediaProcessor: (any MediaProcessor)?
    /// Enforce Telegram's sending limits (``FloodLimits``); off by default, since tests and
    /// benchmarks send as fast as they can.
    public var floodLimits = false

    public init(
        strictWebhooks: Bool = false,
        filesDirectory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-files-\(UUID().uuidString)"),
        localFiles: Bool = false, remoteFileLoader: (any RemoteFileLoader)? = nil,
        mediaProcessor: (any MediaProcessor)? = NativeMediaProcessor()
    ) {
        self.mediaProcessor = mediaProcessor
        self.strictWebhooks = strictWebhooks
        self.filesDirectory = filesDirectory
        self.localFiles = localFiles
        self.remoteFileLoader = remoteFileLoader
    }
}
