// WAV helpers: the browser's <audio> cannot play raw PCM, and streamed WAV headers carry placeholder sizes.

const HEADER_BYTES = 44;

/** A canonical 44-byte RIFF/WAVE header for 16-bit little-endian PCM. */
export function wavHeader(dataBytes, sampleRate, channels = 1) {
  const buf = new ArrayBuffer(HEADER_BYTES);
  const v = new DataView(buf);
  const ascii = (at, s) => [...s].forEach((ch, i) => v.setUint8(at + i, ch.charCodeAt(0)));
  const blockAlign = channels * 2;
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  return new Uint8Array(buf);
}

/** Raw s16le mono PCM wrapped as a playable WAV file. */
export function pcmToWav(pcm, sampleRate) {
  const even = pcm.byteLength - (pcm.byteLength % 2);
  const out = new Uint8Array(HEADER_BYTES + even);
  out.set(wavHeader(even, sampleRate), 0);
  out.set(pcm.subarray(0, even), HEADER_BYTES);
  return out;
}

/**
 * Rewrites the RIFF and data chunk sizes of a WAV to match the bytes actually received.
 * Walks the chunk list rather than assuming a 44-byte header, so extra chunks are kept.
 * Returns the input unchanged when it does not look like a RIFF/WAVE file.
 */
export function repairWav(bytes) {
  if (bytes.byteLength < 12) return bytes;
  const out = new Uint8Array(bytes);
  const v = new DataView(out.buffer);
  const tag = (at) => String.fromCharCode(out[at], out[at + 1], out[at + 2], out[at + 3]);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return bytes;
  v.setUint32(4, out.byteLength - 8, true);
  let at = 12;
  while (at + 8 <= out.byteLength) {
    const size = v.getUint32(at + 4, true);
    if (tag(at) === 'data') {
      v.setUint32(at + 4, out.byteLength - at - 8, true);
      break;
    }
    at += 8 + size + (size % 2);
  }
  return out;
}

/** Peak amplitude (0..1) per bucket of s16le samples, for drawing without a decoder. */
export function pcmPeaks(pcm, buckets) {
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 2));
  return peaksOf(samples.length, (i) => Math.abs(samples[i]) / 32768, buckets);
}

/** Peak amplitude per bucket of float samples (a decoded AudioBuffer channel). */
export function floatPeaks(channel, buckets) {
  return peaksOf(channel.length, (i) => Math.abs(channel[i]), buckets);
}

function peaksOf(length, at, buckets) {
  if (length === 0) return [];
  const n = Math.min(buckets, length);
  const peaks = new Array(n).fill(0);
  for (let b = 0; b < n; b++) {
    const start = Math.floor((b * length) / n);
    const end = Math.floor(((b + 1) * length) / n);
    let max = 0;
    for (let i = start; i < end; i++) {
      const a = at(i);
      if (a > max) max = a;
    }
    peaks[b] = Math.min(1, max);
  }
  return peaks;
}

/**
 * Decodes compressed or WAV audio with WebAudio for the waveform and the true duration.
 * An OfflineAudioContext needs no user gesture, so decoding never trips autoplay rules.
 */
export async function decodePeaks(bytes, buckets, sampleRate = 44100) {
  const Offline = window.OfflineAudioContext || window.webkitOfflineAudioContext;
  if (!Offline) return { peaks: [], duration: 0 };
  const ctx = new Offline(1, 1, sampleRate);
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const audio = await ctx.decodeAudioData(copy);
  return { peaks: floatPeaks(audio.getChannelData(0), buckets), duration: audio.duration };
}
