import { fmtClock } from './format.js';
import { Waveform } from './waveform.js';

/** The output stage: <audio> with a custom transport, the waveform and the download link. */
export class Player {
  constructor() {
    this.audio = document.getElementById('player');
    this.playBtn = document.getElementById('play');
    this.seek = document.getElementById('seek');
    this.download = document.getElementById('download');
    this.timeCurrent = document.getElementById('time-current');
    this.timeTotal = document.getElementById('time-total');
    this.outputName = document.getElementById('output-name');
    this.url = null;
    this.waveform = new Waveform(document.getElementById('waveform'), (f) => this.seekTo(f));

    this.playBtn.addEventListener('click', () => {
      if (this.audio.paused) this.play();
      else this.audio.pause();
    });
    this.seek.addEventListener('input', () => {
      this.audio.currentTime = parseFloat(this.seek.value);
    });
    this.audio.addEventListener('loadedmetadata', () => this.onDuration());
    this.audio.addEventListener('durationchange', () => this.onDuration());
    this.audio.addEventListener('timeupdate', () => this.onTime());
    this.audio.addEventListener('play', () => this.setPlaying(true));
    this.audio.addEventListener('pause', () => this.setPlaying(false));
    this.audio.addEventListener('ended', () => this.setPlaying(false));
  }

  /** Clears the previous result and animates the stage while a request runs. */
  startLoading() {
    this.audio.pause();
    this.waveform.setPeaks([]);
    this.waveform.setBusy(true);
  }

  stopLoading() {
    this.waveform.setBusy(false);
  }

  /**
   * Shows a finished result.
   * @param playable bytes the browser can play (PCM already wrapped as WAV)
   * @param raw bytes exactly as the server sent them, offered for download
   */
  load({ playable, playableType, raw, rawType, filename }) {
    if (this.url) URL.revokeObjectURL(this.url);
    if (this.rawUrl) URL.revokeObjectURL(this.rawUrl);
    this.url = URL.createObjectURL(new Blob([playable], { type: playableType }));
    this.rawUrl = raw === playable ? this.url : URL.createObjectURL(new Blob([raw], { type: rawType }));
    this.audio.src = this.url;
    this.audio.load();
    this.download.href = this.rawUrl;
    this.download.download = filename;
    this.download.classList.remove('disabled');
    this.download.removeAttribute('aria-disabled');
    this.outputName.textContent = filename;
    this.playBtn.disabled = false;
    this.seek.disabled = false;
  }

  setPeaks(peaks) {
    this.waveform.setPeaks(peaks);
  }

  /** Starts playback; browsers may refuse without a recent user gesture, which is harmless here. */
  play() {
    this.audio.play().catch(() => {});
  }

  seekTo(fraction) {
    const d = this.audio.duration;
    if (Number.isFinite(d) && d > 0) this.audio.currentTime = fraction * d;
  }

  onDuration() {
    const d = this.audio.duration;
    const finite = Number.isFinite(d) && d > 0;
    this.seek.max = finite ? String(d) : '1';
    this.timeTotal.textContent = fmtClock(finite ? d : 0);
  }

  onTime() {
    const t = this.audio.currentTime;
    const d = this.audio.duration;
    this.seek.value = String(t);
    this.timeCurrent.textContent = fmtClock(t);
    this.waveform.setProgress(Number.isFinite(d) && d > 0 ? t / d : 0);
  }

  setPlaying(playing) {
    this.playBtn.classList.toggle('playing', playing);
    this.playBtn.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  }
}
