// The official OpenAI Node SDK against supertonic-server: only the base URL changes.
// Usage: node openai_speech.mjs [base-url]   (writes speech.mp3, speech.wav, speech.pcm)
import fs from "node:fs";
import OpenAI from "openai";

const baseURL = process.argv[2] ?? "http://127.0.0.1:8000/v1";
const client = new OpenAI({ baseURL, apiKey: "not-needed" });

for (const format of ["mp3", "wav", "pcm"]) {
  const response = await client.audio.speech.create({
    model: "tts-1",
    voice: "nova",
    input: "Hello from the OpenAI Node SDK. This audio was made locally.",
    response_format: format,
  });
  const audio = Buffer.from(await response.arrayBuffer());
  fs.writeFileSync(`speech.${format}`, audio);
  console.log(`speech.${format}: ${audio.length} bytes, ${response.headers.get("x-sample-rate")} Hz, voice ${response.headers.get("x-voice")}`);
}
