import BotAPI

/// A Bot API object with members the user surface adds to it (a received message's reply
/// keyboard, a history message's reactions): the generated types have no field for them, so
/// they are written after the object's own members.
struct ExtendedObject<Base: JSONWritable>: JSONWritable {
    let base: Base
    /// The added members, in order, each already encoded; nil values are left out.
    var members: [(name: String, value: [UInt8]?)]

    init(_ base: Base, _ members: [(name: String, value: [UInt8]?)]) {
        self.base = base
        self.members = members
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.rawValue(bytes)
    }

    /// The base's JSON with the added members before its closing brace.
    var bytes: [UInt8] {
        var bytes = base.jsonBytes
        let added = members.compactMap { member in member.value.map { (member.name, $0) } }
        guard !added.isEmpty, bytes.last == UInt8(ascii: "}") else { return bytes }
        bytes.removeLast()
        for (name, value) in added {
            if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
            bytes += Array("\"\(name)\":".utf8) + value
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

extension ExtendedObject: Sendable where Base: Sendable {}
