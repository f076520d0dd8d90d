// What every view needs once signed in, set by app.js: the user surface's Api, the admin
// surface's (when signed in with the admin token), the Store and Files.
export const context = {
  /** @type {import('./api.js').Api} */ api: null,
  /** @type {import('./api.js').Api | null} */ adminApi: null,
  /** @type {import('./store.js').Store} */ store: null,
  /** @type {import('./files.js').Files} */ files: null,
  token: null,
};
