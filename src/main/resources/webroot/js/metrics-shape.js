// Reads /metrics/summary and /metrics/recent defensively: fields may be missing or renamed
// (snake_case from the Python server, the Java server's own names), and numbers may be null.

const num = (...xs) => {
  for (const x of xs) {
    const n = typeof x === 'string' ? Number(x) : x;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return null;
};

function percentiles(p) {
  const o = p && typeof p === 'object' ? p : {};
  return {
    p50: num(o.p50, o['0.5']),
    p95: num(o.p95, o['0.95']),
    p99: num(o.p99, o['0.99']),
    count: num(o.count, o.n) ?? 0,
  };
}

export function normalizeSummary(s) {
  const o = s && typeof s === 'object' ? s : {};
  const totals = o.totals ?? {};
  const win = o.window ?? {};
  return {
    uptimeS: num(o.uptime_s, o.uptime_seconds),
    active: num(o.active, o.active_synth) ?? 0,
    queued: num(o.queued, o.queued_synth) ?? 0,
    requests: num(totals.requests, o.requests_total, o.requests),
    errors: num(totals.error, totals.errors, o.errors),
    audioS: num(totals.audio_s, o.audio_seconds_total),
    bytes: num(totals.bytes, o.bytes_total),
    rps1m: num(win.rps_1m, o.rps_1m),
    ttfb: percentiles(win.ttfb_ms ?? o.ttfb_ms),
    rtf: percentiles(win.rtf ?? o.rtf),
  };
}

export function normalizeRecords(body) {
  const list = Array.isArray(body) ? body : Array.isArray(body?.data) ? body.data : Array.isArray(body?.records) ? body.records : [];
  const records = list.filter((r) => r && typeof r === 'object').map(normalizeRecord);
  // Newest first even if the server sent another order; records without a time keep their place.
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.startedMs != null && b.r.startedMs != null ? b.r.startedMs - a.r.startedMs : 0) || a.i - b.i)
    .map(({ r }) => r);
}

function normalizeRecord(r, index) {
  const startedS = num(r.started_at);
  const endedS = num(r.ended_at);
  const ts = num(r.ts, r.timestamp_ms);
  const startedMs = startedS != null ? startedS * 1000 : ts;
  const ttfb = num(r.ttfb_ms);
  return {
    id: String(r.id ?? `row-${index}`),
    startedMs,
    endedMs: endedS != null ? endedS * 1000 : null,
    text: String(r.text_snippet ?? r.text ?? ''),
    textLength: num(r.text_length, r.text_len),
    voice: r.voice ?? '—',
    lang: r.lang ?? '—',
    format: r.format ?? '—',
    status: ['ok', 'error', 'cancelled'].includes(r.status) ? r.status : String(r.status ?? 'ok'),
    ttfbMs: ttfb != null && ttfb >= 0 ? ttfb : null,
    totalMs: num(r.total_ms) ?? 0,
    bytes: num(r.bytes),
    audioS: num(r.audio_s),
    rtf: num(r.rtf),
    error: r.error ?? null,
    transport: r.transport ?? 'http',
  };
}
