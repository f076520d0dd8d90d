"""HTML and MarkdownV2 through a real aiogram Bot, checked with aiogram's own renderer.

The bot sends markup with parse_mode; the user receives the message with entities. aiogram's
`html_decoration` / `markdown_decoration` turn those entities back into markup, which is sent
again: the second message must carry exactly the same text and entities as the first. That is
the round trip a library relies on when it edits or quotes a formatted message.
"""

import asyncio

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.utils.text_decorations import html_decoration, markdown_decoration
from aiogram.types import MessageEntity

HTML_SAMPLES = [
    "<b>bold</b>, <i>italic</i>, <u>underline</u>, <s>strike</s> and <tg-spoiler>spoiler</tg-spoiler>",
    "<b>bold <i>italic bold <s>italic bold strike <tg-spoiler>and spoiler</tg-spoiler></s></i></b> after",
    "<a href=\"https://example.com/path?q=1&amp;r=2\">a link</a> and <code>inline code</code>",
    "<pre><code class=\"language-python\">def f(x):\n    return x &lt; 2</code></pre>",
    "emoji 😀 before <b>bold 🇺🇦 flag</b> and after 👩‍💻 <i>ZWJ</i>",
    "<blockquote>quoted\ntwo lines</blockquote>plain <blockquote expandable>long hidden quote</blockquote>",
    "кириллица <b>жирный</b> &amp; &lt;escaped&gt; <u>подчёркнутый</u>",
]

MARKDOWN_SAMPLES = [
    "*bold* _italic_ __underline__ ~strike~ ||spoiler||",
    "*bold _italic bold ~italic bold strike~_* after",
    "[a link](https://example.com/a_b) and `inline code`",
    "```python\nprint(1)\n```",
    "emoji 😀 *bold 🇺🇦* escaped \\. \\! \\- \\(x\\)",
    ">quoted line\n>second line",
]


def entities_of(message: dict) -> list[dict]:
    return message.get("entities", [])


async def send_all(base: str, token: str, chat_id: int, samples: list[str], parse_mode: str) -> list[dict]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(base))
    bot = Bot(token, session=session)
    try:
        sent = []
        for markup in samples:
            message = await bot.send_message(chat_id, markup, parse_mode=parse_mode)
            sent.append(message.model_dump(exclude_none=True))
        return sent
    finally:
        await session.close()


def render(message: dict, decoration) -> str:
    entities = [MessageEntity(**entity) for entity in message.get("entities", [])]
    return decoration.unparse(message["text"], entities)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("parse_mode,samples,decoration", [
    pytest.param("HTML", HTML_SAMPLES, html_decoration, id="html"),
    pytest.param("MarkdownV2", MARKDOWN_SAMPLES, markdown_decoration, id="markdownv2"),
])
def test_entities_round_trip_through_aiogram(module_server, parse_mode, samples, decoration):
    srv = module_server
    bot = srv.create_bot(first_name="Formatter")
    user = srv.create_user("Alice")
    srv.user_call(user["token"], "startBot", bot_id=bot["user"]["id"])
    chat_id = user["user"]["id"]

    first = asyncio.run(send_all(srv.base, bot["token"], chat_id, samples, parse_mode))
    for message in first:
        assert entities_of(message), f"no entities parsed from {message['text']!r}"
    rendered = [render(message, decoration) for message in first]
    second = asyncio.run(send_all(srv.base, bot["token"], chat_id, rendered, parse_mode))
    for original, again, markup in zip(first, second, rendered):
        assert again["text"] == original["text"], markup
        expected = entities_of(original)
        if parse_mode == "HTML" and 'language="language-' in markup:
            # aiogram 3.31 renders a pre's language as <code language="language-x">; Telegram
            # (TDLib) reads the language only from class="language-x" and ignores other
            # attributes, so the language is lost on the way back, here as on Telegram.
            assert any(entity.get("language") == "python" for entity in expected)
            expected = [{k: v for k, v in entity.items() if k != "language"} for entity in expected]
        assert entities_of(again) == expected, markup

    # The user receives the same text and entities the bot's answer showed.
    received = srv.user_messages(user["token"], 2 * len(samples))
    for got, sent in zip(received, first + second):
        assert got["text"] == sent["text"]
        assert got.get("entities", []) == sent.get("entities", [])
