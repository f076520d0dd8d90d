import BotAPI
import Foundation
import Formatting
import Storage

/// Checklists (Bot API 10.3, Telegram's to-do lists): what TDLib checks in a checklist a bot
/// sends or edits for a business account, and the people in the chat marking its tasks done
/// or adding tasks, which posts `checklist_tasks_done` / `checklist_tasks_added`.
///
/// A checklist lives in its message's content: completions (`completed_by_user`,
/// `completion_date`) are part of the stored message, so no table of their own is needed.
enum Checklists {
    /// Telegram's options `checklist_title_length_max`, `checklist_task_text_length_max` and
    /// `checklist_task_count_max`.
    static let titleLengthMax = 255
    static let taskTextLengthMax = 100
    static let taskCountMax = 30

    /// Telegram's error for a task id used twice in one checklist.
    static let duplicateTask = APIError.badRequest("TODO_ITEM_DUPLICATE")

    /// Entities a title keeps (TDLib's "quote" entity types).
    private static let titleEntityTypes: Set<String> = [
        "bold", "italic", "underline", "strikethrough", "spoiler", "custom_emoji", "date_time",
    ]
    /// A task also keeps the entities Telegram finds by itself, bot commands aside.
    private static let taskEntityTypes = titleEntityTypes.union([
        "mention", "hashtag", "cashtag", "phone_number", "bank_card_number", "url", "email",
    ])

    // MARK: Building (TDLib's checks, once the chat is known)

    /// The checklist a message carries, with TDLib's checks in its order: the title, each
    /// task, then their count; then Telegram's refusal of a repeated task id.
    static func checklist(_ input: ChecklistInput) throws -> Checklist {
        let (title, titleEntities) = try compose(input.title, keeping: titleEntityTypes)
        guard title.unicodeScalars.count <= titleLengthMax else {
            throw APIError.badRequest("checklist title length must not exceed \(titleLengthMax)")
        }
        let tasks = try input.tasks.map(task)
        guard !tasks.isEmpty else { throw APIError.badRequest("checklist must have at least 1 task") }
        guard tasks.count <= taskCountMax else { throw APIError.badRequest("checklist must have at most \(taskCountMax) tasks") }
        guard Set(tasks.map(\.id)).count == tasks.count else { throw duplicateTask }
        return Checklist(
            title: title, titleEntities: titleEntities, tasks: tasks,
            othersCanAddTasks: input.othersCanAddTasks ? true : nil,
            othersCanMarkTasksAsDone: input.othersCanMarkTasksAsDone ? true : nil)
    }

    /// One task: its text (at most 100 characters, line breaks become spaces) and a positive id.
    static func task(_ input: ChecklistInput.Task) throws -> ChecklistTask {
        let (text, entities) = try compose(input.text, keeping: taskEntityTypes)
        guard text.unicodeScalars.count <= taskTextLengthMax else {
            throw APIError.badRequest("checklist task text length must not exceed \(taskTextLengthMax)")
        }
        guard input.id > 0 else { throw APIError.badRequest("checklist task identifier must be positive") }
        // A line break is one character, as is the space replacing it: entities stay put.
        return ChecklistTask(id: input.id, text: text.replacingOccurrences(of: "\n", with: " "), textEntities: entities)
    }

    /// A text normalised as a message text is (trimmed, never empty, entities checked and
    /// detected), keeping only the entity types a checklist shows.
    private static func compose(_ input: ChecklistInput.Text, keeping allowed: Set<String>) throws -> (String, [MessageEntity]?) {
        let formatted: FormattedText
        do {
            formatted = try TextValidator.normalize(
                text: input.text, entities: input.entities, kind: .checklistText, detectEntities: true, skipBotCommands: true)
        } catch {
            throw APIError.badRequest(error.description)
        }
        // Text mentions are not among the kept types, so no account is looked up.
        let entities = try formatted.entities.filter { allowed.contains($0.type) }
            .map { try MessageText.messageEntity($0, resolveUser: { _ in nil }) }
        return (formatted.text, entities.isEmpty ? nil : entities)
    }

    /// `old` replaced by `new` (editMessageChecklist): tasks that keep their id keep their
    /// completion (a guess: Telegram's rule is undocumented).
    static func replacing(_ old: Checklist, with new: Checklist) -> Checklist {
        var result = new
        for index in result.tasks.indices {
            guard let kept = old.tasks.first(where: { $0.id == result.tasks[index].id }) else { continue }
            result.tasks[index].completedByUser = kept.completedByUser
            result.tasks[index].completedByChat = kept.completedByChat
            result.tasks[index].completionDate = kept.completionDate
        }
        return result
    }

    // MARK: Parameters

    /// The `chat_id` of a send without a business connection, with the official texts.
    static func chatID(of call: MethodCall) throws -> ChatID {
        guard let raw = call.parameters["chat_id"], !raw.isEmpty else { throw APIError.badRequest("chat_id is empty") }
        guard let chatID = ChatID(parsing: raw) else { throw APIError.badRequest("chat not found") }
        return chatID
    }

    /// The checklist message a user method names (`chat_id`, `message_id`), with the texts
    /// of ``SendPollAnswer``.
    static func message(of call: MethodCall) throws -> (ChatID, Int) {
        guard let raw = call.parameters["chat_id"], !raw.isEmpty else { throw APIError.badRequest("chat_id is empty") }
        guard let rawID = call.parameters["message_id"], LenientParse.integer(rawID) > 0 else {
            throw APIError.badRequest("message identifier is not specified")
        }
        guard let chatID = ChatID(parsing: raw) else { throw APIError.badRequest("chat not found") }
        return (chatID, LenientParse.integer(rawID))
    }

