"""Polls, forwards and copies with a python-telegram-bot bot, against the real server.

The bot (interop/bots/ptb_poll_bot.py) answers /poll with a non-anonymous poll. Two users
answer through the user surface's sendPollAnswer (plain HTTP) and the bot's
PollAnswerHandler sees both answers. Then the bot forwards and copies a user's message
back: the user sees `forward_origin` on the forward and not on the copy.
"""

import time

import pytest

from conftest import BotProcess, Server, from_bot, wait_while_running


def wait_for_events(proc: BotProcess, predicate, timeout: float) -> list[dict]:
    """The bot's event log once `predicate` holds for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = proc.events()
        if predicate(events):
            return events
        if not proc.running():
            raise AssertionError(f"the bot exited early\n{proc.log_tail()}")
        time.sleep(0.1)
    raise AssertionError(f"bot events never matched within {timeout}s: {proc.events()}\n{proc.log_tail()}")


def start_bot(srv: Server, bot_runner) -> tuple[int, BotProcess]:
    """The poll bot, running: its id and process."""
    bot = srv.create_bot(first_name="Poll bot")
    proc = bot_runner("ptb_poll_bot.py", bot["token"], srv.base)
    proc.start()
    return bot["user"]["id"], proc


@pytest.mark.timeout(120)
def test_poll_answered_by_two_users(server: Server, bot_runner):
    srv = server
    bot_id, proc = start_bot(srv, bot_runner)
    alice = srv.create_user("Alice")
    bob = srv.create_user("Bob")

    polls = {}
    for user in (alice, bob):
        srv.user_call(user["token"], "sendMessage", chat_id=bot_id, text="/poll")
        message = wait_while_running(srv, user["token"], proc, lambda m: "poll" in m, timeout=45)
        assert message["from"]["id"] == bot_id and message["chat"]["id"] == bot_id
        assert message["poll"]["question"] == "Tea or coffee?"
        assert message["poll"]["is_anonymous"] is False
        assert [o["text"] for o in message["poll"]["options"]] == ["Tea", "Coffee"]
        polls[user["user"]["id"]] = message

    assert srv.user_call(alice["token"], "sendPollAnswer", chat_id=bot_id,
                         message_id=polls[alice["user"]["id"]]["message_id"], option_ids=[0]) is True
    assert srv.user_call(bob["token"], "sendPollAnswer", chat_id=bot_id,
                         message_id=polls[bob["user"]["id"]]["message_id"], option_ids=[1]) is True

    events = wait_for_events(proc, lambda ev: sum(e["text"].startswith("answer:") for e in ev) == 2, timeout=30)
    answers = sorted(e["text"] for e in events if e["text"].startswith("answer:"))
    expected = sorted([
        f"answer:{alice['user']['id']}:[0]:{polls[alice['user']['id']]['poll']['id']}",
        f"answer:{bob['user']['id']}:[1]:{polls[bob['user']['id']]['poll']['id']}",
    ])
    assert answers == expected
    assert proc.stop() == 0


@pytest.mark.timeout(120)
def test_bot_forwards_and_copies_a_users_message(server: Server, bot_runner):
    srv = server
    bot_id, proc = start_bot(srv, bot_runner)
    alice = srv.create_user("Alice")
    alice_id = alice["user"]["id"]

    sent = srv.user_call(alice["token"], "sendMessage", chat_id=bot_id, text="keep this")
    forward = wait_while_running(srv, alice["token"], proc, from_bot(bot_id, "keep this"), timeout=45)
    copy = wait_while_running(srv, alice["token"], proc, from_bot(bot_id, "keep this"), timeout=15)
    assert forward["message_id"] < copy["message_id"]
    assert forward["forward_origin"] == {"type": "user", "date": sent["date"], "sender_user": sent["from"]}
    assert forward["forward_origin"]["sender_user"]["id"] == alice_id
    assert "forward_origin" not in copy
    events = wait_for_events(proc, lambda ev: any(e["text"].startswith("copy:") for e in ev), timeout=15)
    assert f"copy:{copy['message_id']}" in [e["text"] for e in events]
    assert proc.stop() == 0
