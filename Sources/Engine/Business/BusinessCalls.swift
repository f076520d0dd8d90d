import BotAPI
import Storage

extension MethodCall {
    /// `business_connection_id`, which send and edit methods take to act for a business
    /// account; an empty value is none, as on the official server.
    var businessConnectionID: String? {
        parameters["business_connection_id"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
