// Canvas waveform: one bar per peak, the played part in the accent colour, a pulse while waiting.

const cssVar = (name, fallback) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

export class Waveform {
  /** @param onSeek called with a 0..1 fraction when the user clicks the canvas */
  constructor(canvas, onSeek) {
    this.canvas = canvas;
    this.peaks = [];
    this.progress = 0;
    this.busy = false;
    this.frame = 0;
    canvas.addEventListener('click', (e) => {
      if (this.peaks.length === 0) return;
      const rect = canvas.getBoundingClientRect();
      onSeek?.(Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)));
    });
    new ResizeObserver(() => this.draw()).observe(canvas);
    document.addEventListener('themechange', () => this.draw());
  }

  setPeaks(peaks) {
    this.peaks = peaks;
    this.progress = 0;
    this.draw();
  }

  setProgress(fraction) {
    this.progress = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    this.draw();
  }

  /** While busy and without peaks, animates placeholder bars so the stage shows activity. */
  setBusy(busy) {
    this.busy = busy;
    cancelAnimationFrame(this.frame);
    if (busy) {
      const tick = () => {
        this.draw();
        if (this.busy) this.frame = requestAnimationFrame(tick);
      };
      tick();
    } else {
      this.draw();
    }
  }

  draw() {
    const canvas = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (w === 0 || h === 0) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);

    const idle = cssVar('--fg-4', '#4a524f');
    const accent = cssVar('--accent', '#70dc68');
    ctx.fillStyle = cssVar('--border', '#232b29');
    ctx.fillRect(0, Math.floor(h / 2), w, 1);

    if (this.peaks.length === 0) {
      if (this.busy) this.drawPulse(ctx, w, h, idle);
      return;
    }
    const col = w / this.peaks.length;
    const bar = Math.max(1, col * 0.62);
    const playedX = this.progress * w;
    this.peaks.forEach((p, i) => {
      const x = i * col + (col - bar) / 2;
      const bh = Math.max(1.5, p * (h - 12));
      ctx.fillStyle = x + bar <= playedX ? accent : idle;
      ctx.fillRect(x, (h - bh) / 2, bar, bh);
    });
    if (this.progress > 0) {
      ctx.fillStyle = accent;
      ctx.fillRect(Math.min(w - 1, playedX), 0, 1, h);
    }
  }

  drawPulse(ctx, w, h, colour) {
    const t = (performance.now() / 1000) % 1;
    const n = Math.floor(w / 5);
    ctx.fillStyle = colour;
    for (let i = 0; i < n; i++) {
      const m = 0.15 + 0.5 * Math.abs(Math.sin((i / n + t) * Math.PI * 3));
      const bh = m * (h - 12);
      ctx.fillRect(i * 5, (h - bh) / 2, 3, bh);
    }
  }
}
