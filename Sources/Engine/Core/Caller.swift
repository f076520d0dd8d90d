import Storage

/// Which URL surface a request came in on: `/bot<token>/…`, `/user<token>/…` or
/// `/admin<token>/…`.
public enum Surface: String, Sendable, Hashable, CaseIterable {
    case bot, user, admin
}

/// Who is calling, once the token has been checked.
public enum Caller: Sendable {
    case bot(AccountRecord)
    case user(AccountRecord)
    case admin

    /// The calling account, nil for the admin.
    public var account: AccountRecord? {
        switch self {
        case .bot(let account), .user(let account): account
        case .admin: nil
        }
    }
}
