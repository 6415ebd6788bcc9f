// Number and time formatting shared by both views. Every function accepts missing values.

const isNum = (n) => typeof n === 'number' && Number.isFinite(n);

export function fmtMs(ms, digits = 0) {
  return isNum(ms) && ms >= 0 ? `${ms.toFixed(digits)} ms` : '—';
}

export function fmtSeconds(s, digits = 2) {
  return isNum(s) && s > 0 ? `${s.toFixed(digits)} s` : '—';
}

export function fmtBytes(n) {
  if (!isNum(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function fmtRtf(rtf, digits = 2) {
  return isNum(rtf) && rtf > 0 ? `${rtf.toFixed(digits)}×` : '—';
}

/** mm:ss.t — tenths matter because many utterances are shorter than a second or two. */
export function fmtClock(s) {
  if (!isNum(s) || s < 0) return '00:00.0';
  const tenths = Math.floor(s * 10);
  const m = Math.floor(tenths / 600);
  const ss = (tenths % 600) / 10;
  return `${String(m).padStart(2, '0')}:${ss.toFixed(1).padStart(4, '0')}`;
}

export function fmtDuration(s) {
  if (!isNum(s) || s < 0) return '—';
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${(s / 60).toFixed(1)}m`;
  return `${(s / 3600).toFixed(1)}h`;
}

export function fmtCount(n) {
  return isNum(n) ? n.toLocaleString('en-US') : '—';
}

export function fmtFixed(n, digits) {
  return isNum(n) ? n.toFixed(digits) : '—';
}
