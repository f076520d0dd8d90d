import BotAPI
import Storage

/// The answer of createUser, createBot and revokeToken: `{"user": User, "token": String}`.
struct AccountWithToken: JSONWritable {
    let user: User
    let token: String

    init(_ account: AccountRecord) {
        user = Views.user(account)
        token = "\(account.id):\(account.tokenSecret)"
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("user", user)
        writer.member("token", token)
        writer.endObject()
    }
}
