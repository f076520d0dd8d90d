#!/usr/bin/env python3
"""A business bot with aiogram 3.31.0 that keeps shopping lists for the account that
connected it: when a customer writes "list", it sends them a checklist through the
connection (Bot.send_checklist with business_connection_id) that they may tick; when the
customer ticks tasks, it logs what it learned from checklist_tasks_done. Event log texts:
"sent:<message_id>:<task ids>:<title>", "done:<marked ids>:<checklist message id>:<ids of
completed tasks>:<completer ids>".

    python aiogram_checklist_bot.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import InputChecklist, InputChecklistTask, Message, Update

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))

dp = Dispatcher()


@dp.business_message(F.text == "list")
async def send_list(message: Message, bot: Bot, event_update: Update) -> None:
    checklist = InputChecklist(
        title="<b>Groceries</b>",
        parse_mode="HTML",
        tasks=[InputChecklistTask(id=1, text="Milk"), InputChecklistTask(id=2, text="Eggs")],
        others_can_mark_tasks_as_done=True,
    )
    sent = await bot.send_checklist(
        business_connection_id=message.business_connection_id, chat_id=message.chat.id, checklist=checklist)
    ids = ",".join(str(task.id) for task in sent.checklist.tasks)
    log_event(event_update.update_id, f"sent:{sent.message_id}:{ids}:{sent.checklist.title}")


@dp.business_message(F.checklist_tasks_done)
async def tasks_done(message: Message, event_update: Update) -> None:
    done = message.checklist_tasks_done
    checklist_message = done.checklist_message
    completed = [t for t in checklist_message.checklist.tasks if t.completion_date is not None]
    log_event(event_update.update_id, "done:{}:{}:{}:{}".format(
        ",".join(str(i) for i in done.marked_as_done_task_ids or []),
        checklist_message.message_id,
        ",".join(str(t.id) for t in completed),
        ",".join(str(t.completed_by_user.id) for t in completed)))


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    session = AiohttpSession(api=TelegramAPIServer.from_base(base))
    bot = Bot(token, session=session)
    # Only business messages are asked for: the customer's "list" waits in the queue until then.
    await dp.start_polling(bot, polling_timeout=POLL_TIMEOUT, handle_as_tasks=False)
    print("aiogram bot stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
