"""A game bot written with python-telegram-bot, against the real server: the admin creates
the bot's game, the bot sends it into a supergroup, a player presses Play (the bot answers
with the game's URL), and three players report scores with "/score N", which the bot stores
with setGameScore and answers with getGameHighScores' table; a lower score is refused with
Telegram's BOT_SCORE_NOT_MODIFIED.
"""

import pytest

from conftest import Server


def command(srv: Server, token: str, chat_id: int, text: str, timeout: float = 30) -> str:
    """Sends `text` in the chat as the user and returns the bot's reply to it."""
    sent = srv.user_call(token, "sendMessage", chat_id=chat_id, text=text)
    reply = srv.wait_for_user_message(
        token, lambda m: (m.get("reply_to_message") or {}).get("message_id") == sent["message_id"], timeout=timeout)
    return reply["text"]


@pytest.mark.timeout(120)
def test_game_bot_with_high_scores(server, bot_runner):
    srv = server
    bot = srv.create_bot(username="arcade_game_bot", first_name="Arcade")
    bot_id = bot["user"]["id"]
    game = srv.admin_call("createGame", bot_id=bot_id, short_name="tetris", title="Tetris", description="Falling blocks")
    assert game == {"title": "Tetris", "description": "Falling blocks", "photo": []}

    alice, bob, carol = (srv.create_user(name) for name in ("Alice", "Bob", "Carol"))
    group = srv.user_call(alice["token"], "createChat", type="supergroup", title="Arcade",
                          member_ids=[bot_id, bob["user"]["id"], carol["user"]["id"]])
    group_id = group["id"]

    proc = bot_runner("ptb_game_bot.py", bot["token"], srv.base)
    proc.start()
    srv.user_call(alice["token"], "sendMessage", chat_id=group_id, text="/start@arcade_game_bot")
    game_message = srv.wait_for_user_message(alice["token"], lambda m: "game" in m, timeout=45)
    assert game_message["game"]["title"] == "Tetris", proc.log_tail()
    assert game_message["reply_markup"] == {"inline_keyboard": [[{"text": "Play Tetris", "callback_game": {}}]]}

    # Pressing Play asks the bot, which answers with the game's URL.
    status, body = srv.raw_call("user", alice["token"], "sendCallbackQuery", chat_id=group_id,
                                message_id=game_message["message_id"], timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert body["result"]["url"] == f"https://example.com/tetris?user={alice['user']['id']}"

    assert command(srv, bob["token"], group_id, "/score@arcade_game_bot 70") == "1. Bob 70"
    assert command(srv, alice["token"], group_id, "/score@arcade_game_bot 50") == "1. Bob 70\n2. Alice 50"
    assert command(srv, carol["token"], group_id, "/score@arcade_game_bot 90") == "1. Carol 90\n2. Bob 70\n3. Alice 50"
    assert command(srv, alice["token"], group_id, "/score@arcade_game_bot 40") == "not modified"
    assert command(srv, alice["token"], group_id, "/score@arcade_game_bot 95") == "1. Alice 95\n2. Carol 90\n3. Bob 70"

    assert proc.stop() == 0
    texts = [e["text"] for e in proc.events()]
    assert texts[:2] == ["/start@arcade_game_bot", "tetris"]
