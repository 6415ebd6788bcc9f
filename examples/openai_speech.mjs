// The official OpenAI Node SDK against supertonic-server: only the base URL changes.
// Usage: node openai_speech.mjs [base-url] [out-dir]
// Writes speech.<format> for each of OpenAI's response formats and prints what the server said.
import fs from "node:fs";
import path from "node:path";
import OpenAI from "openai";

const baseURL = process.argv[2] ?? "http://127.0.0.1:8000/v1";
const outDir = process.argv[3] ?? ".";
const formats = (process.env.FORMATS ?? "mp3,opus,aac,flac,wav,pcm").split(",");
const client = new OpenAI({ baseURL, apiKey: "not-needed" });

for (const format of formats) {
  const response = await client.audio.speech.create({
    model: "tts-1",
    voice: "nova",
    input: "Hello from the OpenAI Node SDK. This audio was made locally.",
    response_format: format,
  });
  const audio = Buffer.from(await response.arrayBuffer());
  const file = path.join(outDir, `speech.${format}`);
  fs.writeFileSync(file, audio);
  console.log(`${file}: ${audio.length} bytes, ${response.headers.get("x-sample-rate")} Hz, voice ${response.headers.get("x-voice")}`);
}
