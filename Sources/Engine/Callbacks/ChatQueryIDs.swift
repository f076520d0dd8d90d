/// Ids of queries that belong to a chat (join-request and guest queries): the id names the
/// chat, `<internal chat id>_<random>`, so the answer finds it without storing more.
enum ChatQueryIDs {
    static func make(_ random: String, chat: Int64) -> String { "\(chat)_\(random)" }

    static func chatID(of queryID: String) -> Int64? {
        queryID.split(separator: "_", maxSplits: 1).first.flatMap { Int64($0) }
    }
}
