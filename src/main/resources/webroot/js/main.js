import { getHealth, getMetricsSummary, getVoices } from './api.js';
import { ConsoleView } from './console.js';
import { ObservatoryView } from './observatory.js';
import { prefs, VIEWS } from './prefs.js';
import { initTheme } from './theme.js';
import { initVoiceUpload } from './voice-upload.js';

const BADGE_POLL_MS = 5000;
const $ = (id) => document.getElementById(id);

function showActive(n) {
  const badge = $('nav-active');
  badge.hidden = !(n > 0);
  badge.textContent = n > 0 ? String(n) : '';
  badge.title = `${n} synthesis${n === 1 ? '' : 'es'} in flight`;
}

function initViews(observatory) {
  const show = (view) => {
    for (const v of VIEWS) {
      const on = v === view;
      $(`view-${v}`).hidden = !on;
      const tab = $(`nav-${v}`);
      tab.classList.toggle('active', on);
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    document.body.dataset.view = view;
    observatory.setVisible(view === 'observatory');
  };
  for (const v of VIEWS) {
    $(`nav-${v}`).addEventListener('click', () => {
      prefs.setView(v);
      show(v);
    });
  }
  show(prefs.view());
}

async function loadServerInfo(consoleView) {
  const [health, voices] = await Promise.allSettled([getHealth(), getVoices()]);
  const h = health.status === 'fulfilled' ? health.value : null;
  const v = voices.status === 'fulfilled' ? voices.value : null;
  consoleView.setServerInfo(h, v);
  const led = $('status-led');
  led.className = `led ${h ? '' : 'red'}`;
  $('status-text').textContent = h ? (h.status === 'ok' ? 'ready' : String(h.status)) : 'offline';
  $('status-model').textContent = h?.model ?? '—';
  $('status-rate').textContent = h?.sample_rate ? `${(h.sample_rate / 1000).toFixed(1)} kHz` : '—';
  if (!h) consoleView.showError(`Server health check failed: ${health.reason?.message ?? 'unknown error'}`);
}

// The observatory updates the badge itself at 1 Hz; this slower poll covers the console view.
function pollBadge() {
  const tick = async () => {
    if (document.hidden || document.body.dataset.view === 'observatory') return;
    try {
      const s = await getMetricsSummary();
      showActive(Number(s?.active ?? 0));
    } catch {
      // The observatory view reports metric errors; the badge just stays as it was.
    }
  };
  setInterval(tick, BADGE_POLL_MS);
}

initTheme($('theme-toggle'));
$('footer-base').textContent = `${window.location.origin}/v1`;
const consoleView = new ConsoleView();
const observatory = new ObservatoryView(showActive);
initViews(observatory);
loadServerInfo(consoleView);
initVoiceUpload(
  () => loadServerInfo(consoleView),
  (id) => {
    consoleView.voice.value = id;
    consoleView.onFormChange();
    consoleView.run();
  },
);
pollBadge();
