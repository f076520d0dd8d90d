"""Media as Telegram processes them, with a real client library: python-telegram-bot sends a
photo and a video from the sample files (Tests/ServerTests/Resources/Media, the same as
../shared/media) and the metadata the server reports match the files: the photo arrives as
Telegram's ladder of JPEG sizes whose downloads have the reported dimensions and sizes, the
video reports its own width, height and duration and has a generated thumbnail.
"""

import asyncio
import struct
from pathlib import Path

import pytest
from telegram import Bot

MEDIA = Path(__file__).resolve().parent.parent / "Tests" / "ServerTests" / "Resources" / "Media"


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame segment."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    i = 2
    while i + 9 < len(data):
        assert data[i] == 0xFF
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no start-of-frame segment")


def ptb_bot(srv, token: str) -> Bot:
    return Bot(token, base_url=f"{srv.base}/bot", base_file_url=f"{srv.base}/file/bot")


def bot_and_user(srv, bot_name: str, user_name: str) -> tuple[dict, dict]:
    bot = srv.create_bot(first_name=bot_name)
    user = srv.create_user(user_name)
    srv.user_call(user["token"], "startBot", bot_id=bot["user"]["id"])
    return bot, user


@pytest.mark.timeout(90)
def test_ptb_photo_arrives_as_telegrams_jpeg_sizes(module_server):
    srv = module_server
    bot, user = bot_and_user(srv, "PTB photos", "Alice")
    original = (MEDIA / "telegram.jpg").read_bytes()  # 800×800

    async def scenario():
        async with ptb_bot(srv, bot["token"]) as ptb:
            message = await ptb.send_photo(user["user"]["id"], photo=original)
            sizes = []
            for size in message.photo:
                file = await ptb.get_file(size.file_id)
                data = bytes(await file.download_as_bytearray())
                sizes.append((size, file, data))
            return message, sizes

    message, sizes = asyncio.run(scenario())
    assert [(s.width, s.height) for s, _, _ in sizes] == [(90, 90), (320, 320), (800, 800)]
    assert len({s.file_unique_id for s, _, _ in sizes}) == 3
    for size, file, data in sizes:
        assert jpeg_size(data) == (size.width, size.height)
        assert len(data) == size.file_size == file.file_size
    received = srv.wait_for_user_message(user["token"], lambda m: "photo" in m)
    assert [p["file_id"] for p in received["photo"]] == [s.file_id for s, _, _ in sizes]


@pytest.mark.timeout(90)
def test_ptb_video_reports_the_files_size_duration_and_a_thumbnail(module_server):
    srv = module_server
    bot, user = bot_and_user(srv, "PTB videos", "Bob")
    clip = (MEDIA / "telegram.mp4").read_bytes()  # 360×640, 4.89 s

    async def scenario():
        async with ptb_bot(srv, bot["token"]) as ptb:
            message = await ptb.send_video(user["user"]["id"], video=clip)
            thumbnail = message.video.thumbnail
            file = await ptb.get_file(thumbnail.file_id)
            return message, bytes(await file.download_as_bytearray())

    message, thumbnail_bytes = asyncio.run(scenario())
    video = message.video
    assert (video.width, video.height, video.duration.total_seconds() if hasattr(video.duration, "total_seconds") else video.duration) == (360, 640, 5)
    assert video.file_size == len(clip) and video.mime_type == "video/mp4"
    assert (video.thumbnail.width, video.thumbnail.height) == (180, 320)
    assert jpeg_size(thumbnail_bytes) == (180, 320)
    received = srv.wait_for_user_message(user["token"], lambda m: "video" in m)
    assert received["video"]["duration"] == 5 and received["video"]["file_id"] == video.file_id
