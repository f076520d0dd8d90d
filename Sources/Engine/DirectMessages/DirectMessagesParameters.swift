import BotAPI
import Foundation

extension MethodCall {
    /// `direct_messages_topic_id` and `suggested_post_parameters` as the simple `send…`
    /// methods' shared path reads them (``send(to:replyMarkup:replyParameters:protectContent:ephemeral:content:)``).
    /// The method's own parameter struct decoded them first, so malformed JSON was already
    /// refused ("can't parse suggested post parameters JSON object").
    var directMessagesOptions: (topicID: Int?, suggestedPost: SuggestedPostParameters?) {
        let topicID = parameters["direct_messages_topic_id"].map(LenientParse.integer).flatMap { $0 == 0 ? nil : $0 }
        let suggested = parameters["suggested_post_parameters"].flatMap { try? JSONDecoder().decode(SuggestedPostParameters.self, from: Data($0.utf8)) }
        return (topicID, suggested)
    }
}
