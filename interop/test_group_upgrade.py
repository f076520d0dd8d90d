"""A basic group upgraded to a supergroup, with real library bots that still hold the old
id: the server answers 400 "group chat was upgraded to a supergroup chat" with
`parameters.migrate_to_chat_id`, python-telegram-bot raises ChatMigrated and aiogram
TelegramMigrateToChat, and each bot follows the new id.
"""

import pytest

from conftest import ApiError


@pytest.mark.timeout(120)
@pytest.mark.parametrize("script", ["ptb_announce_bot.py", "aiogram_announce_bot.py"])
def test_group_upgrade_followed_by_library(server, bot_runner, script):
    srv = server
    bot = srv.create_bot(first_name="Announcer")
    bot_id, bot_token = bot["user"]["id"], bot["token"]
    alice = srv.create_user("Alice")["token"]
    bob = srv.create_user("Bob")
    old_id = srv.user_call(alice, "createChat", type="group", title="Team", member_ids=[bot_id, bob["user"]["id"]])["id"]
    assert not str(old_id).startswith("-100")

    upgraded = srv.user_call(alice, "upgradeChat", chat_id=old_id)
    new_id = upgraded["id"]
    assert upgraded["type"] == "supergroup" and str(new_id).startswith("-100")
    with pytest.raises(ApiError) as refused:
        srv.bot_call(bot_token, "sendMessage", chat_id=old_id, text="still here?")
    assert refused.value.status == 400
    assert refused.value.description == "Bad Request: group chat was upgraded to a supergroup chat"
    assert refused.value.body["parameters"] == {"migrate_to_chat_id": new_id}

    proc = bot_runner(script, bot_token, srv.base, extra_env={"ANNOUNCE_CHAT_ID": str(old_id)})
    proc.start()
    srv.user_call(alice, "sendMessage", chat_id=bot_id, text="/announce Meeting at five")

    def from_bot_in(chat_id):
        return lambda m: m.get("chat", {}).get("id") == chat_id and m.get("from", {}).get("id") == bot_id

    posted = srv.wait_for_user_message(bob["token"], from_bot_in(new_id), timeout=45)
    assert posted["text"] == "Meeting at five"
    reply = srv.wait_for_user_message(alice, lambda m: from_bot_in(bot_id)(m) and m.get("text") != "Meeting at five", timeout=20)
    assert reply["text"] == f"moved to {new_id}"

    # The bot now writes to the supergroup directly.
    srv.user_call(alice, "sendMessage", chat_id=bot_id, text="/announce Moved for good")
    assert srv.wait_for_user_message(bob["token"], from_bot_in(new_id), timeout=20)["text"] == "Moved for good"
    assert srv.wait_for_user_message(alice, from_bot_in(bot_id), timeout=20)["text"] == "announced"
    assert proc.stop() == 0
