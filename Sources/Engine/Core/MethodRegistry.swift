import BotAPI

/// Every implemented method, by surface. Adding a method means writing its file and adding
/// it to ``all``.
enum MethodRegistry {
    static let all: [any APIMethod.Type] = [
        // Admin surface
        CreateUser.self, CreateBot.self, RevokeToken.self, GetUsers.self, DeleteUser.self,
        // Bots and users
        GetMe.self, LogOut.self, Close.self, GetUpdates.self, SendMessage.self,
        SetWebhook.self, DeleteWebhook.self, GetWebhookInfo.self,
        // Users only
        StartBot.self, BlockUser.self, UnblockUser.self,
        // Files and media
        GetFile.self, SendPhoto.self, SendAudio.self, SendDocument.self, SendVideo.self, SendAnimation.self,
        SendVoice.self, SendVideoNote.self, SendMediaGroup.self,
        // Keyboards, callback buttons, editing and deleting
        SendCallbackQuery.self, AnswerCallbackQuery.self, EditMessageText.self, EditMessageCaption.self,
        EditMessageReplyMarkup.self, EditMessageMedia.self, DeleteMessage.self, DeleteMessages.self,
        // Other message kinds, polls, reactions, forwards and copies
        SendLocation.self, SendVenue.self, SendContact.self, SendDice.self, SendChatAction.self, SendPoll.self,
        ForwardMessage.self, ForwardMessages.self, CopyMessage.self, CopyMessages.self, EditMessageLiveLocation.self,
        StopMessageLiveLocation.self, StopPoll.self, SetMessageReaction.self, SendPollAnswer.self,
        // Groups, supergroups and channels
        CreateChat.self, AddChatMember.self, JoinChat.self, LeaveChat.self, GetChat.self, GetChatMember.self,
        GetChatMemberCount.self, GetChatAdministrators.self,
        // Member administration
        BanChatMember.self, UnbanChatMember.self, RestrictChatMember.self, PromoteChatMember.self,
        SetChatAdministratorCustomTitle.self, SetChatPermissions.self, BanChatSenderChat.self, UnbanChatSenderChat.self,
        // Chat settings, pins, invite links and join requests, upgrades, forum topics
        SetChatTitle.self, SetChatDescription.self, PinChatMessage.self, UnpinChatMessage.self, UnpinAllChatMessages.self,
        ExportChatInviteLink.self, CreateChatInviteLink.self, EditChatInviteLink.self, RevokeChatInviteLink.self,
        ApproveChatJoinRequest.self, DeclineChatJoinRequest.self, GetChatJoinRequests.self,
        CreateForumTopic.self, EditForumTopic.self, CloseForumTopic.self, ReopenForumTopic.self, DeleteForumTopic.self,
        UnpinAllForumTopicMessages.self, GetForumTopicIconStickers.self, EditGeneralForumTopic.self,
        CloseGeneralForumTopic.self, ReopenGeneralForumTopic.self, HideGeneralForumTopic.self, UnhideGeneralForumTopic.self,
        UnpinAllGeneralForumTopicMessages.self, UpgradeChat.self, SetChatUsername.self, SetChatPhoto.self, DeleteChatPhoto.self,
        // Bot settings (getBotCommands and getBotMenuButton are what users see of them)
        SetMyCommands.self, GetMyCommands.self, DeleteMyCommands.self, SetMyName.self, GetMyName.self,
        SetMyDescription.self, GetMyDescription.self, SetMyShortDescription.self, GetMyShortDescription.self,
        SetChatMenuButton.self, GetChatMenuButton.self, SetMyDefaultAdministratorRights.self,
        GetMyDefaultAdministratorRights.self, GetBotCommands.self, GetBotMenuButton.self,
        // MARK: Stickers, profiles and reactions
        UploadStickerFile.self, CreateNewStickerSet.self, AddStickerToSet.self, SetStickerPositionInSet.self,
        DeleteStickerFromSet.self, ReplaceStickerInSet.self, SetStickerEmojiList.self, SetStickerKeywords.self,
        SetStickerMaskPosition.self, SetStickerSetTitle.self, SetStickerSetThumbnail.self, SetCustomEmojiStickerSetThumbnail.self,
        DeleteStickerSet.self, GetStickerSet.self, GetCustomEmojiStickers.self, SendSticker.self, SetChatStickerSet.self,
        DeleteChatStickerSet.self, GetUserProfilePhotos.self, SetMyProfilePhoto.self, RemoveMyProfilePhoto.self,
        SetProfilePhoto.self, SetUserEmojiStatus.self, ToggleEmojiStatusPermission.self, DeleteMessageReaction.self,
        DeleteAllMessageReactions.self, GetUserProfileAudios.self, SaveProfileAudio.self,
        // MARK: Inline mode
        EditBot.self, InjectFault.self, GetTime.self, AdvanceTime.self, SendInlineQuery.self, AnswerInlineQuery.self, SendInlineResult.self, SavePreparedInlineMessage.self,
        SendPreparedInlineMessage.self, AnswerWebAppQuery.self, SavePreparedKeyboardButton.self,
        // MARK: Web Apps and games
        OpenWebApp.self, SendWebAppData.self, GetWebAppPublicKey.self, ShareUsersWithBot.self, ShareChatWithBot.self,
        CreateGame.self, SendGame.self, SetGameScore.self, GetGameHighScores.self,
        // MARK: Web client (chat list, history, developer pane)
        GetChats.self, GetChatHistory.self, ReadChatHistory.self, GetChatMembers.self, GetBotCallLog.self, DeleteChatReplyMarkup.self,
        // MARK: Payments and Telegram Stars
        SendInvoice.self, CreateInvoiceLink.self, AnswerShippingQuery.self, AnswerPreCheckoutQuery.self, PayInvoice.self,
        GetPaymentForm.self, ValidateOrderInfo.self,
        GetMyStarBalance.self, GetStarTransactions.self, RefundStarPayment.self, EditUserStarSubscription.self, AddStars.self,
        SendPaidMedia.self, BuyPaidMedia.self, CreateChatSubscriptionInviteLink.self, EditChatSubscriptionInviteLink.self,
        // MARK: Business accounts
        ConnectBusinessBot.self, DisconnectBusinessBot.self, GetBusinessConnection.self, ReadBusinessMessage.self,
        DeleteBusinessMessages.self, SetBusinessAccountName.self, SetBusinessAccountUsername.self, SetBusinessAccountBio.self,
        SetBusinessAccountProfilePhoto.self, RemoveBusinessAccountProfilePhoto.self, GetBusinessAccountStarBalance.self,
        TransferBusinessAccountStars.self, PostStory.self, RepostStory.self, EditStory.self, DeleteStory.self, GetStories.self,
        // MARK: Gifts
        GetAvailableGifts.self, SendGift.self, GiftPremiumSubscription.self, GetUserGifts.self, GetChatGifts.self,
        ConvertGiftToStars.self, UpgradeGift.self, TransferGift.self, CreateGift.self, GetBusinessAccountGifts.self,
        SetBusinessAccountGiftSettings.self,
        // MARK: Ephemeral messages (sent with ephemeral_message_parameters)
        EditEphemeralMessageText.self, EditEphemeralMessageCaption.self, EditEphemeralMessageMedia.self,
        EditEphemeralMessageReplyMarkup.self, DeleteEphemeralMessage.self,
        // MARK: Remaining methods: passport errors, member tags, verification, boosts, managed bots, personal chats
        SetPassportDataErrors.self, GetPassportDataErrors.self, SetChatMemberTag.self, SetBotVerifier.self, VerifyUser.self,
        VerifyChat.self, RemoveUserVerification.self, RemoveChatVerification.self, GetVerification.self, BoostChat.self,
        UnboostChat.self, GetUserChatBoosts.self, SetManagedBot.self, GetManagedBotToken.self, ReplaceManagedBotToken.self,
        GetManagedBotAccessSettings.self, SetManagedBotAccessSettings.self, SetPersonalChat.self, GetUserPersonalChatMessages.self,
        SetBotQuerySupport.self, AnswerChatJoinRequestQuery.self, SendChatJoinRequestWebApp.self, SendGuestMessage.self, AnswerGuestQuery.self,
        // MARK: Rich messages, drafts and live photos
        SendRichMessage.self, SendMessageDraft.self, SendRichMessageDraft.self, StopMessageGeneration.self, SendLivePhoto.self,
        // MARK: Checklists
        SendChecklist.self, EditMessageChecklist.self, MarkChecklistTasks.self, AddChecklistTasks.self,
        // MARK: Snapshots
        SaveSnapshot.self, RestoreSnapshot.self, ListSnapshots.self,
        // MARK: Channel direct messages and suggested posts
        SetChannelDirectMessages.self, ApproveSuggestedPost.self, DeclineSuggestedPost.self,
    ]

    private static let bySurface: [Surface: [String: any APIMethod.Type]] = {
        var table: [Surface: [String: any APIMethod.Type]] = [:]
        for method in all {
            for surface in method.surfaces { table[surface, default: [:]][method.name.lowercased()] = method }
        }
        return table
    }()

    /// The method called `name` (any case) on `surface`.
    static func method(named name: String, on surface: Surface) -> (any APIMethod.Type)? {
        bySurface[surface]?[name.lowercased()]
    }

    /// The error for a name with no implementation: 501 for a Bot API method that exists in
    /// the spec but is not implemented yet (404 would make clients think the token is bad),
    /// 404 for anything else.
    static func missingMethodError(named name: String, on surface: Surface) -> APIError {
        if surface != .admin, let known = MethodCatalogue.method(named: name) {
            return .notImplemented(known.name)
        }
        return .methodNotFound
    }
}

extension Engine {
    /// The canonical names of the methods served on `surface`, sorted (for descriptions of
    /// the API such as the OpenAPI document).
    public static func methodNames(on surface: Surface) -> [String] {
        var names: [String] = []
        for method in MethodRegistry.all where method.surfaces.contains(surface) { names.append(method.name) }
        return names.sorted()
    }
}
