// The WebSocket protocol as a voice agent uses it: text deltas in, PCM out, auto_flush per sentence,
// then a barge-in (cancel). Usage: node ws_client.mjs [ws-url]   (writes ws.pcm, 16 kHz mono s16le)
import fs from "node:fs";
import WebSocket from "ws";

const url = process.argv[2] ?? "ws://127.0.0.1:8000/v1/audio/speech/stream";
const ws = new WebSocket(url);
const pcm = [];
let utterances = 0;

const send = (message) => ws.send(JSON.stringify(message));

ws.on("message", (data, isBinary) => {
  if (isBinary) {
    pcm.push(data);
    return;
  }
  const message = JSON.parse(data.toString());
  switch (message.type) {
    case "ready":
      send({ type: "config", voice: "alloy", lang: "en", auto_flush: true, binary: true, sample_rate: 16000 });
      // Deltas as an LLM would stream them; each complete sentence is spoken as soon as it exists.
      for (const delta of ["Hello", " there.", " This is", " a streaming", " test. And this", " sentence will be cut off", " by a barge-in."]) {
        send({ type: "text", text: delta });
      }
      break;
    case "audio_start":
      console.log(`audio_start after ${message.ttfb_ms} ms`);
      break;
    case "audio_end":
      console.log(`audio_end: ${JSON.stringify(message.stats)}`);
      if (++utterances === 2) {
        send({ type: "text", text: " A long answer the user interrupts.".repeat(20) });
        send({ type: "flush" });
        setTimeout(() => send({ type: "cancel" }), 50);
      }
      break;
    case "cancelled":
      console.log("cancelled");
      send({ type: "close" });
      break;
    case "error":
      console.log(`error: ${message.message}`);
      break;
    default:
      console.log(message.type);
  }
});

ws.on("close", (code, reason) => {
  fs.writeFileSync("ws.pcm", Buffer.concat(pcm));
  console.log(`closed ${code} ${reason}; wrote ws.pcm (${Buffer.concat(pcm).length} bytes)`);
});
