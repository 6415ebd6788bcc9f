import { getMetricsRecent, getMetricsSummary } from './api.js';
import { fmtBytes, fmtCount, fmtDuration, fmtFixed, fmtMs, fmtRtf, fmtSeconds } from './format.js';
import { normalizeRecords, normalizeSummary } from './metrics-shape.js';

const POLL_MS = 1000;
const RECENT_LIMIT = 50;
const $ = (id) => document.getElementById(id);

/** The observatory view: 1 Hz polling of the metrics endpoints while visible and not paused. */
export class ObservatoryView {
  /** @param onActive receives the in-flight count after every successful poll (for the nav badge) */
  constructor(onActive) {
    this.onActive = onActive;
    this.visible = false;
    this.paused = false;
    this.timer = 0;
    this.inFlight = false;
    this.records = [];
    this.rows = new Map();
    this.selected = null;
    this.pauseBtn = $('obs-pause');
    this.pauseBtn.addEventListener('click', () => this.setPaused(!this.paused));
    $('detail-close').addEventListener('click', () => this.select(null));
    document.addEventListener('visibilitychange', () => this.schedule());
  }

  setVisible(visible) {
    this.visible = visible;
    this.schedule();
  }

  setPaused(paused) {
    this.paused = paused;
    this.pauseBtn.textContent = paused ? 'resume' : 'pause';
    this.pauseBtn.setAttribute('aria-pressed', String(paused));
    $('obs-updated').textContent = paused ? 'paused' : 'live';
    this.schedule();
  }

  /** Polls only when someone can see the result; a hidden tab costs the server nothing. */
  schedule() {
    clearInterval(this.timer);
    this.timer = 0;
    if (this.visible && !this.paused && !document.hidden) {
      this.poll();
      this.timer = setInterval(() => this.poll(), POLL_MS);
    }
  }

