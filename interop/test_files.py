"""Files with a real client library: python-telegram-bot uploads a photo, asks getFile for
it and downloads the stored JPEG through its own download API (File.download_as_bytearray,
which builds the URL from `base_file_url` and the returned `file_path`); and an album of
two photos reaches a user, over the user surface's getUpdates, as two messages sharing one
media_group_id.
"""

import asyncio
import struct
import zlib

import pytest
from telegram import Bot, InputMediaPhoto


def make_png(width: int, height: int, shade: int) -> bytes:
    """A real RGB PNG, built with the standard library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes([shade, 255 - shade, shade // 2]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def ptb_bot(srv, token: str) -> Bot:
    return Bot(token, base_url=f"{srv.base}/bot", base_file_url=f"{srv.base}/file/bot")


def bot_and_user(srv, bot_name: str, user_name: str) -> tuple[dict, dict]:
    """A bot and a user who started it, so the bot may write to them."""
    bot = srv.create_bot(first_name=bot_name)
    user = srv.create_user(user_name)
    srv.user_call(user["token"], "startBot", bot_id=bot["user"]["id"])
    return bot, user


@pytest.mark.timeout(60)
def test_ptb_photo_upload_get_file_and_download(module_server):
    srv = module_server
    bot, user = bot_and_user(srv, "PTB files", "Alice")
    image = make_png(40, 30, 0x33)

    async def scenario():
        async with ptb_bot(srv, bot["token"]) as ptb:
            message = await ptb.send_photo(user["user"]["id"], photo=image, caption="a photo")
            largest = message.photo[-1]
            assert (largest.width, largest.height) == (40, 30)
            file = await ptb.get_file(largest.file_id)
            assert file.file_size == largest.file_size
            assert file.file_unique_id == largest.file_unique_id
            return bytes(await file.download_as_bytearray()), largest.file_id, largest.file_size

    downloaded, file_id, size = asyncio.run(scenario())
    # Photos are re-encoded as JPEG, as on Telegram (test_media.py checks the sizes).
    assert downloaded[:2] == b"\xff\xd8" and len(downloaded) == size

    # The user received the photo with the same file_id.
    received = srv.wait_for_user_message(user["token"], lambda m: "photo" in m)
    assert received["photo"][-1]["file_id"] == file_id
    assert received["caption"] == "a photo"


@pytest.mark.timeout(60)
def test_ptb_media_group_reaches_the_user_as_one_album(module_server):
    srv = module_server
    bot, user = bot_and_user(srv, "PTB albums", "Bob")

    async def scenario():
        async with ptb_bot(srv, bot["token"]) as ptb:
            return await ptb.send_media_group(user["user"]["id"], [
                InputMediaPhoto(make_png(8, 8, 0x10), caption="one"),
                InputMediaPhoto(make_png(12, 6, 0xA0), caption="two"),
            ])

    sent = asyncio.run(scenario())
    assert len(sent) == 2
    assert sent[0].media_group_id and sent[0].media_group_id == sent[1].media_group_id

    album = srv.user_messages(user["token"], 2)
    assert [m.get("caption") for m in album] == ["one", "two"]
    assert {m["media_group_id"] for m in album} == {sent[0].media_group_id}
    assert [(m["photo"][-1]["width"], m["photo"][-1]["height"]) for m in album] == [(8, 8), (12, 6)]
