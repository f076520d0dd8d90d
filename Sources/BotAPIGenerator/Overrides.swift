/// Facts the spec's mechanical extraction missed, and the few deliberate deviations from a
/// purely mechanical translation. Every entry is checked against the spec while generating:
/// an override that contradicts a value the spec does state, or names a type the spec does
/// not have, stops the generator.
enum Overrides {
    /// How each union member announces itself on the wire: the discriminator field and its
    /// value, where the spec lacks `constraints.const` on that field (values from the
    /// official documentation). Members whose const the spec states need no entry.
    ///
    /// Several members may share a value (`InlineQueryResultPhoto` and
    /// `InlineQueryResultCachedPhoto` are both `"photo"`); the generated decoder then tells
    /// them apart by a required field only one of them has (`photo_file_id`), see
    /// `UnionEmitter`.
    static let discriminators: [String: (field: String, value: String)] = [
        // BotCommandScope
        "BotCommandScopeDefault": ("type", "default"),
        "BotCommandScopeAllPrivateChats": ("type", "all_private_chats"),
        "BotCommandScopeAllGroupChats": ("type", "all_group_chats"),
        "BotCommandScopeAllChatAdministrators": ("type", "all_chat_administrators"),
        "BotCommandScopeChat": ("type", "chat"),
        "BotCommandScopeChatAdministrators": ("type", "chat_administrators"),
        "BotCommandScopeChatMember": ("type", "chat_member"),
        // MenuButton
        "MenuButtonCommands": ("type", "commands"),
        "MenuButtonWebApp": ("type", "web_app"),
        "MenuButtonDefault": ("type", "default"),
        // InputMedia, InputPollMedia, InputPollOptionMedia
        "InputMediaAnimation": ("type", "animation"),
        "InputMediaAudio": ("type", "audio"),
        "InputMediaDocument": ("type", "document"),
        "InputMediaLivePhoto": ("type", "live_photo"),
        "InputMediaPhoto": ("type", "photo"),
        "InputMediaVideo": ("type", "video"),
        "InputMediaLocation": ("type", "location"),
        "InputMediaVenue": ("type", "venue"),
        "InputMediaLink": ("type", "link"),
        "InputMediaSticker": ("type", "sticker"),
        // InputPaidMedia
        "InputPaidMediaLivePhoto": ("type", "live_photo"),
        "InputPaidMediaPhoto": ("type", "photo"),
        "InputPaidMediaVideo": ("type", "video"),
        // InputProfilePhoto
        "InputProfilePhotoStatic": ("type", "static"),
        "InputProfilePhotoAnimated": ("type", "animated"),
        // InputStoryContent (the spec's const sits on the wrong field: photo/video)
        "InputStoryContentPhoto": ("type", "photo"),
        "InputStoryContentVideo": ("type", "video"),
        // InlineQueryResult
        "InlineQueryResultCachedAudio": ("type", "audio"),
        "InlineQueryResultCachedDocument": ("type", "document"),
        "InlineQueryResultCachedGif": ("type", "gif"),
        "InlineQueryResultCachedMpeg4Gif": ("type", "mpeg4_gif"),
        "InlineQueryResultCachedPhoto": ("type", "photo"),
        "InlineQueryResultCachedSticker": ("type", "sticker"),
        "InlineQueryResultCachedVideo": ("type", "video"),
        "InlineQueryResultCachedVoice": ("type", "voice"),
        "InlineQueryResultArticle": ("type", "article"),
        "InlineQueryResultAudio": ("type", "audio"),
        "InlineQueryResultContact": ("type", "contact"),
        "InlineQueryResultGame": ("type", "game"),
        "InlineQueryResultDocument": ("type", "document"),
        "InlineQueryResultGif": ("type", "gif"),
        "InlineQueryResultLocation": ("type", "location"),
        "InlineQueryResultMpeg4Gif": ("type", "mpeg4_gif"),
        "InlineQueryResultPhoto": ("type", "photo"),
        "InlineQueryResultVenue": ("type", "venue"),
        "InlineQueryResultVideo": ("type", "video"),
        "InlineQueryResultVoice": ("type", "voice"),
        // PassportElementError
        "PassportElementErrorDataField": ("source", "data"),
        "PassportElementErrorFrontSide": ("source", "front_side"),
        "PassportElementErrorReverseSide": ("source", "reverse_side"),
        "PassportElementErrorSelfie": ("source", "selfie"),
        "PassportElementErrorFile": ("source", "file"),
        "PassportElementErrorFiles": ("source", "files"),
        "PassportElementErrorTranslationFile": ("source", "translation_file"),
        "PassportElementErrorTranslationFiles": ("source", "translation_files"),
        "PassportElementErrorUnspecified": ("source", "unspecified"),
        // RevenueWithdrawalState
        "RevenueWithdrawalStatePending": ("type", "pending"),
        "RevenueWithdrawalStateSucceeded": ("type", "succeeded"),
        "RevenueWithdrawalStateFailed": ("type", "failed"),
        // TransactionPartner
        "TransactionPartnerUser": ("type", "user"),
        "TransactionPartnerChat": ("type", "chat"),
        "TransactionPartnerAffiliateProgram": ("type", "affiliate_program"),
        "TransactionPartnerFragment": ("type", "fragment"),
        "TransactionPartnerTelegramAds": ("type", "telegram_ads"),
        "TransactionPartnerTelegramApi": ("type", "telegram_api"),
        "TransactionPartnerOther": ("type", "other"),
    ]

