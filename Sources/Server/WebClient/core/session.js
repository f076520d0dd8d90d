// The signed-in session: tokens live in sessionStorage only (one tab's life), arriving from
// the page's fragment (`/#token=<user token>`, `/#admin=<admin token>`), which browsers never
// send to the server.

const USER = 'botapi.userToken';
const ADMIN = 'botapi.adminToken';

/** Moves tokens from the fragment into sessionStorage and clears the fragment. */
export function adoptFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  let changed = false;
  if (params.has('token')) { sessionStorage.setItem(USER, params.get('token')); changed = true; }
  if (params.has('admin')) { sessionStorage.setItem(ADMIN, params.get('admin')); changed = true; }
  if (changed) history.replaceState(null, '', location.pathname + location.search);
}

export const userToken = () => sessionStorage.getItem(USER);
export const adminToken = () => sessionStorage.getItem(ADMIN);
export const setUserToken = (token) => sessionStorage.setItem(USER, token);
export const setAdminToken = (token) => sessionStorage.setItem(ADMIN, token);

export function signOut() {
  sessionStorage.removeItem(USER);
  sessionStorage.removeItem(ADMIN);
  location.reload();
}
