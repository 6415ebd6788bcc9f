// Synthesizes speech through supertonic-server's TCP event-bus bridge and writes a WAV file.
// No dependencies: Node 18+ only (node:net, node:crypto, node:fs).
//
//   java -jar target/supertonic-server.jar --model-dir /tmp/tiny --bus-bridge-port 7000
//   node examples/bus_bridge_client.mjs 127.0.0.1:7000 "Hello from Node." hello.wav F2
//
// The bridge speaks frames of a 4-byte big-endian length followed by a UTF-8 JSON object. The
// synthesis conversation on top of it is docs/event-bus.md; the bridge's setup is docs/cluster.md.
import net from "node:net";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";

const [target = "127.0.0.1:7000", text = "Hello from Node, over the event bus.", out = "bridge.wav", voice = "F2"] =
  process.argv.slice(2);
const [host, port] = target.split(":");

const STREAM_SILENCE_MS = 3000; // the worker sends a chunk or a keepalive at least every second
const stream = `supertonic.stream.${randomUUID()}`;
const replyAddress = `reply.${randomUUID()}`;
const socket = net.connect({ host, port: Number(port) });
const chunks = [];
let control = null;
let sampleRate = 44100;
let keepalive = null;
let silence = null;

function send(frame) {
  const json = Buffer.from(JSON.stringify(frame), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  socket.write(Buffer.concat([length, json]));
}

function toControl(body) {
  send({ type: "send", address: control, body: { v: "1.0", ...body } });
}

function finish(code, message) {
  clearInterval(keepalive);
  clearTimeout(silence);
  if (message) console.error(message);
  socket.end();
  process.exitCode = code;
}

function heardFromWorker() {
  clearTimeout(silence);
  silence = setTimeout(
    () => finish(1, `worker_lost: nothing on the stream for ${STREAM_SILENCE_MS} ms`),
    STREAM_SILENCE_MS);
}

function wav(pcm, rate) {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36);
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

function onFrame(frame) {
  if (frame.type === "err") {
    // A refused request (failureCode is an HTTP-like status) or a bridge refusal (access_denied).
    return finish(1, `refused: ${frame.failureCode ?? ""} ${frame.message}`);
  }
  if (frame.type !== "message") return;
  if (frame.address === replyAddress) {
    control = frame.body.control;
    sampleRate = frame.body.sample_rate;
    console.log(`accepted: job ${frame.body.job}, voice ${frame.body.voice}, seed ${frame.body.seed}`);
    // Tell the worker we are alive every second, or it cancels the job after 3 s.
    keepalive = setInterval(() => toControl({ type: "keepalive" }), 1000);
    return;
  }
  if (frame.address !== stream) return;
  heardFromWorker();
  const message = frame.body;
  switch (message.type) {
    case "chunk":
      chunks.push(Buffer.from(message.audio, "base64"));
      toControl({ type: "credit", n: 1 }); // consumed: the worker may make one more
      break;
    case "end": {
      const pcm = Buffer.concat(chunks);
      writeFileSync(out, wav(pcm, sampleRate));
      console.log(`wrote ${out}: ${(pcm.length / 2 / sampleRate).toFixed(2)} s of audio, ` +
        `${message.stats.chunks} chunks, rtf ${message.stats.rtf}`);
      return finish(0);
    }
    case "error":
    case "stalled":
    case "cancelled":
      return finish(1, `stream ended: ${JSON.stringify(message)}`);
    default:
      break; // queued, keepalive, and types a newer server may add
  }
}

let pending = Buffer.alloc(0);
socket.on("data", (data) => {
  pending = Buffer.concat([pending, data]);
  while (pending.length >= 4) {
    const length = pending.readUInt32BE(0);
    if (pending.length < 4 + length) break;
    onFrame(JSON.parse(pending.subarray(4, 4 + length).toString("utf8")));
    pending = pending.subarray(4 + length);
  }
});
socket.on("error", (err) => finish(1, `bridge connection failed: ${err.message}`));
socket.on("close", () => {
  if (process.exitCode === undefined) finish(1, "the bridge closed the connection");
});
socket.on("connect", () => {
  send({ type: "register", address: stream });
  send({
    type: "send",
    address: "supertonic.synth",
    replyAddress,
    headers: { timeout: 5000 },
    body: {
      v: "1.0", id: `node-${process.pid}`, text, voice, stream, credits: 2,
      chunk_encoding: "base64", // JSON chunks with base64 audio
    },
  });
  heardFromWorker();
});
