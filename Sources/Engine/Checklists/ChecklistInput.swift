import BotAPI
import Foundation
import Formatting

/// An `InputChecklist` (or a list of `InputChecklistTask`s) read the way the official server
/// reads it, before TDLib looks at the content: JSON fields with TDLib's `JsonObject` texts,
/// and `parse_mode` markup already applied. What TDLib then checks (emptiness, lengths, task
/// ids) is ``Checklists``' part, once the chat is known, as the two happen in that order.
struct ChecklistInput: Sendable {
    /// A title or task text with the entities the call gave or its markup produced.
    struct Text: Sendable {
        var text: String
        var entities: [TextEntity]
    }

    struct Task: Sendable {
        let id: Int
        let text: Text
    }

    let title: Text
    let tasks: [Task]
    let othersCanAddTasks: Bool
    let othersCanMarkTasksAsDone: Bool

    /// Why an input could not be read, in the official wording (first letter as TDLib has
    /// it: the Bot API lower-cases only the first letter of the whole description).
    struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The `checklist` parameter of `sendChecklist` / `editMessageChecklist`.
    ///
    /// Errors: 400 `parameter "checklist" is required`, "can't parse InputChecklist JSON
    /// object", "can't parse InputChecklist: <TDLib's detail>".
    static func checklist(_ raw: String?) throws -> ChecklistInput {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("parameter \"checklist\" is required") }
        guard let json = SettingsJSON.parse(raw) else { throw APIError.badRequest("can't parse InputChecklist JSON object") }
        do {
            guard case .object(let object) = json else { throw Failure("expected an Object") }
            let title = try text(object, "title", parseMode: "parse_mode", entities: "title_entities")
            let othersCanAdd = try fieldValue { try object.optionalBool("others_can_add_tasks") }
            let othersCanMark = try fieldValue { try object.optionalBool("others_can_mark_tasks_as_done") }
            guard let tasks = object.field("tasks") else { throw Failure("Can't find field \"tasks\"") }
            guard case .array(let elements) = tasks else { throw Failure("Field \"tasks\" must be of type Array") }
            return ChecklistInput(
                title: title, tasks: try Self.tasks(elements), othersCanAddTasks: othersCanAdd, othersCanMarkTasksAsDone: othersCanMark)
        } catch let failure as Failure {
            throw APIError.badRequest("can't parse InputChecklist: " + failure.message)
        }
    }

    /// A `tasks` parameter on its own (the user's `addChecklistTasks`): a JSON array of
    /// InputChecklistTask.
    static func tasks(_ raw: String?) throws -> [Task] {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("parameter \"tasks\" is required") }
        guard let json = SettingsJSON.parse(raw) else { throw APIError.badRequest("can't parse tasks JSON object") }
        guard case .array(let elements) = json else { throw APIError.badRequest("expected an Array of InputChecklistTask") }
        do {
            return try tasks(elements)
        } catch let failure as Failure {
            // "Can't parse InputChecklistTask: …", its first letter lower-cased as the Bot API does.
            throw APIError.badRequest("c" + String(failure.message.dropFirst()))
        }
    }

    private static func tasks(_ elements: [SettingsJSON]) throws -> [Task] {
        try elements.map { element in
            do {
                guard case .object(let object) = element else { throw Failure("expected an Object") }
                let id = try fieldValue { try object.requiredInt32("id") }
                return Task(id: id, text: try text(object, "text", parseMode: "parse_mode", entities: "text_entities"))
            } catch let failure as Failure {
                throw Failure("Can't parse InputChecklistTask: " + failure.message)
            }
        }
    }

    /// A text field with its parse mode and entities, as the official server's
    /// `get_formatted_text`: markup when a mode is named and the text is not empty, else the
    /// entities when they are an array (anything else is ignored).
    private static func text(_ object: SettingsJSON.Object, _ name: String, parseMode: String, entities: String) throws -> Text {
        let raw = try fieldValue { try object.requiredString(name) }
        let mode = try fieldValue { try object.optionalString(parseMode) }
        guard raw.utf8.count <= 1 << 15 else { throw Failure("Text is too long") }
        let lowered = mode.lowercased()
        if !raw.isEmpty, !lowered.isEmpty, lowered != "none" {
            guard let parsed = try? ParseMode.named(lowered) else { throw Failure("Unsupported parse_mode") }
            do {
                let formatted = try EntityParser.parse(raw, mode: parsed)
                return Text(text: formatted.text, entities: formatted.entities)
            } catch {
                // "can't parse entities: …" as TDLib words it, capital first.
                throw Failure("C" + String(error.description.dropFirst()))
            }
        }
        guard case .array(let items)? = object.field(entities) else { return Text(text: raw, entities: []) }
        return Text(text: raw, entities: try items.map(entity))
    }

    /// One `MessageEntity` of an entities array: TDLib reads `offset`, `length` and `type`
    /// first, with its texts; the rest decodes as the Bot API type.
    private static func entity(_ value: SettingsJSON) throws -> TextEntity {
        do {
            guard case .object(let object) = value else { throw Failure("expected an Object") }
            _ = try fieldValue { try object.requiredInt32("offset") }
            _ = try fieldValue { try object.requiredInt32("length") }
            let type = try fieldValue { try object.requiredString("type") }
            guard !type.isEmpty else { throw Failure("Type is not specified") }
            guard let entity = try? JSONDecoder().decode(MessageEntity.self, from: Data(value.jsonBytes)) else {
                throw Failure("Unsupported type specified")
            }
            return MessageText.textEntity(entity)
        } catch let failure as Failure {
            throw Failure("Can't parse MessageEntity: " + failure.message)
        }
    }

    /// Runs a field read, turning its error into a ``Failure``.
    private static func fieldValue<T>(_ read: () throws -> T) throws -> T {
        do { return try read() } catch let error as SettingsJSON.FieldError { throw Failure(error.message) }
    }
}

extension SettingsJSON.Object {
    /// A required 32-bit integer member, given as a number or a numeric string (TDLib's
    /// `get_required_int_field`).
    func requiredInt32(_ name: String) throws(SettingsJSON.FieldError) -> Int {
        guard has(name) else { throw SettingsJSON.FieldError("Can't find field \"\(name)\"") }
        return try optionalInt(name)
    }
}
