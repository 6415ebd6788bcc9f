import { prefs } from './prefs.js';

/** Wires the theme toggle button; the saved theme was already applied by boot.js. */
export function initTheme(button) {
  const apply = (theme) => {
    const root = document.documentElement;
    root.classList.remove('dark', 'light');
    root.classList.add(theme);
    root.dataset.theme = theme;
    const next = theme === 'dark' ? 'light' : 'dark';
    button.setAttribute('aria-label', `Switch to ${next} theme`);
    button.title = `Switch to ${next} theme`;
    // Canvas drawings read CSS colours, so they must redraw after a switch.
    document.dispatchEvent(new CustomEvent('themechange', { detail: theme }));
  };
  apply(prefs.theme());
  button.addEventListener('click', () => {
    const theme = document.documentElement.dataset.theme === 'light' ? 'dark' : 'light';
    prefs.setTheme(theme);
    apply(theme);
  });
}
