/// A file uploaded with the request itself (`multipart/form-data`).
///
/// The spec's `InputFile` has no JSON form: a file is a multipart part. The parameter
/// decoder hands it over as the string `"attach://<name>"`, where `<name>` is the
/// multipart field name: either the parameter's own name (a part named `photo` sent
/// directly as the `photo` parameter) or the name an `attach://<name>` reference chose.
/// `InputFile` keeps that name; the engine fetches the part by it.
///
/// Decoding accepts only `"attach://<name>"` strings; writing produces the same string.
public struct InputFile: Sendable, Equatable, Hashable, Decodable, JSONWritable {
    /// The multipart field name the file was (or is to be) uploaded under.
    public var attachmentName: String

    /// The `attach://` prefix.
    public static let attachPrefix = "attach://"

    /// A file uploaded under the multipart field `attachmentName`.
    public init(attachmentName: String) {
        self.attachmentName = attachmentName
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard text.hasPrefix(Self.attachPrefix) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an uploaded file (attach://<name>)")
        }
        attachmentName = String(text.dropFirst(Self.attachPrefix.count))
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.string(Self.attachPrefix + attachmentName)
    }
}

/// A parameter typed "InputFile or String": a new upload, or an existing file.
///
/// - `.attachment("photo")`: from `"attach://photo"`, a file uploaded with this request
///   under the multipart field name `photo` (see ``InputFile``);
/// - `.reference("AgAD…")` / `.reference("https://…")`: any other string, i.e. a
///   `file_id` of a file already on the server or an HTTP URL to fetch. Telling the two
///   apart is the engine's business.
///
/// Decodes from a JSON string; writes the same string back.
public enum InputFileOrString: Sendable, Equatable, Hashable, Decodable, JSONWritable {
    /// A file uploaded with the request, by multipart field name.
    case attachment(String)
    /// A `file_id` or a URL.
    case reference(String)

    /// Classifies a parameter string.
    public init(_ text: String) {
        if text.hasPrefix(InputFile.attachPrefix) {
            self = .attachment(String(text.dropFirst(InputFile.attachPrefix.count)))
        } else {
            self = .reference(text)
        }
    }

    /// The upload as an ``InputFile``, if this is an attachment.
    public var inputFile: InputFile? {
        if case .attachment(let name) = self { return InputFile(attachmentName: name) }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .attachment(let name): writer.string(InputFile.attachPrefix + name)
        case .reference(let text): writer.string(text)
        }
    }
}
