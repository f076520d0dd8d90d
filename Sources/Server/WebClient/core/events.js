// The push channel: server-sent events from GET /user<token>/events. The browser reconnects
// by itself and sends Last-Event-ID, which confirms the updates already received, so
// nothing is lost or repeated across reconnects. No polling.

export function connectEvents(path, store, onClosed) {
  const source = new EventSource(path);
  source.addEventListener('message', (event) => {
    try { store.applyUpdate(JSON.parse(event.data)); } catch (error) { console.warn('bad update', error); }
  });
  source.addEventListener('chat_action', (event) => store.applyChatAction(JSON.parse(event.data)));
  source.addEventListener('bot_call', (event) => store.emit('bot_call', JSON.parse(event.data)));
  source.addEventListener('error', () => {
    // CLOSED means the server refused the channel (a revoked token): no more retries.
    if (source.readyState === EventSource.CLOSED) onClosed?.();
  });
  return source;
}
