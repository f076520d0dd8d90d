import BotAPI
import Storage

/// `markChecklistTasks`, users only (docs/user-api-extensions.md): marks tasks of a checklist
/// done (`marked_as_done_task_ids`) or not done (`marked_as_not_done_task_ids`), as a
/// Telegram app's tick does. The checklist's sender always may; others when it has
/// `others_can_mark_tasks_as_done`. A `checklist_tasks_done` service message from the user
/// tells the chat, and the business bot watching it gets it as `business_message`.
enum MarkChecklistTasks: APIMethod {
    static let name = "markChecklistTasks"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let (chatID, messageID) = try Checklists.message(of: call)
        let done = try ids(call, "marked_as_done_task_ids")
        let notDone = try ids(call, "marked_as_not_done_task_ids")
        let user = call.account
        try await call.engine.write { tx in
            try Checklists.act(.mark(done: done, notDone: notDone), on: messageID, in: chatID, by: user, tx: tx)
        }
        return .true
    }

    /// A JSON array of task ids; absent is none.
    private static func ids(_ call: MethodCall, _ name: String) throws -> [Int] {
        guard let raw = call.parameters[name], !raw.isEmpty else { return [] }
        return try Forwarding.integers(
            raw, unparsable: "can't parse \(name) JSON object", notArray: "expected an Array of task identifiers",
            notNumber: "task identifier must be a Number", badText: "can't parse task identifier as a Number")
    }
}
