import { SNIPPET_TABS, highlight, makeSnippet } from './snippets.js';

/** The "use from your code" panel: tabs, live code, copy button. */
export class SnippetPanel {
  constructor(getParams) {
    this.getParams = getParams;
    this.tab = SNIPPET_TABS[0].id;
    this.tabs = document.getElementById('snippet-tabs');
    this.code = document.getElementById('snippet-code');
    this.panel = document.getElementById('snippet-panel');
    this.copyBtn = document.getElementById('snippet-copy');

    for (const t of SNIPPET_TABS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tab';
      b.id = `snippet-tab-${t.id}`;
      b.dataset.testid = `snippet-tab-${t.id}`;
      b.dataset.snippet = t.id;
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-controls', 'snippet-panel');
      b.textContent = t.label;
      b.addEventListener('click', () => this.select(t.id));
      this.tabs.append(b);
    }
    // Arrow keys move between tabs, as the ARIA tab pattern expects.
    this.tabs.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const i = SNIPPET_TABS.findIndex((t) => t.id === this.tab);
      const next = SNIPPET_TABS[(i + (e.key === 'ArrowRight' ? 1 : SNIPPET_TABS.length - 1)) % SNIPPET_TABS.length];
      this.select(next.id);
      document.getElementById(`snippet-tab-${next.id}`).focus();
    });
    this.copyBtn.addEventListener('click', () => this.copy());
    this.select(this.tab);
  }

  select(id) {
    this.tab = id;
    for (const b of this.tabs.children) {
      const on = b.dataset.snippet === id;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    this.panel.setAttribute('aria-labelledby', `snippet-tab-${id}`);
    this.render();
  }

  render() {
    const meta = SNIPPET_TABS.find((t) => t.id === this.tab);
    this.source = makeSnippet(this.tab, this.getParams(), window.location.origin);
    this.code.innerHTML = highlight(this.source, meta.syntax);
    this.code.dataset.snippet = this.tab;
  }

  async copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(this.source);
      ok = true;
    } catch {
      ok = copyWithSelection(this.source);
    }
    this.copyBtn.textContent = ok ? 'Copied' : 'Copy failed';
    clearTimeout(this.copyTimer);
    this.copyTimer = setTimeout(() => (this.copyBtn.textContent = 'Copy'), 1500);
  }
}

// Fallback for contexts without the async clipboard API (plain http on a LAN address).
function copyWithSelection(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
