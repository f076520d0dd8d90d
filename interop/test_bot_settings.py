"""Bot settings through real client libraries: python-telegram-bot and aiogram set and read
commands for a scope and a language, descriptions and the menu button, and their errors
arrive as the libraries' own exception types with the official descriptions.

The libraries run in-process against a real `botapi serve`; only the API base URL is changed.
"""

import asyncio

import pytest

pytestmark = pytest.mark.timeout(90)


def started_user(srv, bot_id: int, language: str | None = None) -> dict:
    """A user who has started the bot, so the bot has a private chat with them."""
    user = srv.admin_call("createUser", first_name="Alice", language_code=language)
    srv.user_call(user["token"], "startBot", bot_id=bot_id)
    return user


def menu(srv, user_token: str, bot_id: int) -> list[tuple[str, str]]:
    """What the user's command menu shows for the bot (the user surface's getBotCommands)."""
    return [(c["command"], c["description"]) for c in srv.user_call(user_token, "getBotCommands", bot_id=bot_id)]


def test_bot_settings_python_telegram_bot(server):
    from telegram import (BotCommand, BotCommandScopeChat, BotCommandScopeAllPrivateChats, MenuButtonCommands,
                          MenuButtonWebApp, WebAppInfo)
    from telegram.error import BadRequest
    from telegram.ext import ExtBot

    created = server.create_bot(first_name="Settings Bot")
    bot_id = created["user"]["id"]
    user = started_user(server, bot_id, language="de")

    async def scenario():
        bot = ExtBot(created["token"], base_url=f"{server.base}/bot", base_file_url=f"{server.base}/file/bot")
        async with bot:
            chat_scope = BotCommandScopeChat(chat_id=user["user"]["id"])
            assert await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
            assert await bot.set_my_commands([BotCommand("hallo", "Hallo")], scope=chat_scope, language_code="de")
            assert await bot.set_my_commands([("privat", "Privat")], scope=BotCommandScopeAllPrivateChats())

            got = await bot.get_my_commands(scope=chat_scope, language_code="de")
            assert [(c.command, c.description) for c in got] == [("hallo", "Hallo")]
            # No fallback in getMyCommands: this scope has no language-less list.
            assert await bot.get_my_commands(scope=chat_scope) == ()
            assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
            # The client menu falls back: chat + de first.
            assert menu(server, user["token"], bot_id) == [("hallo", "Hallo")]
            assert await bot.delete_my_commands(scope=chat_scope, language_code="de")
            assert menu(server, user["token"], bot_id) == [("privat", "Privat")]

            with pytest.raises(BadRequest) as invalid:
                await bot.set_my_commands([BotCommand("Bad-Command", "x")])
            # PTB strips "Bad Request: " and capitalizes what is left.
            assert invalid.value.message.upper() == "BOT_COMMAND_INVALID"
            with pytest.raises(BadRequest) as language:
                await bot.get_my_commands(language_code="deu")
            assert "invalid language code specified" in language.value.message.lower()

            assert await bot.set_my_description("Echoes everything")
            assert await bot.set_my_description("Wiederholt alles", language_code="de")
            assert (await bot.get_my_description(language_code="de")).description == "Wiederholt alles"
            assert (await bot.get_my_description(language_code="fr")).description == "Echoes everything"
            assert await bot.set_my_short_description("Echo")
            assert (await bot.get_my_short_description()).short_description == "Echo"
            assert await bot.set_my_name("Echo Prime")
            assert (await bot.get_me()).first_name == "Echo Prime"

            web_app = MenuButtonWebApp("Open", WebAppInfo("https://example.org/app"))
            assert await bot.set_chat_menu_button(menu_button=web_app)
            assert await bot.get_chat_menu_button() == web_app
            assert await bot.set_chat_menu_button(chat_id=user["user"]["id"], menu_button=MenuButtonCommands())
            assert isinstance(await bot.get_chat_menu_button(chat_id=user["user"]["id"]), MenuButtonCommands)
            with pytest.raises(BadRequest) as unknown:
                await bot.get_chat_menu_button(chat_id=987654321)
            assert "user not found" in unknown.value.message.lower()

    asyncio.run(scenario())


def test_bot_settings_aiogram(server):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.exceptions import TelegramBadRequest
    from aiogram.types import BotCommand, BotCommandScopeChat, MenuButtonWebApp, WebAppInfo

    created = server.create_bot(first_name="Aiogram Settings")
    bot_id = created["user"]["id"]
    user = started_user(server, bot_id, language="ru")
    chat_id = user["user"]["id"]

    async def scenario():
        bot = Bot(created["token"], session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))
        try:
            scope = BotCommandScopeChat(chat_id=chat_id)
            assert await bot.set_my_commands([BotCommand(command="/privet", description="Привет")], scope=scope,
                                             language_code="ru")
            got = await bot.get_my_commands(scope=scope, language_code="ru")
            assert [(c.command, c.description) for c in got] == [("privet", "Привет")]
            assert await bot.get_my_commands(scope=scope) == []
            assert menu(server, user["token"], bot_id) == [("privet", "Привет")]

            with pytest.raises(TelegramBadRequest) as missing:
                await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=123456789))
            assert "chat not found" in missing.value.message

            assert await bot.set_my_description(description="Описание", language_code="ru")
            assert (await bot.get_my_description(language_code="ru")).description == "Описание"
            assert (await bot.get_my_description()).description == ""

            button = MenuButtonWebApp(text="Open", web_app=WebAppInfo(url="https://example.org/app"))
            assert await bot.set_chat_menu_button(chat_id=chat_id, menu_button=button)
            got_button = await bot.get_chat_menu_button(chat_id=chat_id)
            assert got_button.type == "web_app" and got_button.web_app.url == "https://example.org/app"
        finally:
            await bot.session.close()

    asyncio.run(scenario())