    /// Field names the spec's `const` is trusted on as a union discriminator. Consts on other
    /// fields are extraction noise (e.g. `Update.chat_member`).
    static let discriminatorFieldNames: Set<String> = ["type", "status", "source"]

    /// Unions whose members carry no discriminator field at all and are told apart by which
    /// keys are present (required fields unique to one member, see `UnionEmitter`).
    static let keyPresenceUnions: Set<String> = ["InputMessageContent"]

    /// `MaybeInaccessibleMessage`: the official server writes an inaccessible message as
    /// `{"message_id":N,"chat":{...},"date":0}`, so `date == 0` selects the member.
    static let zeroDateUnions: [String: (field: String, whenZero: String, otherwise: String)] = [
        "MaybeInaccessibleMessage": ("date", "InaccessibleMessage", "Message")
    ]

    /// Non-object union members, told apart by JSON kind, and their case names
    /// (RichText is a string, an array of RichText, or a typed object).
    static let plainStringCase = "plain"
    static let arrayCase = "concatenation"

    /// Spec types written by hand in `Sources/BotAPI/Support` and therefore not generated.
    static let handWrittenTypes: Set<String> = ["InputFile"]

    /// Types that also decode from a bare JSON string, filling the named field: the official
    /// server accepts `"keyboard":[["Yes","No"]]` ("KeyboardButton must be a String or an
    /// Object", `behaviour.md` §2.7).
    static let stringShorthand: [String: String] = ["KeyboardButton": "text"]

    /// Types whose JSON has a line break after a member: the official server writes Update
    /// objects as `{"update_id":1,\n"message":…}` (`behaviour.md` §8).
    static let lineBreakAfterMember: [String: String] = ["Update": "update_id"]

    /// Fields of newer Bot API versions that pinned client libraries require in what the
    /// server sends, added as optional fields after `after` (so older clients that don't send
    /// them still decode). Empty while the spec is the newest version the libraries speak;
    /// Bot API 10.1 needed `can_send_welcome_messages` here for aiogram 3.31 (10.3).
    static let newerFields: [(type: String, after: String, name: String, types: [String])] = []

    /// Required fields that decode to a value when absent, for input objects the official
    /// server reads leniently: TDLib reads every administrator right as an optional boolean,
    /// and clients built before Bot API 10.3 don't send `can_send_welcome_messages`.
    static let absentMeansDefault: [(type: String, field: String, value: String)] = [
        ("ChatAdministratorRights", "can_send_welcome_messages", "false")
    ]

    /// Fields typed "one of several object types" that are not an existing union of the spec:
    /// the generator makes a union of them under the given name. Bot API 10.3's
    /// `InputRichMessageMedia.media` is one of six `InputMedia…` types, one of which
    /// (`InputMediaVoiceNote`) is not a member of `InputMedia`.
    static let namedFieldUnions: [(type: String, field: String, union: String)] = [
        ("InputRichMessageMedia", "media", "InputRichMedia")
    ]
}
