// The client's colours as Telegram's theme parameters (what a Mini App gets in
// tgWebAppThemeParams and `theme_changed`), read from the stylesheet's custom properties, so
// a Mini App looks like the light or dark theme the page shows now.

/** Theme parameter → the custom property of styles/app.css that gives its colour. */
const sources = {
  bg_color: '--bg',
  text_color: '--fg',
  hint_color: '--fg-2',
  link_color: '--accent',
  button_color: '--accent',
  button_text_color: '--accent-fg',
  secondary_bg_color: '--bg-2',
  header_bg_color: '--bg',
  bottom_bar_bg_color: '--bg-2',
  accent_text_color: '--accent',
  section_bg_color: '--bg',
  section_header_text_color: '--accent',
  section_separator_color: '--border',
  subtitle_text_color: '--fg-2',
  destructive_text_color: '--danger',
};

/** The current theme as `{bg_color: "#rrggbb", …}`. */
export function themeParams() {
  const style = getComputedStyle(document.documentElement);
  const params = {};
  for (const [name, property] of Object.entries(sources)) {
    const color = hexColor(style.getPropertyValue(property));
    if (color) params[name] = color;
  }
  return params;
}

/** Calls `listener` when the system switches between light and dark; returns the unsubscriber. */
export function onThemeChange(listener) {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const handler = () => listener(themeParams());
  query.addEventListener('change', handler);
  return () => query.removeEventListener('change', handler);
}

/** "#abc", "#aabbcc" or "rgb(…)" as "#aabbcc"; null for anything else. */
export function hexColor(value) {
  const text = String(value ?? '').trim().toLowerCase();
  let match;
  if ((match = /^#([0-9a-f]{6})$/.exec(text))) return `#${match[1]}`;
  if ((match = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text))) return `#${match[1]}${match[1]}${match[2]}${match[2]}${match[3]}${match[3]}`;
  if ((match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(text))) {
    return `#${match.slice(1, 4).map((part) => Number(part).toString(16).padStart(2, '0')).join('')}`;
  }
  return null;
}
