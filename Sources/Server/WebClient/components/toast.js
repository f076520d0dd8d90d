// Toasts (a callback answer's text, errors) and alert dialogs (show_alert).

export function toast(text, { kind = 'info', timeout = 3500 } = {}) {
  let host = document.querySelector('.toasts');
  if (!host) {
    host = document.createElement('div');
    host.className = 'toasts';
    host.setAttribute('role', 'status');
    host.setAttribute('aria-live', 'polite');
    document.body.append(host);
  }
  const item = document.createElement('div');
  item.className = `toast ${kind}`;
  item.textContent = text;
  host.append(item);
  setTimeout(() => item.remove(), timeout);
}

/** A modal alert with an OK button; resolves when closed. */
export function alertDialog(text) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'alert';
    const message = document.createElement('p');
    message.textContent = text;
    const ok = document.createElement('button');
    ok.textContent = 'OK';
    ok.addEventListener('click', () => dialog.close());
    dialog.append(message, ok);
    dialog.addEventListener('close', () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/** A modal with custom content; `build(dialog)` fills it. Returns the dialog. */
export function modal(title, build) {
  const dialog = document.createElement('dialog');
  dialog.className = 'modal';
  const heading = document.createElement('h2');
  heading.textContent = title;
  const close = document.createElement('button');
  close.className = 'close';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  const header = document.createElement('header');
  header.append(heading, close);
  dialog.append(header);
  build(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Shows an API error as a toast. */
export function showError(error) {
  toast(error?.description ?? String(error), { kind: 'error', timeout: 5000 });
}
