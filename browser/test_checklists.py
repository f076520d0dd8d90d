"""Checklists in the web client (read-only): a business bot sends a checklist for Alice to
her customer Bob, Bob ticks a task; Alice's page shows the checklist with the ticked task
and who ticked it, and the service message in words."""

from __future__ import annotations

from playwright.sync_api import expect

from conftest import screenshot


def test_a_checklist_shows_its_tasks_and_who_ticked_them(server, page):
    bot = server.admin_call("createBot", username="lists_bot", first_name="Lists", can_connect_to_business=True)
    alice = server.create_user(first_name="Alice", username="alice")
    bob = server.create_user(first_name="Bob", username="bobby")
    alice_id, bob_id = alice["user"]["id"], bob["user"]["id"]
    connection = server.user_call(alice["token"], "connectBusinessBot", bot_id=bot["user"]["id"], can_reply=True)
    server.user_call(bob["token"], "sendMessage", chat_id=alice_id, text="What do I buy?")
    checklist = {"title": "<b>Groceries</b>", "parse_mode": "HTML", "others_can_mark_tasks_as_done": True,
                 "tasks": [{"id": 1, "text": "Milk"}, {"id": 2, "text": "Eggs"}]}
    sent = server.bot_call(bot["token"], "sendChecklist", business_connection_id=connection["id"], chat_id=bob_id,
                           checklist=checklist)
    assert server.user_call(bob["token"], "markChecklistTasks", chat_id=alice_id, message_id=sent["message_id"],
                            marked_as_done_task_ids=[2]) is True

    page.goto(f"{server.base}/#token={alice['token']}")
    page.locator(".chat-item").first.click()
    shown = page.locator(".message .checklist")
    expect(shown.locator(".checklist-title strong")).to_have_text("Groceries")
    expect(shown.locator(".checklist-task")).to_have_count(2)
    expect(shown.locator(".checklist-task.done")).to_have_count(1)
    expect(shown.locator('.checklist-task[data-task-id="2"]')).to_contain_text("☑Eggs · Bob")
    expect(shown.locator('.checklist-task[data-task-id="1"]')).to_contain_text("☐Milk")
    expect(page.locator(".messages .service").last).to_have_text("Bob marked 1 task as done in “Groceries”")
    screenshot(page, "checklist")
