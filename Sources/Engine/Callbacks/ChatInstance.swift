import Storage

/// `chat_instance` of callback queries: a global identifier that stays the same for every
/// query from one chat (so bots can key game high scores on it) and tells nothing about the
/// chat. Derived from the chat's internal id with a fixed 64-bit mix (SplitMix64's
/// finaliser), so it survives restarts without being stored.
enum ChatInstance {
    static func of(_ chat: ChatRecord) -> String {
        var z = UInt64(bitPattern: chat.id) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return String(Int64(bitPattern: z))
    }
}
