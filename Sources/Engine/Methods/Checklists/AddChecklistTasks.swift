import BotAPI
import Storage

/// `addChecklistTasks`, users only (docs/user-api-extensions.md): appends `tasks` (a JSON
/// array of InputChecklistTask) to a checklist. The checklist's sender always may; others
/// when it has `others_can_add_tasks`. A `checklist_tasks_added` service message from the
/// user tells the chat, and the business bot watching it gets it as `business_message`.
enum AddChecklistTasks: APIMethod {
    static let name = "addChecklistTasks"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let (chatID, messageID) = try Checklists.message(of: call)
        let tasks = try ChecklistInput.tasks(call.parameters["tasks"])
        let user = call.account
        try await call.engine.write { tx in
            try Checklists.act(.add(tasks), on: messageID, in: chatID, by: user, tx: tx)
        }
        return .true
    }
}
