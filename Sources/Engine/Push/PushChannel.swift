import Foundation
import Storage

/// What a push channel yields: an event, or a pause long enough to send a keep-alive.
public enum PushItem: Sendable, Equatable {
    case event(PushEvent)
    case keepAlive
}

extension Engine {
    /// Opens the push channel of the user whose token is `token`: the user's own updates (the
    /// queue `getUpdates` reads, from the oldest pending one, or after `lastEventID`, which
    /// confirms every update up to it as an `offset` of `lastEventID + 1` does), the chat
    /// actions of the user's chats (`chat_action`) and the calls of the bots the user owns
    /// (`bot_call`). The stream ends after `lifetime`, when the token stops working, or when
    /// the consumer stops iterating.
    public func openPushChannel(
        token: Substring, lastEventID: Int64?, keepAlive: Duration = .seconds(15), lifetime: Duration = .seconds(300)
    ) async -> Result<AsyncStream<PushItem>, APIError> {
        let user: AccountRecord
        do {
            guard let account = try await authenticate(surface: .user, token: token).account else { return .failure(.unauthorized) }
            user = account
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(internalFailure(error, during: "the push channel"))
        }
        return .success(pushStream(user: user, listening: .owner(user.id), lastEventID: lastEventID, keepAlive: keepAlive, lifetime: lifetime))
    }

    /// Opens a stream of one bot's calls (`bot_call` events) for the admin surface.
    public func openCallLogChannel(
        adminToken: Substring, botID: Int64, keepAlive: Duration = .seconds(15), lifetime: Duration = .seconds(300)
    ) async -> Result<AsyncStream<PushItem>, APIError> {
        do {
            _ = try await authenticate(surface: .admin, token: adminToken)
            guard let bot = try await account(id: botID), bot.isBot, !bot.isDeleted else { return .failure(.badRequest("bot not found")) }
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(internalFailure(error, during: "the call log channel"))
        }
        return .success(pushStream(user: nil, listening: .bot(botID), lastEventID: nil, keepAlive: keepAlive, lifetime: lifetime))
    }

    /// The channel's stream: a task turns wake-ups into events until the lifetime ends.
    private func pushStream(
        user: AccountRecord?, listening key: CallLogListenerKey, lastEventID: Int64?, keepAlive: Duration, lifetime: Duration
    ) -> AsyncStream<PushItem> {
        let (signals, signalSink) = AsyncStream.makeStream(of: PushSignal.self, bufferingPolicy: .bufferingNewest(1024))
        // Updates are never dropped here: the consumer's Last-Event-ID confirms what it got.
        let (items, itemSink) = AsyncStream.makeStream(of: PushItem.self)
        let channelID = user.map { push.open(userID: $0.id, signalSink) }
        let listenerID = callLog.addListener(key, signalSink)
        let ticker = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: keepAlive) } catch { return }
                signalSink.yield(.tick)
            }
        }
        let producer = Task { [self] in
            defer {
                ticker.cancel()
                if let user, let channelID { push.close(userID: user.id, id: channelID) }
                callLog.removeListener(key, id: listenerID)
                signalSink.finish()
                itemSink.finish()
            }
            let deadline = ContinuousClock.now + lifetime
            var reader = user.map { PushQueueReader(recipient: $0.id, lastEventID: lastEventID) }
            if reader != nil { signalSink.yield(.updatesArrived) }
            for await signal in signals {
                switch signal {
                case .updatesArrived:
                    guard let user, var current = reader else { continue }
                    do {
                        // A revoked token or a deleted account ends the channel before anything more is read.
                        try await requireCurrent(user)
                        let events = try await current.readAll(from: self)
                        reader = current
                        for event in events { itemSink.yield(.event(event)) }
                    } catch {
                        if !(error is APIError) { logger.error("push channel of \(user.id) ended: \(error)") }
                        return
                    }
                case .event(let event):
                    itemSink.yield(.event(event))
                case .tick:
                    if ContinuousClock.now >= deadline { return }
                    itemSink.yield(.keepAlive)
                }
            }
        }
        itemSink.onTermination = { _ in producer.cancel() }
        return items
    }
}

/// One channel's position in its user's update queue. Updates are confirmed (deleted) only
/// by the `Last-Event-ID` a reconnecting client sends, never because they were sent.
private struct PushQueueReader {
    let recipient: Int64
    /// Applied on the first read only.
    var lastEventID: Int64?
    /// The last update id this channel sent.
    var cursor: Int64 = 0

    init(recipient: Int64, lastEventID: Int64?) {
        self.recipient = recipient
        self.lastEventID = lastEventID
    }

    /// Every pending update after the cursor, in batches of 100.
    mutating func readAll(from engine: Engine) async throws -> [PushEvent] {
        var events: [PushEvent] = []
        while true {
            let recipient = recipient, cursor = cursor
            // Confirms up to the client's last id, as getUpdates' offset = id + 1 would.
            let offset = lastEventID.flatMap { $0 > 0 && $0 < Int64.max ? Int($0 + 1) : nil }
            lastEventID = nil
            let batch = try await engine.write { tx in
                if let offset {
                    return try UpdateQueues.read(recipient: recipient, offset: offset, allowed: nil, limit: 100, now: tx.now, in: tx.store)
                }
                return try UpdateQueues.unexpired(recipient: recipient, from: cursor + 1, limit: 100, now: tx.now, in: tx.store)
            }
            for update in batch {
                var bytes: [UInt8] = []
                UpdateQueues.appendUpdate(update, to: &bytes)
                events.append(PushEvent(name: nil, id: update.updateID, data: bytes))
                self.cursor = max(self.cursor, update.updateID)
            }
            if batch.count < 100 { return events }
        }
    }
}
