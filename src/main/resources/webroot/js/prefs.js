// UI preferences that survive a reload: the theme and the active view.

const THEME_KEY = 'supertonic.theme';
const VIEW_KEY = 'supertonic.view';

export const THEMES = ['dark', 'light'];
export const VIEWS = ['console', 'observatory'];

function read(key, allowed, fallback) {
  try {
    const value = localStorage.getItem(key);
    return allowed.includes(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Without storage the choice simply lasts for this page load.
  }
}

export const prefs = {
  theme: () => read(THEME_KEY, THEMES, 'dark'),
  setTheme: (t) => write(THEME_KEY, t),
  view: () => read(VIEW_KEY, VIEWS, 'console'),
  setView: (v) => write(VIEW_KEY, v),
};
