// Thin client for the server's HTTP API. Paths are relative so the console also works behind a prefix.

/** An HTTP error carrying the server's `{"error": {...}}` fields when it sent them. */
export class ApiError extends Error {
  constructor(status, message, detail = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.type = detail.type ?? null;
    this.param = detail.param ?? null;
    this.code = detail.code ?? null;
  }
}

/** Builds an ApiError from a failed response, preferring the OpenAI-style error body. */
export async function errorFrom(response) {
  const fallback = `${response.status} ${response.statusText || 'error'}`.trim();
  let text = '';
  try {
    text = await response.text();
  } catch {
    return new ApiError(response.status, fallback);
  }
  try {
    const body = JSON.parse(text);
    const err = body && typeof body.error === 'object' && body.error ? body.error : null;
    if (err && err.message) return new ApiError(response.status, String(err.message), err);
    if (body && typeof body.error === 'string') return new ApiError(response.status, body.error);
    if (body && body.detail) {
      return new ApiError(response.status, typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail));
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return new ApiError(response.status, text.trim() ? `${fallback}: ${text.trim().slice(0, 300)}` : fallback);
}

// When the server requires an API key, the console asks for it on the first 401 and keeps it in
// sessionStorage: it lasts for this browser tab's session and is sent only to this server.
const KEY_STORAGE = 'supertonic.apiKey';
let keyPrompt = null;
let memoryKey = null; // used when sessionStorage is disabled

function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? memoryKey;
  } catch {
    return memoryKey;
  }
}

function rememberKey(key) {
  memoryKey = key;
  try {
    if (key === null) sessionStorage.removeItem(KEY_STORAGE);
    else sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // Storage disabled: the key lives in memory for this page.
  }
}

/** Asks once for a key even when several requests get a 401 together; null when dismissed. */
function askForKey(message) {
  keyPrompt ??= Promise.resolve().then(() => {
    const key = window.prompt(message, '');
    keyPrompt = null;
    const trimmed = key == null ? '' : key.trim();
    if (!trimmed) return null;
    rememberKey(trimmed);
    return trimmed;
  });
  return keyPrompt;
}

/** fetch() with the session's API key; on a 401 asks for a key and retries until dismissed. */
export async function authorizedFetch(path, init = {}) {
  for (let attempt = 0; ; attempt++) {
    const key = storedKey();
    const headers = new Headers(init.headers || {});
    if (key) headers.set('Authorization', `Bearer ${key}`);
    const response = await fetch(path, { ...init, headers });
    if (response.status !== 401 || attempt >= 3) return response;
    const wrong = key !== null;
    if (wrong) rememberKey(null);
    const entered = await askForKey(
      wrong ? 'That API key was refused. Enter a valid key:' : 'This server requires an API key. Enter it:',
    );
    if (entered === null) return response;
  }
}

async function getJson(path, signal) {
  const response = await authorizedFetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

export const getHealth = (signal) => getJson('healthz', signal);
export const getVoices = (signal) => getJson('v1/voices', signal);
export const getMetricsSummary = (signal) => getJson('metrics/summary', signal);
/** Uploads a voice-style JSON file as voice `id` (POST v1/voices?id=...), with the session's key. */
export async function uploadVoice(id, styleText, signal) {
  const response = await authorizedFetch(`v1/voices?id=${encodeURIComponent(id)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: styleText,
    signal,
  });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}
export const getMetricsRecent = (limit, signal) => getJson(`metrics/recent?limit=${limit}`, signal);

/**
 * POSTs a speech request and reads the body as it streams in.
 *
 * @param params {input, voice, lang, speed, total_steps, response_format}
 * @param opts {signal, onFirstByte(ms), onProgress(bytes)}
 * @returns {bytes: Uint8Array, ttfbMs, totalMs, sampleRate, contentType, voice, language}
 */
export async function synthesize(params, opts = {}) {
  const t0 = performance.now();
  const response = await authorizedFetch('v1/audio/speech', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'supertonic-3', ...params }),
    signal: opts.signal,
  });
  if (!response.ok) throw await errorFrom(response);

  const chunks = [];
  let received = 0;
  let ttfbMs = null;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!value || value.byteLength === 0) continue;
      if (ttfbMs === null) {
        ttfbMs = performance.now() - t0;
        opts.onFirstByte?.(ttfbMs);
      }
      chunks.push(value);
      received += value.byteLength;
      opts.onProgress?.(received);
    }
  } else {
    // Very old engines without streaming bodies: still works, just without live progress.
    const all = new Uint8Array(await response.arrayBuffer());
    ttfbMs = performance.now() - t0;
    chunks.push(all);
    received = all.byteLength;
    opts.onFirstByte?.(ttfbMs);
    opts.onProgress?.(received);
  }
  const totalMs = performance.now() - t0;

  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  const rate = parseInt(response.headers.get('X-Sample-Rate') ?? '', 10);
  return {
    bytes,
    ttfbMs,
    totalMs,
    sampleRate: Number.isFinite(rate) && rate > 0 ? rate : null,
    contentType: response.headers.get('Content-Type') || '',
    voice: response.headers.get('X-Voice'),
    language: response.headers.get('X-Language'),
  };
}
