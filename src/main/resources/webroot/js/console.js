import { synthesize } from './api.js';
import { fmtBytes, fmtMs, fmtRtf, fmtSeconds } from './format.js';
import { languageLabel } from './langs.js';
import { Player } from './player.js';
import { SnippetPanel } from './snippet-panel.js';
import { groupVoices } from './voices.js';
import { decodePeaks, pcmPeaks, pcmToWav, repairWav } from './wav.js';

const MAX_CHARS = 20000;
const PEAK_BUCKETS = 240;
const DEFAULT_VOICE = 'alloy';
const DEFAULT_LANG = 'en';
const CONTENT_TYPES = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
  wav: 'audio/wav',
  pcm: 'application/octet-stream',
};
// What the browser plays: compressed formats as they are, pcm wrapped in a WAV header.
const PLAYABLE_TYPES = { mp3: 'audio/mpeg', opus: 'audio/ogg', flac: 'audio/flac', aac: 'audio/aac' };

const SAMPLES = [
  { label: 'en greeting', lang: 'en', text: 'Hello, world. Supertonic is now running locally on your machine.' },
  { label: 'en long', lang: 'en', text: 'Streaming starts with the first sentence. The rest follows while you listen, so the first byte arrives long before the whole answer is ready.' },
  { label: 'korean', lang: 'ko', text: '안녕하세요. 오늘 하루도 좋은 하루 보내세요.' },
  { label: 'japanese', lang: 'ja', text: 'こんにちは。今日はいい天気ですね。' },
];

const $ = (id) => document.getElementById(id);

