import Foundation
import Testing

/// Checklists (Bot API 10.3): sendChecklist / editMessageChecklist for a business account,
/// with the official server's and TDLib's checks, and people marking tasks done or adding
/// tasks (user methods), which the business bot learns as `checklist_tasks_done` /
/// `checklist_tasks_added` (issue 14, item 4).
@Suite struct ChecklistTests {
    static let groceries = #"{"title":"<b>Groceries</b>","parse_mode":"HTML","others_can_mark_tasks_as_done":true,"tasks":[{"id":1,"text":"Milk"},{"id":2,"text":"Eggs\nfree range"}]}"#

    /// A business setup where the customer wrote first; every queue is drained.
    func setup(_ client: Client, rights: String = #"{"can_reply":true}"#) async throws -> BusinessSetup {
        let setup = try await client.businessSetup(rights: rights)
        let asked = try await client.user(setup.customer, "sendMessage", ["chat_id": "\(setup.ownerID)", "text": "What do I need?"])
        try #require(asked.ok, "\(asked.body)")
        _ = try await client.drainUpdates(bot: setup.bot)
        _ = try await client.drainUpdates(user: setup.owner)
        _ = try await client.drainUpdates(user: setup.customer)
        return setup
    }

    func send(_ client: Client, _ setup: BusinessSetup, _ checklist: String) async throws -> Answer {
        try await client.bot(setup.bot, "sendChecklist", [
            "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "checklist": checklist,
        ])
    }

