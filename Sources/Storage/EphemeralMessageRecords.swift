import Foundation

/// A message only one member of a chat sees (Bot API 10.3's ephemeral messages), kept apart
/// from the chat's messages so that no reader of chat history can ever return it to
/// anyone else.
///
/// Ids count per chat and receiver from 1 (`ephemeral_message_id`): the edit and delete
/// methods name all three.
public struct EphemeralMessageRecord: Sendable, Equatable {
    public var chatID: Int64
    /// The only account that sees the message.
    public var receiverID: Int64
    public var ephemeralMessageID: Int64
    /// The bot that sent it: the only account that may edit or delete it.
    public var senderID: Int64
    public var date: Int64
    public var editDate: Int64?
    /// The Message JSON as the sender sees it.
    public var content: Data

    public init(
        chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64, senderID: Int64, date: Int64, editDate: Int64? = nil,
        content: Data
    ) {
        self.chatID = chatID
        self.receiverID = receiverID
        self.ephemeralMessageID = ephemeralMessageID
        self.senderID = senderID
        self.date = date
        self.editDate = editDate
        self.content = content
    }
}