/** The console view: request form, streaming synthesis with live stats, player and snippets. */
export class ConsoleView {
  constructor() {
    this.text = $('text');
    this.voice = $('voice');
    this.lang = $('lang');
    this.speed = $('speed');
    this.steps = $('steps');
    this.button = $('synthesize');
    this.error = $('synth-error');
    this.sampleRate = 44100;
    this.pcmSampleRate = 24000;
    this.aliasTargets = new Map();
    this.abort = null;
    this.player = new Player();
    this.snippets = new SnippetPanel(() => this.params());

    this.addSamples();
    this.text.addEventListener('input', () => this.onFormChange());
    for (const el of [this.voice, this.lang, this.speed, this.steps]) {
      el.addEventListener('input', () => this.onFormChange());
    }
    document.querySelectorAll('input[name="format"]').forEach((r) =>
      r.addEventListener('change', () => this.onFormChange()));
    this.button.addEventListener('click', () => (this.abort ? this.cancel() : this.run()));
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !$('view-console').hidden) {
        e.preventDefault();
        if (!this.abort) this.run();
      }
    });
    this.onFormChange();
  }

  /** Fills the pickers from /healthz and /v1/voices (either may be null when it failed). */
  setServerInfo(health, voicesJson) {
    if (health?.sample_rate > 0) this.sampleRate = health.sample_rate;
    if (health?.pcm_sample_rate > 0) this.pcmSampleRate = health.pcm_sample_rate;
    this.fillVoices(groupVoices(voicesJson, health?.voices));
    this.fillLanguages(Array.isArray(health?.languages) ? health.languages : []);
    this.onFormChange();
  }

  fillVoices({ aliases, natives }) {
    this.voice.replaceChildren();
    this.aliasTargets = new Map(aliases.map((a) => [a.id, a.target]));
    if (aliases.length) {
      const group = document.createElement('optgroup');
      group.label = 'OpenAI aliases';
      for (const a of aliases) group.append(new Option(`${a.id} → ${a.target}`, a.id));
      this.voice.append(group);
    }
    if (natives.length) {
      const group = document.createElement('optgroup');
      group.label = 'Supertonic voices';
      for (const id of natives) group.append(new Option(id, id));
      this.voice.append(group);
    }
    const ids = [...aliases.map((a) => a.id), ...natives];
    this.voice.value = ids.includes(DEFAULT_VOICE) ? DEFAULT_VOICE : ids[0] ?? '';
    this.voice.disabled = ids.length === 0;
  }

  fillLanguages(codes) {
    // "auto" lets the server pick from the text's script (the server's lang=auto extension).
    const choices = codes.length ? [...codes, 'auto'] : [];
    this.lang.replaceChildren(...choices.map((c) => new Option(languageLabel(c), c)));
    this.lang.value = codes.includes(DEFAULT_LANG) ? DEFAULT_LANG : codes[0] ?? '';
    this.lang.disabled = codes.length === 0;
  }

  addSamples() {
    const row = $('samples');
    for (const s of SAMPLES) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip';
      b.textContent = s.label;
      b.addEventListener('click', () => {
        this.text.value = s.text;
        if ([...this.lang.options].some((o) => o.value === s.lang)) this.lang.value = s.lang;
        this.onFormChange();
      });
      row.append(b);
    }
  }

  format() {
    return document.querySelector('input[name="format"]:checked')?.value ?? 'mp3';
  }

  /** The request body as the API expects it (plus the sample rate, which snippets mention). */
  params() {
    return {
      input: this.text.value,
      voice: this.voice.value || DEFAULT_VOICE,
      lang: this.lang.value || DEFAULT_LANG,
      speed: Number(this.speed.value),
      total_steps: Number(this.steps.value),
      response_format: this.format(),
      sampleRate: this.sampleRate,
      pcmSampleRate: this.pcmSampleRate,
      aliasOf: this.aliasTargets,
    };
  }

  onFormChange() {
    const n = this.text.value.length;
    const counter = $('char-count');
    counter.textContent = `${n.toLocaleString('en-US')} / ${MAX_CHARS.toLocaleString('en-US')}`;
    counter.classList.toggle('over', n > MAX_CHARS);
    const speed = Number(this.speed.value);
    $('speed-value').textContent = `${speed.toFixed(2)}×`;
    this.speed.setAttribute('aria-valuetext', `${speed.toFixed(2)} times`);
    $('steps-value').textContent = this.steps.value;
    for (const el of [this.speed, this.steps]) {
      const pct = ((Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min))) * 100;
      el.style.setProperty('--pct', `${pct}%`);
    }
    const target = this.aliasTargets.get(this.voice.value);
    $('voice-resolved').textContent = this.voice.value ? `→ ${target ?? this.voice.value}` : '';
    $('lang-code').textContent = this.lang.value.toUpperCase();
    if (!this.abort) this.button.disabled = !this.text.value.trim() || n > MAX_CHARS;
    this.snippets.render();
  }

  cancel() {
    this.abort?.abort();
  }

  async run() {
    const params = this.params();
    if (!params.input.trim()) return;
    const { sampleRate, pcmSampleRate, aliasOf, ...body } = params;
    this.abort = new AbortController();
    this.setBusy(true);
    this.showError(null);
    const started = performance.now();
    const elapsed = $('live-elapsed');
    const timer = setInterval(() => {
      elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(2)}s`;
    }, 50);
    $('live-ttfb').textContent = '…';
    $('live-bytes').textContent = '0 B';
    this.player.startLoading();
    try {
      const result = await synthesize(body, {
        signal: this.abort.signal,
        onFirstByte: (ms) => ($('live-ttfb').textContent = fmtMs(ms)),
        onProgress: (n) => ($('live-bytes').textContent = fmtBytes(n)),
      });
      await this.show(result, body);
    } catch (e) {
      if (e?.name === 'AbortError') {
        this.showError('Cancelled.');
      } else {
        this.showError(describe(e));
      }
    } finally {
      clearInterval(timer);
      elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(2)}s`;
      this.player.stopLoading();
      this.abort = null;
      this.setBusy(false);
    }
  }

  async show(result, body) {
    const format = body.response_format;
    const rate = result.sampleRate ?? this.sampleRate;
    if (result.bytes.byteLength === 0) throw new Error('The server sent no audio.');
    const playable = format === 'pcm' ? pcmToWav(result.bytes, rate) : format === 'wav' ? repairWav(result.bytes) : result.bytes;
    const voiceTag = (result.voice || body.voice).replace(/[^\w-]/g, '');
    this.player.load({
      playable,
      playableType: PLAYABLE_TYPES[format] ?? 'audio/wav',
      raw: result.bytes,
      rawType: CONTENT_TYPES[format],
      filename: `supertonic-${voiceTag}-${Date.now()}.${format}`,
    });

    let audioS = 0;
    if (format === 'pcm') {
      audioS = result.bytes.byteLength / 2 / rate;
      this.player.setPeaks(pcmPeaks(result.bytes, PEAK_BUCKETS));
    } else {
      try {
        const decoded = await decodePeaks(playable, PEAK_BUCKETS, rate);
        audioS = decoded.duration;
        this.player.setPeaks(decoded.peaks);
      } catch (e) {
        // Playback may still work even when WebAudio cannot decode; keep the player, note why.
        console.warn('waveform decode failed', e);
      }
    }
    this.showStats(result, audioS);
    this.player.play();
  }

  showStats(result, audioS) {
    $('perf-empty').hidden = true;
    $('perf-stats').hidden = false;
    $('stat-ttfb').textContent = fmtMs(result.ttfbMs);
    $('stat-total').textContent = fmtSeconds(result.totalMs / 1000);
    $('stat-audio').textContent = fmtSeconds(audioS);
    $('stat-rtf').textContent = audioS > 0 ? fmtRtf(result.totalMs / 1000 / audioS, 3) : '—';
    $('stat-bytes').textContent = fmtBytes(result.bytes.byteLength);
    $('stat-voice').textContent = [result.voice, result.language].filter(Boolean).join(' · ') || '—';
  }

  setBusy(busy) {
    this.button.classList.toggle('busy', busy);
    this.button.setAttribute('aria-busy', String(busy));
    $('synthesize-label').textContent = busy ? 'Cancel' : 'Synthesize';
    $('live').classList.toggle('active', busy);
    if (busy) this.button.disabled = false;
    else this.onFormChange();
  }

  showError(message) {
    this.error.hidden = !message;
    this.error.textContent = message ?? '';
  }
}

function describe(e) {
  if (e?.name === 'ApiError') {
    const where = e.param ? ` (field: ${e.param})` : '';
    return `${e.message}${where} — HTTP ${e.status}${e.type ? `, ${e.type}` : ''}`;
  }
  if (e instanceof TypeError) return `Could not reach the server: ${e.message}`;
  return e?.message ?? String(e);
}
