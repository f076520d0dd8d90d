"""Checklists with aiogram against the real server: a business bot sends a checklist to a
customer of the account that connected it (sendChecklist with business_connection_id); the
customer ticks a task (the user method markChecklistTasks) and the bot receives the
checklist_tasks_done service message through its connection, with the updated checklist.
"""

import pytest

from conftest import Server
from test_business import wait_events


@pytest.mark.timeout(120)
def test_aiogram_business_bot_learns_which_tasks_a_customer_ticked(server: Server, bot_runner):
    srv = server
    bot = srv.admin_call("createBot", username="list_keeper_bot", first_name="Lists", can_connect_to_business=True)
    bot_id = bot["user"]["id"]
    owner = srv.create_user("Olga", username="olga_lists")
    customer = srv.create_user("Carl")
    owner_id, customer_id = owner["user"]["id"], customer["user"]["id"]

    proc = bot_runner("aiogram_checklist_bot.py", bot["token"], srv.base)
    proc.start()
    srv.user_call(owner["token"], "connectBusinessBot", bot_id=bot_id, can_reply=True)

    # The customer asks; the bot answers with a checklist from the account.
    srv.user_call(customer["token"], "sendMessage", chat_id=owner_id, text="list")
    checklist = srv.wait_for_user_message(customer["token"], lambda m: "checklist" in m, timeout=45)
    assert checklist["from"]["id"] == owner_id and checklist["chat"]["id"] == owner_id
    assert checklist["checklist"]["title"] == "Groceries"
    assert checklist["checklist"]["title_entities"][0]["type"] == "bold"
    assert [t["text"] for t in checklist["checklist"]["tasks"]] == ["Milk", "Eggs"]
    assert checklist["checklist"]["others_can_mark_tasks_as_done"] is True
    texts = wait_events(proc, lambda t: any(x.startswith("sent:") for x in t))
    assert f"sent:{checklist['message_id']}:1,2:Groceries" in texts

    # The customer ticks "Eggs"; the bot learns it as checklist_tasks_done.
    assert srv.user_call(customer["token"], "markChecklistTasks", chat_id=owner_id,
                         message_id=checklist["message_id"], marked_as_done_task_ids=[2]) is True
    texts = wait_events(proc, lambda t: any(x.startswith("done:") for x in t))
    assert texts[-1] == f"done:2:{checklist['message_id']}:2:{customer_id}", proc.log_tail()

    # The account sees the service message too, in its chat with the customer.
    service = srv.wait_for_user_message(owner["token"], lambda m: "checklist_tasks_done" in m)
    assert service["from"]["id"] == customer_id and service["chat"]["id"] == customer_id
    assert service["checklist_tasks_done"]["marked_as_done_task_ids"] == [2]
    assert proc.stop() == 0
