"""A pyTelegramBotAPI sticker-set bot against a real `botapi serve` (issue 11, item 5).

| test | what it shows |
|---|---|
| test_telebot_sticker_set_bot | telebot uploads a sticker file (the shared WEBP sample), creates a set with it and with a second sticker uploaded in the same call, adds a third, reorders, deletes one, reads the set back through its own types, and sends a set sticker that the user receives with its set name and emoji |
| test_telebot_sees_official_errors | a foreign name suffix and an unknown set answer Telegram's descriptions through telebot's ApiTelegramException |
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest

telebot = pytest.importorskip("telebot")
from telebot import apihelper, types  # noqa: E402

from conftest import from_bot  # noqa: E402

MEDIA = Path(__file__).resolve().parents[1] / "Tests" / "ServerTests" / "Resources" / "Media"


def solid_webp(width: int, height: int, shade: int) -> bytes:
    """A one-colour lossless WEBP: five one-symbol prefix codes and no pixel bits."""
    bits: list[int] = []

    def write(value: int, count: int) -> None:
        bits.extend((value >> i) & 1 for i in range(count))

    write(0x2F, 8)
    write(width - 1, 14)
    write(height - 1, 14)
    write(0, 7)
    for symbol in (shade, 0x20, 0x80, 0xFF, 0):
        write(1, 1)
        write(0, 1)
        write(1, 1)
        write(symbol, 8)
    payload = bytearray((len(bits) + 7) // 8)
    for index, bit in enumerate(bits):
        payload[index // 8] |= bit << (index % 8)
    while len(payload) < 10 or len(payload) % 2:
        payload.append(0)
    return b"RIFF" + struct.pack("<I", 12 + len(payload)) + b"WEBPVP8L" + struct.pack("<I", len(payload)) + bytes(payload)


def sample_webp() -> bytes:
    return (MEDIA / "telegram.webp").read_bytes()  # 510x512, a valid static sticker as it is


@pytest.fixture
def telebot_api(module_server):
    old = (apihelper.API_URL, apihelper.FILE_URL)
    apihelper.API_URL = module_server.base + "/bot{0}/{1}"
    apihelper.FILE_URL = module_server.base + "/file/bot{0}/{1}"
    yield module_server
    apihelper.API_URL, apihelper.FILE_URL = old


@pytest.mark.timeout(60)
def test_telebot_sticker_set_bot(telebot_api):
    srv = telebot_api
    bot_info = srv.create_bot(username="stickermaker_bot", first_name="Sticker Maker")
    user = srv.create_user("Sticker Fan")
    bot_id = bot_info["user"]["id"]
    user_id = user["user"]["id"]
    srv.user_call(user["token"], "sendMessage", chat_id=bot_id, text="/start")
    bot = telebot.TeleBot(bot_info["token"], threaded=False)

    uploaded = bot.upload_sticker_file(user_id, sticker=types.InputFile(io.BytesIO(sample_webp()), "telegram.webp"), sticker_format="static")
    assert uploaded.file_id and uploaded.file_path is None

    name = "shapes_by_stickermaker_bot"
    assert bot.create_new_sticker_set(user_id, name, "Shapes", stickers=[
        types.InputSticker(uploaded.file_id, ["😀"], format="static"),
        types.InputSticker(types.InputFile(io.BytesIO(solid_webp(512, 256, 0x10)), "wide.webp"), ["🟦", "🔷"], format="static"),
    ]) is True
    assert bot.add_sticker_to_set(user_id, name, None, sticker=types.InputSticker(
        types.InputFile(io.BytesIO(solid_webp(256, 512, 0x70)), "tall.webp"), ["🟥"], format="static")) is True

    sticker_set = bot.get_sticker_set(name)
    assert sticker_set.title == "Shapes" and sticker_set.sticker_type == "regular"
    first, second, third = sticker_set.stickers
    assert (first.width, first.height, first.emoji) == (510, 512, "😀")
    assert (second.width, second.height, third.height) == (512, 256, 512)
    assert all(s.set_name == name and not s.is_animated and not s.is_video for s in sticker_set.stickers)

    assert bot.set_sticker_position_in_set(third.file_id, 0) is True
    assert bot.delete_sticker_from_set(first.file_id) is True
    after = bot.get_sticker_set(name)
    assert [s.file_id for s in after.stickers] == [third.file_id, second.file_id]

    sent = bot.send_sticker(user_id, second.file_id)
    assert sent.sticker.set_name == name and sent.sticker.emoji == "🟦"
    message = srv.wait_for_user_message(user["token"], from_bot(bot_id))
    assert message["sticker"]["file_unique_id"] == second.file_unique_id
    assert message["sticker"]["set_name"] == name


@pytest.mark.timeout(60)
def test_telebot_sees_official_errors(telebot_api):
    srv = telebot_api
    bot_info = srv.create_bot(username="strictmaker_bot", first_name="Strict")
    user = srv.create_user("Owner")
    srv.user_call(user["token"], "sendMessage", chat_id=bot_info["user"]["id"], text="/start")
    bot = telebot.TeleBot(bot_info["token"], threaded=False)
    user_id = user["user"]["id"]
    uploaded = bot.upload_sticker_file(user_id, sticker=types.InputFile(io.BytesIO(solid_webp(512, 512, 1)), "a.webp"), sticker_format="static")
    with pytest.raises(telebot.apihelper.ApiTelegramException) as wrong_name:
        bot.create_new_sticker_set(user_id, "pack_by_someone_else", "Pack",
                                   stickers=[types.InputSticker(uploaded.file_id, ["😀"], format="static")])
    assert wrong_name.value.error_code == 400
    assert wrong_name.value.description == "Bad Request: invalid sticker set name is specified"
    with pytest.raises(telebot.apihelper.ApiTelegramException) as unknown:
        bot.get_sticker_set("nothing_by_strictmaker_bot")
    assert unknown.value.description == "Bad Request: STICKERSET_INVALID"