    @Test func aBusinessBotSendsAChecklistForTheAccount() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client)
            let sent = try await send(client, setup, Self.groceries)
            #expect(sent.ok, "\(sent.body)")
            let message = sent.resultObject
            #expect(message["business_connection_id"] as? String == setup.connectionID)
            #expect((message["from"] as? [String: Any])?["id"] as? Int == setup.ownerID)
            #expect((message["sender_business_bot"] as? [String: Any])?["id"] as? Int == setup.botID)
            let checklist = try #require(message["checklist"] as? [String: Any])
            #expect(checklist["title"] as? String == "Groceries")
            let titleEntities = checklist["title_entities"] as? [[String: Any]]
            #expect(titleEntities?.first?["type"] as? String == "bold" && titleEntities?.first?["length"] as? Int == 9)
            #expect(checklist["others_can_mark_tasks_as_done"] as? Bool == true && checklist["others_can_add_tasks"] == nil)
            let tasks = try #require(checklist["tasks"] as? [[String: Any]])
            #expect(tasks.map { $0["id"] as? Int } == [1, 2])
            // A line break in a task becomes a space.
            #expect(tasks.map { $0["text"] as? String } == ["Milk", "Eggs free range"])
            #expect(tasks.allSatisfy { $0["completion_date"] == nil && $0["completed_by_user"] == nil })

            // The customer gets it as a message from the account; the owner sees it too.
            let seen = try #require(try await client.drainUpdates(user: setup.customer).last?["message"] as? [String: Any])
            #expect((seen["checklist"] as? [String: Any])?["title"] as? String == "Groceries" && seen["sender_business_bot"] == nil)
            let own = try #require(try await client.drainUpdates(user: setup.owner).last?["message"] as? [String: Any])
            #expect((own["checklist"] as? [String: Any])?["tasks"] as? [[String: Any]] != nil)
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)
        }
    }

    /// `reply_parameters.checklist_task_id` and `poll_option_id` reply to one task or option;
    /// one the message lacks is dropped and the reply quotes the whole message.
    @Test func aReplyNamesOneTaskOrOneOption() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client)
            let checklist = try #require(try await send(client, setup, Self.groceries).resultObject["message_id"] as? Int)
            func reply(_ parts: String) async throws -> [String: Any] {
                let answer = try await client.user(setup.customer, "sendMessage", [
                    "chat_id": "\(setup.ownerID)", "text": "this one", "reply_parameters": parts,
                ])
                try #require(answer.ok, "\(answer.body)")
                return answer.resultObject
            }
            let onTask = try await reply(#"{"message_id":\#(checklist),"checklist_task_id":2}"#)
            #expect(onTask["reply_to_checklist_task_id"] as? Int == 2)
            #expect((onTask["reply_to_message"] as? [String: Any])?["message_id"] as? Int == checklist)
            let seenByOwner = try #require(try await client.drainUpdates(user: setup.owner).last?["message"] as? [String: Any])
            #expect(seenByOwner["reply_to_checklist_task_id"] as? Int == 2)
            let onMissingTask = try await reply(#"{"message_id":\#(checklist),"checklist_task_id":7}"#)
            #expect(onMissingTask["reply_to_checklist_task_id"] == nil && onMissingTask["reply_to_message"] != nil)

            let poll = try await client.user(setup.customer, "sendPoll", [
                "chat_id": "\(setup.ownerID)", "question": "Which shop?", "options": #"["Corner","Market"]"#,
            ])
            try #require(poll.ok, "\(poll.body)")
            let pollMessage = try #require(poll.resultObject["message_id"] as? Int)
            let options = try #require((poll.resultObject["poll"] as? [String: Any])?["options"] as? [[String: Any]])
            let market = try #require(options.last?["persistent_id"] as? String)
            let onOption = try await reply(#"{"message_id":\#(pollMessage),"poll_option_id":"\#(market)"}"#)
            #expect(onOption["reply_to_poll_option_id"] as? String == market)
            let onMissingOption = try await reply(#"{"message_id":\#(pollMessage),"poll_option_id":"nine"}"#)
            #expect(onMissingOption["reply_to_poll_option_id"] == nil && onMissingOption["reply_to_message"] != nil)
            // A task id on a message without a checklist is dropped too.
            #expect(try await reply(#"{"message_id":\#(pollMessage),"checklist_task_id":1}"#)["reply_to_checklist_task_id"] == nil)
        }
    }

    @Test func theChecklistIsCheckedAsTheOfficialServerAndTDLibCheckIt() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client)
            func refusal(_ checklist: String) async throws -> String? { try await send(client, setup, checklist).description }
            let task = #"{"id":1,"text":"Milk"}"#
            // The official server's reading of the JSON.
            #expect(try await client.bot(setup.bot, "sendChecklist", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)",
            ]).description == "Bad Request: parameter \"checklist\" is required")
            #expect(try await refusal("{") == "Bad Request: can't parse InputChecklist JSON object")
            #expect(try await refusal("[]") == "Bad Request: can't parse InputChecklist: expected an Object")
            #expect(try await refusal(#"{"tasks":[]}"#) == "Bad Request: can't parse InputChecklist: Can't find field \"title\"")
            #expect(try await refusal(#"{"title":"T"}"#) == "Bad Request: can't parse InputChecklist: Can't find field \"tasks\"")
            #expect(try await refusal(#"{"title":"T","tasks":{}}"#) == "Bad Request: can't parse InputChecklist: Field \"tasks\" must be of type Array")
            #expect(try await refusal(#"{"title":"T","tasks":[{"text":"a"}]}"#)
                == "Bad Request: can't parse InputChecklist: Can't parse InputChecklistTask: Can't find field \"id\"")
            #expect(try await refusal(#"{"title":"T","tasks":[{"id":"x","text":"a"}]}"#)
                == "Bad Request: can't parse InputChecklist: Can't parse InputChecklistTask: Field \"id\" must be a valid Number")
            #expect(try await refusal(#"{"title":"<b>T","parse_mode":"HTML","tasks":[\#(task)]}"#)
                == "Bad Request: can't parse InputChecklist: Can't parse entities: Can't find end tag corresponding to start tag \"b\"")
            #expect(try await refusal(#"{"title":"T","parse_mode":"Fancy","tasks":[\#(task)]}"#)
                == "Bad Request: can't parse InputChecklist: Unsupported parse_mode")
            #expect(try await refusal(#"{"title":"T","others_can_add_tasks":1,"tasks":[\#(task)]}"#)
                == "Bad Request: can't parse InputChecklist: Field \"others_can_add_tasks\" must be of type Boolean")
            // TDLib's checks of the content.
            #expect(try await refusal(#"{"title":"  ","tasks":[\#(task)]}"#) == "Bad Request: text must be non-empty")
            let longTitle = String(repeating: "t", count: 256)
            #expect(try await refusal(#"{"title":"\#(longTitle)","tasks":[\#(task)]}"#)
                == "Bad Request: checklist title length must not exceed 255")
            #expect(try await refusal(#"{"title":"T","tasks":[]}"#) == "Bad Request: checklist must have at least 1 task")
            let many = (1...31).map { #"{"id":\#($0),"text":"t\#($0)"}"# }.joined(separator: ",")
            #expect(try await refusal(#"{"title":"T","tasks":[\#(many)]}"#) == "Bad Request: checklist must have at most 30 tasks")
            #expect(try await refusal(#"{"title":"T","tasks":[{"id":1,"text":""}]}"#) == "Bad Request: text must be non-empty")
            let longTask = String(repeating: "x", count: 101)
            #expect(try await refusal(#"{"title":"T","tasks":[{"id":1,"text":"\#(longTask)"}]}"#)
                == "Bad Request: checklist task text length must not exceed 100")
            #expect(try await refusal(#"{"title":"T","tasks":[{"id":0,"text":"a"}]}"#) == "Bad Request: checklist task identifier must be positive")
            #expect(try await refusal(#"{"title":"T","tasks":[\#(task),\#(task)]}"#) == "Bad Request: TODO_ITEM_DUPLICATE")
            // Exactly at the limits it goes.
            let thirty = (1...30).map { #"{"id":\#($0),"text":"\#(String(repeating: "x", count: 100))"}"# }.joined(separator: ",")
            #expect(try await send(client, setup, #"{"title":"\#(String(repeating: "t", count: 255))","tasks":[\#(thirty)]}"#).ok)
        }
    }

    @Test func theBusinessConnectionDecides() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client, rights: #"{"can_read_messages":true}"#)
            #expect(try await send(client, setup, Self.groceries).description == "Bad Request: BOT_ACCESS_FORBIDDEN")
            let unknown = try await client.bot(setup.bot, "sendChecklist", [
                "business_connection_id": "nope", "chat_id": "\(setup.customerID)", "checklist": Self.groceries,
            ])
            #expect(unknown.description == "Bad Request: business connection not found")
            // A bot's own checklist, outside business, is refused once the chat and the
            // content are checked.
            func own(_ checklist: String) async throws -> String? {
                try await client.bot(setup.bot, "sendChecklist", ["chat_id": "\(setup.customerID)", "checklist": checklist]).description
            }
            #expect(try await own(Self.groceries) == "Bad Request: chat not found")
            #expect(try await client.user(setup.customer, "sendMessage", ["chat_id": "\(setup.botID)", "text": "/start"]).ok)
            #expect(try await own(#"{"title":"T","tasks":[]}"#) == "Bad Request: checklist must have at least 1 task")
            #expect(try await own(Self.groceries) == "Bad Request: PREMIUM_ACCOUNT_REQUIRED")
            let noChat = try await client.bot(setup.bot, "sendChecklist", ["checklist": Self.groceries])
            #expect(noChat.description == "Bad Request: chat_id is empty")
            #expect(try await client.user(setup.owner, "connectBusinessBot", ["bot_id": "\(setup.botID)", "can_reply": "true"]).ok)
            #expect(try await send(client, setup, Self.groceries).ok)
            #expect(try await client.user(setup.owner, "disconnectBusinessBot", ["bot_id": "\(setup.botID)"]).ok)
            #expect(try await send(client, setup, Self.groceries).description == "Bad Request: BUSINESS_CONNECTION_INVALID")
        }
    }

    @Test func editingReplacesTheChecklistAndKeepsCompletions() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client)
            let sent = try await send(client, setup, Self.groceries)
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            #expect(try await client.user(setup.customer, "markChecklistTasks", [
                "chat_id": "\(setup.ownerID)", "message_id": "\(messageID)", "marked_as_done_task_ids": "[1]",
            ]).ok)
            _ = try await client.drainUpdates(user: setup.customer)
            _ = try await client.drainUpdates(user: setup.owner)
            _ = try await client.drainUpdates(bot: setup.bot)
            func edit(_ checklist: String, messageID: Int = messageID) async throws -> Answer {
                try await client.bot(setup.bot, "editMessageChecklist", [
                    "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)",
                    "message_id": "\(messageID)", "checklist": checklist,
                ])
            }
            let edited = try await edit(#"{"title":"Groceries","tasks":[{"id":1,"text":"Oat milk"},{"id":3,"text":"Bread"}]}"#)
            #expect(edited.ok, "\(edited.body)")
            #expect(edited.resultObject["business_connection_id"] as? String == setup.connectionID && edited.resultObject["edit_date"] != nil)
            let tasks = try #require((edited.resultObject["checklist"] as? [String: Any])?["tasks"] as? [[String: Any]])
            #expect(tasks.map { $0["text"] as? String } == ["Oat milk", "Bread"])
            // Task 1 stays done by the customer; task 3 is new.
            #expect((tasks[0]["completed_by_user"] as? [String: Any])?["id"] as? Int == setup.customerID && tasks[0]["completion_date"] != nil)
            #expect(tasks[1]["completion_date"] == nil)
            // The checklist no longer lets others mark tasks.
            #expect((edited.resultObject["checklist"] as? [String: Any])?["others_can_mark_tasks_as_done"] == nil)
            let seen = try #require(try await client.drainUpdates(user: setup.customer).last?["edited_message"] as? [String: Any])
            #expect(((seen["checklist"] as? [String: Any])?["tasks"] as? [[String: Any]])?.count == 2)
            #expect(try await client.drainUpdates(user: setup.owner).last?["edited_message"] != nil)
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)

            #expect(try await edit(#"{"title":"Groceries","tasks":[{"id":1,"text":"Oat milk"},{"id":3,"text":"Bread"}]}"#).description
                == "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
            let text = try await client.bot(setup.bot, "sendMessage", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "text": "See list",
            ])
            let textID = text.resultObject["message_id"] as? Int ?? 0
            #expect(try await edit(Self.groceries, messageID: textID).description == "Bad Request: there is no checklist in the message to edit")
            #expect(try await edit(Self.groceries, messageID: 999).description == "Bad Request: message to edit not found")
            #expect(try await edit(#"{"title":"T","tasks":[]}"#).description == "Bad Request: checklist must have at least 1 task")
            #expect(try await edit("").description == "Bad Request: parameter \"checklist\" is required")
        }
    }

    @Test func theCustomerMarksTasksAndTheBotLearnsIt() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client)
            let sent = try await send(client, setup, Self.groceries)
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: setup.customer)
            _ = try await client.drainUpdates(user: setup.owner)
            func mark(_ user: String, chat: Int, _ parameters: [String: String]) async throws -> Answer {
                try await client.user(user, "markChecklistTasks", ["chat_id": "\(chat)", "message_id": "\(messageID)"].merging(parameters) { $1 })
            }
            let marked = try await mark(setup.customer, chat: setup.ownerID, ["marked_as_done_task_ids": "[1,2,7]"])
            #expect(marked.ok, "\(marked.body)")

            // The bot gets the service message as a business message from the customer.
            let updates = try await client.drainUpdates(bot: setup.bot)
            #expect(updates.count == 1)
            let service = try #require(updates.first?["business_message"] as? [String: Any])
            #expect(service["business_connection_id"] as? String == setup.connectionID)
            #expect((service["from"] as? [String: Any])?["id"] as? Int == setup.customerID)
            #expect((service["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)
            let done = try #require(service["checklist_tasks_done"] as? [String: Any])
            #expect(done["marked_as_done_task_ids"] as? [Int] == [1, 2] && done["marked_as_not_done_task_ids"] == nil)
            let checklistMessage = try #require(done["checklist_message"] as? [String: Any])
            #expect(checklistMessage["message_id"] as? Int == messageID)
            #expect((checklistMessage["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)
            let tasks = try #require((checklistMessage["checklist"] as? [String: Any])?["tasks"] as? [[String: Any]])
            #expect(tasks.allSatisfy { ($0["completed_by_user"] as? [String: Any])?["id"] as? Int == setup.customerID })
            #expect(tasks.allSatisfy { $0["completion_date"] as? Int != nil })
            // The owner sees it arrive, in their chat with the customer.
            let own = try #require(try await client.drainUpdates(user: setup.owner).last?["message"] as? [String: Any])
            #expect(own["checklist_tasks_done"] != nil && (own["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)
            let ownChecklist = (own["checklist_tasks_done"] as? [String: Any])?["checklist_message"] as? [String: Any]
            #expect((ownChecklist?["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)

            // The owner reopens one; marking what is already so changes nothing and says nothing.
            #expect(try await mark(setup.owner, chat: setup.customerID, ["marked_as_not_done_task_ids": "[2]"]).ok)
            let reopened = try #require(try await client.drainUpdates(bot: setup.bot).last?["business_message"] as? [String: Any])
            #expect((reopened["checklist_tasks_done"] as? [String: Any])?["marked_as_not_done_task_ids"] as? [Int] == [2])
            #expect((reopened["from"] as? [String: Any])?["id"] as? Int == setup.ownerID)
            #expect(try await mark(setup.customer, chat: setup.ownerID, ["marked_as_done_task_ids": "[1]"]).ok)
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)

            // Refusals.
            #expect(try await mark(setup.customer, chat: setup.ownerID, ["message_id": "999", "marked_as_done_task_ids": "[1]"]).description
                == "Bad Request: can't mark tasks as done in the message")
            #expect(try await client.user(setup.customer, "markChecklistTasks", ["chat_id": "\(setup.ownerID)"]).description
                == "Bad Request: message identifier is not specified")
            #expect(try await mark(setup.customer, chat: setup.ownerID, ["marked_as_done_task_ids": "{"]).description
                == "Bad Request: can't parse marked_as_done_task_ids JSON object")
            #expect(try await client.bot(setup.bot, "markChecklistTasks", ["chat_id": "\(setup.customerID)", "message_id": "\(messageID)"]).status == 404)
        }
    }

    @Test func othersNeedTheChecklistsPermission() async throws {
        try await TestWorld().run { client in
            let setup = try await setup(client)
            let closed = #"{"title":"Mine","tasks":[{"id":1,"text":"Milk"}]}"#
            let sent = try await send(client, setup, closed)
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: setup.owner)
            let marked = try await client.user(setup.customer, "markChecklistTasks", [
                "chat_id": "\(setup.ownerID)", "message_id": "\(messageID)", "marked_as_done_task_ids": "[1]",
            ])
            #expect(marked.description == "Bad Request: can't mark tasks as done in the message")
            func add(_ user: String, chat: Int, _ tasks: String) async throws -> Answer {
                try await client.user(user, "addChecklistTasks", ["chat_id": "\(chat)", "message_id": "\(messageID)", "tasks": tasks])
            }
            #expect(try await add(setup.customer, chat: setup.ownerID, #"[{"id":2,"text":"Eggs"}]"#).description
                == "Bad Request: can't add the checklist tasks to the message")
            // The owner (the checklist's sender) may add, with the task checks.
            #expect(try await add(setup.owner, chat: setup.customerID, #"[{"id":1,"text":"Eggs"}]"#).description == "Bad Request: TODO_ITEM_DUPLICATE")
            #expect(try await add(setup.owner, chat: setup.customerID, "[]").description == "Bad Request: the list of new tasks must be non-empty")
            #expect(try await add(setup.owner, chat: setup.customerID, "{}").description == "Bad Request: expected an Array of InputChecklistTask")
            #expect(try await add(setup.owner, chat: setup.customerID, #"[{"id":-1,"text":"Eggs"}]"#).description
                == "Bad Request: checklist task identifier must be positive")
            _ = try await client.drainUpdates(bot: setup.bot)
            let added = try await add(setup.owner, chat: setup.customerID, #"[{"id":2,"text":"<i>Eggs</i>","parse_mode":"HTML"}]"#)
            #expect(added.ok, "\(added.body)")
            let service = try #require(try await client.drainUpdates(bot: setup.bot).last?["business_message"] as? [String: Any])
            let addedTasks = try #require(service["checklist_tasks_added"] as? [String: Any])
            #expect((addedTasks["tasks"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Eggs"])
            #expect(((addedTasks["tasks"] as? [[String: Any]])?.first?["text_entities"] as? [[String: Any]])?.first?["type"] as? String == "italic")
            let all = ((addedTasks["checklist_message"] as? [String: Any])?["checklist"] as? [String: Any])?["tasks"] as? [[String: Any]]
            #expect(all?.map { $0["id"] as? Int } == [1, 2])
            // The customer sees the service message from the owner.
            let seen = try #require(try await client.drainUpdates(user: setup.customer).last?["message"] as? [String: Any])
            #expect(seen["checklist_tasks_added"] != nil && (seen["from"] as? [String: Any])?["id"] as? Int == setup.ownerID)

            // With others_can_add_tasks the customer may add, up to 30 tasks in all.
            let open = #"{"title":"Shared","others_can_add_tasks":true,"tasks":[{"id":1,"text":"Milk"}]}"#
            let shared = try await send(client, setup, open).resultObject["message_id"] as? Int ?? 0
            func addShared(_ tasks: String) async throws -> Answer {
                try await client.user(setup.customer, "addChecklistTasks", ["chat_id": "\(setup.ownerID)", "message_id": "\(shared)", "tasks": tasks])
            }
            #expect(try await addShared(#"[{"id":5,"text":"Jam"}]"#).ok)
            let tooMany = (10...38).map { #"{"id":\#($0),"text":"t"}"# }.joined(separator: ",")
            #expect(try await addShared("[\(tooMany)]").description == "Bad Request: can't add the checklist tasks to the message")
        }
    }
}
