// Code samples that reproduce the console's current request in six client stacks.

export const SNIPPET_TABS = [
  { id: 'curl', label: 'curl', syntax: 'shell' },
  { id: 'python-openai', label: 'Python · OpenAI', syntax: 'python' },
  { id: 'python-httpx', label: 'Python · httpx', syntax: 'python' },
  { id: 'pipecat', label: 'Pipecat', syntax: 'python' },
  { id: 'livekit', label: 'LiveKit', syntax: 'python' },
  { id: 'javascript', label: 'JavaScript', syntax: 'js' },
];

// JSON string literals are valid Python and JavaScript string literals too.
const lit = (s) => JSON.stringify(s);
const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const num = (n) => String(Number(n));

/** Source text of one snippet for the request `p` against the server at `origin`. */
export function makeSnippet(id, p, origin) {
  const text = p.input.trim() ? p.input : 'Hello from Supertonic.';
  const ext = p.response_format;
  // Raw pcm comes at the server's --pcm-sample-rate (24 kHz, OpenAI's, unless changed), which is what
  // Pipecat and LiveKit decode it as.
  const pcmRate = p.pcmSampleRate || 24000;
  // Pipecat and LiveKit accept only OpenAI voice names; a native voice or blend needs an alias.
  const isAlias = p.aliasOf instanceof Map && p.aliasOf.has(p.voice);
  const agentVoice = isAlias ? p.voice : 'alloy';
  const voiceNote = isAlias
    ? ''
    : `  # ${p.voice} is not an OpenAI name: start the server with --voice-alias alloy=${p.voice}\n`;
  switch (id) {
    case 'curl': {
      const body = JSON.stringify({
        model: 'supertonic-3',
        input: text,
        voice: p.voice,
        lang: p.lang,
        response_format: p.response_format,
        speed: Number(p.speed),
        total_steps: Number(p.total_steps),
      });
      return [
        `curl -sS ${origin}/v1/audio/speech \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d ${shellQuote(body)} \\`,
        `  -o speech.${ext}`,
      ].join('\n');
    }
    case 'python-openai':
      return `from openai import OpenAI

client = OpenAI(base_url=${lit(origin + '/v1')}, api_key="unused")

with client.audio.speech.with_streaming_response.create(
    model="supertonic-3",
    voice=${lit(p.voice)},
    input=${lit(text)},
    response_format=${lit(ext)},
    speed=${num(p.speed)},
    # Supertonic extensions travel in the request body
    extra_body={"lang": ${lit(p.lang)}, "total_steps": ${num(p.total_steps)}},
) as response:
    response.stream_to_file("speech.${ext}")`;
    case 'python-httpx':
      return `import httpx

request = {
    "model": "supertonic-3",
    "input": ${lit(text)},
    "voice": ${lit(p.voice)},
    "lang": ${lit(p.lang)},
    "response_format": ${lit(ext)},
    "speed": ${num(p.speed)},
    "total_steps": ${num(p.total_steps)},
}

# Audio arrives sentence by sentence; write it as it comes
with httpx.stream("POST", ${lit(origin + '/v1/audio/speech')}, json=request, timeout=None) as r:
    r.raise_for_status()
    with open("speech.${ext}", "wb") as out:
        for chunk in r.iter_bytes():
            out.write(chunk)`;
    case 'pipecat':
      return `from pipecat.services.openai.tts import OpenAITTSService, OpenAITTSSettings

tts = OpenAITTSService(
    api_key="unused",
    base_url=${lit(origin + '/v1')},
${voiceNote}    settings=OpenAITTSSettings(model="supertonic-3", voice=${lit(agentVoice)}),
    sample_rate=${pcmRate},  # the server streams pcm at ${pcmRate} Hz mono
)
# Use tts as the TTS stage of any Pipecat pipeline`;
    case 'livekit':
      return `from livekit.plugins import openai

tts = openai.TTS(
    base_url=${lit(origin + '/v1')},
    api_key="unused",
    model="supertonic-3",
${voiceNote}    voice=${lit(agentVoice)},
    speed=${num(p.speed)},
)
# Pass tts to your AgentSession; it reads pcm at ${pcmRate} Hz mono, as the server sends it`;
    case 'javascript':
      return `const response = await fetch(${lit(origin + '/v1/audio/speech')}, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({
    model: "supertonic-3",
    input: ${lit(text)},
    voice: ${lit(p.voice)},
    lang: ${lit(p.lang)},
    response_format: ${lit(ext)},
    speed: ${num(p.speed)},
    total_steps: ${num(p.total_steps)},
  }),
});
if (!response.ok) throw new Error((await response.json()).error.message);
const audio = new Audio(URL.createObjectURL(await response.blob()));
await audio.play();`;
    default:
      throw new Error(`unknown snippet "${id}"; expected one of ${SNIPPET_TABS.map((t) => t.id).join(', ')}`);
  }
}

const KEYWORDS = {
  shell: ['curl'],
  python: ['from', 'import', 'with', 'as', 'for', 'in', 'None', 'True', 'False', 'await', 'async'],
  js: ['const', 'let', 'await', 'async', 'new', 'if', 'throw', 'return', 'true', 'false', 'null'],
};

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Minimal syntax colouring. One global regex scans left to right, so a quote or comment marker that
 * sits inside a string is consumed by the string and never starts a token of its own.
 */
export function highlight(code, syntax) {
  const comment = syntax === 'js' ? String.raw`\/\/[^\n]*` : String.raw`#[^\n]*`;
  const words = (KEYWORDS[syntax] ?? []).join('|');
  const pattern = new RegExp(
    String.raw`("(?:[^"\\\n]|\\.)*"|'(?:[^'\\]|\\.)*')|(${comment})|(?<![\w.:/-])(\d+(?:\.\d+)?)(?![\w.:/])|\b(${words})\b`,
    'g',
  );
  let html = '';
  let last = 0;
  for (const m of code.matchAll(pattern)) {
    html += escapeHtml(code.slice(last, m.index));
    const cls = m[1] ? 'tok-str' : m[2] ? 'tok-cmt' : m[3] ? 'tok-num' : 'tok-kw';
    html += `<span class="${cls}">${escapeHtml(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  return html + escapeHtml(code.slice(last));
}
