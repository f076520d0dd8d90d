"""Files live in the shared PostgreSQL database, not on any instance's disk: a photo and a
document a bot uploads through instance A download byte for byte through getFile and
/file/bot… on instances B and C, and a user on C downloads the document through the user
surface. Each instance has a data directory of its own (the `instances` fixture), and none
of them holds the files. Needs BOTAPI_TEST_DATABASE (scripts/with-postgres)."""
import os
from pathlib import Path

import pytest
import requests

from test_instances import DATABASE, instances  # noqa: F401

pytestmark = pytest.mark.skipif(not DATABASE, reason="needs BOTAPI_TEST_DATABASE (a PostgreSQL database)")

# The samples of shared/media, as the Swift tests keep them.
MEDIA = Path(__file__).resolve().parent.parent / "Tests" / "ServerTests" / "Resources" / "Media"


def upload(srv, token: str, method: str, field: str, name: str, data: bytes, chat_id: int) -> dict:
    """A multipart upload through `srv`; returns the sent message."""
    r = requests.post(f"{srv.base}/bot{token}/{method}", data={"chat_id": str(chat_id)},
                      files={field: (name, data)}, timeout=60)
    body = r.json()
    assert r.status_code == 200 and body["ok"], body
    return body["result"]


def download(srv, surface: str, token: str, file_id: str) -> bytes:
    """getFile on `srv`, then the file from its /file/<surface><token>/<file_path>."""
    info = srv.call(surface, token, "getFile", file_id=file_id)
    r = requests.get(f"{srv.base}/file/{surface}{token}/{info['file_path']}", timeout=60)
    assert r.status_code == 200, (r.status_code, r.text[:200])
    assert len(r.content) == info["file_size"] == int(r.headers["Content-Length"])
    return r.content


def contents_on_disk(srv) -> set[bytes]:
    """The bytes of every file in the instance's data directory."""
    return {p.read_bytes() for p in srv.data_dir.rglob("*") if p.is_file()}


@pytest.mark.timeout(120)
def test_a_file_uploaded_through_one_instance_downloads_through_the_others(instances):
    a, b, c = instances
    # No shared disk: every instance has a data directory of its own.
    assert len({srv.data_dir.resolve() for srv in instances}) == 3
    bot = a.create_bot(first_name="Files")
    token, bot_id = bot["token"], bot["user"]["id"]
    user = c.create_user("Carol")
    c.user_call(user["token"], "startBot", bot_id=bot_id)
    chat = user["user"]["id"]

    photo = upload(a, token, "sendPhoto", "photo", "telegram.jpg", (MEDIA / "telegram.jpg").read_bytes(), chat)
    document_bytes = (MEDIA / "telegram.mp3").read_bytes()
    document = upload(a, token, "sendDocument", "document", "song.mp3", document_bytes, chat)
    # Larger than one stored piece (1 MiB), with a partial last piece.
    big_bytes = os.urandom((2 << 20) + 12345)
    big = upload(a, token, "sendDocument", "document", "big.bin", big_bytes, chat)

    largest = photo["photo"][-1]
    from_a = download(a, "bot", token, largest["file_id"])
    assert from_a[:2] == b"\xff\xd8" and len(from_a) == largest["file_size"]
    for srv in (b, c):
        assert download(srv, "bot", token, largest["file_id"]) == from_a
        assert download(srv, "bot", token, document["document"]["file_id"]) == document_bytes
        assert download(srv, "bot", token, big["document"]["file_id"]) == big_bytes

    # The user on C downloads what the bot sent through A, by the file_id of their message.
    received = c.wait_for_user_message(user["token"], lambda m: m.get("document", {}).get("file_name") == "song.mp3")
    assert download(c, "user", user["token"], received["document"]["file_id"]) == document_bytes
    received_big = c.wait_for_user_message(user["token"], lambda m: m.get("document", {}).get("file_name") == "big.bin")
    assert download(c, "user", user["token"], received_big["document"]["file_id"]) == big_bytes

    # The contents are in the database only: no data directory holds them.
    for srv in instances:
        assert not contents_on_disk(srv) & {from_a, document_bytes, big_bytes}, srv.data_dir