  async poll() {
    if (this.inFlight) return; // a slow server must not pile up requests
    this.inFlight = true;
    try {
      const [summary, recent] = await Promise.all([getMetricsSummary(), getMetricsRecent(RECENT_LIMIT)]);
      if (this.paused) return;
      const s = normalizeSummary(summary);
      this.renderSummary(s);
      this.renderFeed(normalizeRecords(recent));
      this.onActive?.(s.active);
      $('obs-error').hidden = true;
      $('obs-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      $('obs-error').hidden = false;
      $('obs-error').textContent = `Metrics unavailable: ${e?.message ?? e}`;
    } finally {
      this.inFlight = false;
    }
  }

  renderSummary(s) {
    $('obs-uptime').textContent = fmtDuration(s.uptimeS);
    const active = $('obs-active');
    active.textContent = fmtCount(s.active);
    active.classList.toggle('phos', s.active > 0);
    const queued = $('obs-queued');
    queued.textContent = s.queued > 0 ? `${fmtCount(s.queued)} queued` : '';
    queued.hidden = !(s.queued > 0);
    $('obs-requests').textContent = fmtCount(s.requests);
    $('obs-rps').textContent = fmtFixed(s.rps1m, 2);
    const errors = $('obs-errors');
    errors.textContent = fmtCount(s.errors);
    errors.classList.toggle('red', s.errors > 0);
    $('obs-audio').textContent = fmtDuration(s.audioS);
    $('obs-bytes').textContent = fmtBytes(s.bytes);
    for (const [prefix, p, digits] of [['ttfb', s.ttfb, 0], ['rtf', s.rtf, 3]]) {
      $(`${prefix}-n`).textContent = `n=${p.count}`;
      for (const q of ['p50', 'p95', 'p99']) $(`${prefix}-${q}`).textContent = fmtFixed(p[q], digits);
    }
  }

  /** Keyed update: rows are reused by id so focus and the selection survive each poll. */
  renderFeed(records) {
    this.records = records;
    const list = $('feed');
    const maxTotal = Math.max(1, ...records.map((r) => r.totalMs));
    const seen = new Set();
    records.forEach((r, i) => {
      seen.add(r.id);
      let row = this.rows.get(r.id);
      if (!row) {
        row = createRow(r.id, () => this.select(this.selected === r.id ? null : r.id));
        this.rows.set(r.id, row);
      }
      updateRow(row, r, maxTotal, this.selected === r.id);
      if (list.children[i] !== row.li) list.insertBefore(row.li, list.children[i] ?? null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.li.remove();
        this.rows.delete(id);
      }
    }
    $('feed-empty').hidden = records.length > 0;
    $('feed-count').textContent = `${records.length} shown · newest first`;
    if (this.selected) this.renderDetail(records.find((r) => r.id === this.selected) ?? null);
  }

  select(id) {
    this.selected = id;
    for (const [rid, row] of this.rows) {
      row.li.classList.toggle('selected', rid === id);
      row.button.setAttribute('aria-expanded', String(rid === id));
    }
    this.renderDetail(id ? this.records.find((r) => r.id === id) ?? null : null);
  }

  renderDetail(r) {
    const panel = $('obs-detail');
    panel.hidden = !r;
    if (!r) return;
    $('detail-title').textContent = `request #${shortId(r.id)} · detail`;
    const time = (ms) => (ms != null ? new Date(ms).toLocaleTimeString() : '—');
    const pairs = [
      ['id', r.id],
      ['started', time(r.startedMs)],
      ['ended', time(r.endedMs ?? (r.startedMs != null ? r.startedMs + r.totalMs : null))],
      ['transport', r.transport],
      ['format', r.format],
      ['voice', r.voice],
      ['lang', r.lang],
      ['status', r.status],
      ['text length', r.textLength != null ? `${r.textLength} chars` : '—'],
      ['ttfb', fmtMs(r.ttfbMs, 1)],
      ['total', fmtSeconds(r.totalMs / 1000, 3)],
      ['audio', fmtSeconds(r.audioS, 3)],
      ['rtf', fmtFixed(r.rtf > 0 ? r.rtf : null, 4)],
      ['bytes', r.bytes != null ? `${fmtCount(r.bytes)} B` : '—'],
      ['bitrate', r.audioS > 0 && r.bytes != null ? `${((r.bytes * 8) / 1000 / r.audioS).toFixed(1)} kbps` : '—'],
    ];
    if (r.error) pairs.push(['error', String(r.error)]);
    const grid = $('detail-grid');
    grid.replaceChildren(
      ...pairs.map(([k, v]) => {
        const div = document.createElement('div');
        const dt = document.createElement('dt');
        const dd = document.createElement('dd');
        dt.textContent = k;
        dd.textContent = v;
        dd.dataset.key = k;
        div.append(dt, dd);
        return div;
      }),
    );
    $('detail-snippet').textContent = r.text || '—';
  }
}

// Servers may use sequence numbers or UUIDs; a UUID's first characters are enough to tell rows apart.
function shortId(id) {
  return /^\d+$/.test(id) ? id : id.slice(0, 6);
}

function createRow(id, onClick) {
  const li = document.createElement('li');
  li.className = 'feed-row';
  li.dataset.testid = 'obs-row';
  li.dataset.id = id;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'feed-button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'obs-detail');
  button.addEventListener('click', onClick);
  const cells = {};
  for (const name of ['id', 'transport', 'format', 'voice', 'lang', 'text', 'ttfb', 'total', 'rtf', 'status']) {
    cells[name] = document.createElement('span');
    cells[name].className = `fc fc-${name}`;
    button.append(cells[name]);
  }
  const bar = document.createElement('div');
  bar.className = 'wf';
  bar.setAttribute('aria-hidden', 'true');
  const wait = document.createElement('div');
  wait.className = 'wf-ttfb';
  const stream = document.createElement('div');
  stream.className = 'wf-stream';
  bar.append(wait, stream);
  li.append(button, bar);
  return { li, button, cells, wait, stream };
}

function updateRow(row, r, maxTotal, selected) {
  const c = row.cells;
  c.id.textContent = `#${shortId(r.id)}`;
  c.id.title = r.id;
  c.transport.textContent = r.transport;
  c.format.textContent = r.format;
  c.voice.textContent = r.voice;
  c.lang.textContent = r.lang;
  c.text.textContent = r.text || '—';
  c.text.title = r.text;
  c.ttfb.textContent = fmtMs(r.ttfbMs);
  c.total.textContent = fmtSeconds(r.totalMs / 1000);
  c.rtf.textContent = fmtRtf(r.rtf);
  c.status.textContent = r.status;
  c.status.className = `fc fc-status badge ${r.status === 'ok' ? 'phos' : r.status === 'cancelled' ? 'amber' : 'red'}`;
  row.button.setAttribute('aria-label', `Request ${r.id}, ${r.status}, ${r.voice}, ${fmtMs(r.ttfbMs)} to first byte; show details`);
  row.li.classList.toggle('selected', selected);
  row.button.setAttribute('aria-expanded', String(selected));
  // The bar shows waiting (to first byte) then streaming, both scaled to the slowest visible request.
  const totalPct = Math.max(2, (r.totalMs / maxTotal) * 100);
  const ttfbPct = r.ttfbMs != null ? Math.min(totalPct, (r.ttfbMs / maxTotal) * 100) : totalPct;
  row.wait.style.width = `${ttfbPct}%`;
  row.stream.style.left = `${ttfbPct}%`;
  row.stream.style.width = `${Math.max(0, totalPct - ttfbPct)}%`;
  row.li.title = `ttfb ${fmtMs(r.ttfbMs, 1)} · stream ${fmtMs(r.ttfbMs != null ? r.totalMs - r.ttfbMs : null, 1)}`;
}
