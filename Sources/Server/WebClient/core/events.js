// The push channel: server-sent events from GET /user<token>/events. The browser reconnects
// by itself and sends Last-Event-ID, which confirms the updates already received, so
// nothing is lost or repeated across reconnects. The last id is also kept for the tab's
// session and given as `last_event_id` when the page is loaded again, so a reload does not
// replay what this tab already applied (an old reply keyboard, old reaction counts). No
// polling.

export function connectEvents(path, store, onClosed) {
  const key = `botapi.lastEventId:${path}`;
  const last = sessionStorage.getItem(key);
  const source = new EventSource(last ? `${path}?last_event_id=${encodeURIComponent(last)}` : path);
  source.addEventListener('message', (event) => {
    try { store.applyUpdate(JSON.parse(event.data)); } catch (error) { console.warn('bad update', error); }
    if (event.lastEventId) sessionStorage.setItem(key, event.lastEventId);
  });
  source.addEventListener('chat_action', (event) => store.applyChatAction(JSON.parse(event.data)));
  source.addEventListener('bot_call', (event) => store.emit('bot_call', JSON.parse(event.data)));
  source.addEventListener('error', () => {
    // CLOSED means the server refused the channel (a revoked token): no more retries.
    if (source.readyState === EventSource.CLOSED) onClosed?.();
  });
  return source;
}