    // MARK: People acting on a checklist

    /// What a person does to a checklist.
    enum Action {
        /// Marks tasks done and not done (`markChecklistTasks`).
        case mark(done: [Int], notDone: [Int])
        /// Appends tasks (`addChecklistTasks`).
        case add([ChecklistInput.Task])

        /// TDLib's refusal when the person may not do it, or the message is no checklist.
        var refusal: APIError {
            switch self {
            case .mark: APIError.badRequest("can't mark tasks as done in the message")
            case .add: APIError.badRequest("can't add the checklist tasks to the message")
            }
        }
    }

    /// `actor` acts on the checklist of message `messageID` in the chat it calls `chatID`: its
    /// sender always may, others when the checklist lets them (TDLib's `can_complete` /
    /// `can_add_tasks`; a forwarded checklist is nobody's to change). The message is updated
    /// and a service message from `actor` replying to it tells the chat (and the business
    /// bots watching it) what changed. Nothing changes (every task already so): no service
    /// message (a guess).
    static func act(_ action: Action, on messageID: Int, in chatID: ChatID, by actor: AccountRecord, tx: Transaction) throws {
        let chat = try MessageEditing.actingChat(chatID, actor: actor, now: tx.now, in: tx.store).chat
        guard var stored = try ChatMessages.load(messageID, in: chat, from: tx.store), var checklist = stored.message.checklist,
              stored.message.forwardOrigin == nil
        else { throw action.refusal }
        let isOwn = stored.record.senderID == actor.id
        var service = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        switch action {
        case .mark(let done, let notDone):
            guard isOwn || checklist.othersCanMarkTasksAsDone == true else { throw action.refusal }
            let (marked, unmarked) = mark(&checklist, done: done, notDone: notDone, by: actor, now: tx.now)
            guard !marked.isEmpty || !unmarked.isEmpty else { return }
            service.checklistTasksDone = ChecklistTasksDone(
                markedAsDoneTaskIds: marked.isEmpty ? nil : marked, markedAsNotDoneTaskIds: unmarked.isEmpty ? nil : unmarked)
        case .add(let inputs):
            guard isOwn || checklist.othersCanAddTasks == true, checklist.tasks.count + inputs.count <= taskCountMax else {
                throw action.refusal
            }
            let tasks = try inputs.map(task)
            guard !tasks.isEmpty else { throw APIError.badRequest("the list of new tasks must be non-empty") }
            let ids = checklist.tasks.map(\.id) + tasks.map(\.id)
            guard Set(ids).count == ids.count else { throw duplicateTask }
            checklist.tasks += tasks
            service.checklistTasksAdded = ChecklistTasksAdded(tasks: tasks)
        }
        stored.message.checklist = checklist
        try ChatMessages.save(stored, in: tx.store)
        var shown = stored.message
        shown.replyToMessage = nil
        service.checklistTasksDone?.checklistMessage = shown
        service.checklistTasksAdded?.checklistMessage = shown
        try post(service, by: actor, in: chat, tx: tx)
    }

    /// Applies marks: a task marked done that is not yet done is completed by `actor` now; one
    /// marked not done that is done is reopened. Unknown ids are ignored, and an id in both
    /// lists counts as done (guesses). Answers the ids that changed, each way.
    private static func mark(_ checklist: inout Checklist, done: [Int], notDone: [Int], by actor: AccountRecord, now: Int64) -> ([Int], [Int]) {
        let doneIDs = Set(done), notDoneIDs = Set(notDone).subtracting(done)
        var marked: [Int] = [], unmarked: [Int] = []
        for index in checklist.tasks.indices {
            let id = checklist.tasks[index].id
            let isDone = checklist.tasks[index].completionDate != nil
            if doneIDs.contains(id) && !isDone {
                checklist.tasks[index].completedByUser = Views.user(actor)
                checklist.tasks[index].completionDate = Int(now)
                marked.append(id)
            } else if notDoneIDs.contains(id) && isDone {
                checklist.tasks[index].completedByUser = nil
                checklist.tasks[index].completedByChat = nil
                checklist.tasks[index].completionDate = nil
                unmarked.append(id)
            }
        }
        return (marked, unmarked)
    }

    /// Posts a service message from `actor` in `chat`: in a private chat it reaches the other
    /// party and the business bots watching the chat as any message does.
    private static func post(_ service: Message, by actor: AccountRecord, in chat: ChatRecord, tx: Transaction) throws {
        if chat.kind == .private {
            let otherID = PrivateChats.chatIDSeen(by: actor, in: chat)
            guard let other = try tx.store.account(id: otherID) else { return }
            var draft = MessageDraft { _ in }
            draft.content = service
            _ = try PrivateChats.send(draft, from: actor, to: other, in: tx)
        } else if var group = try Groups.load(internalID: chat.id, in: tx.store) {
            _ = try GroupChats.postService(from: actor, in: &group, tx: tx) { message in
                message.checklistTasksDone = service.checklistTasksDone
                message.checklistTasksAdded = service.checklistTasksAdded
            }
        }
    }
}
