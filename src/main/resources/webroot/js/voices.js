// Normalises the voice list into two groups, whatever shape the server uses:
//   {openai_aliases: {alias: id}, supertonic_voices: [id]}  (this server, like the Python one)
//   {data: [{id, supertonic_voice}]}                          (flat list)
//   {voices: [{id, name}]}                                    (Open WebUI style)

/** @returns {{aliases: Array<{id, target}>, natives: string[]}} */
export function groupVoices(voicesJson, healthVoices = []) {
  const aliases = new Map();
  const natives = new Set();
  const body = voicesJson && typeof voicesJson === 'object' ? voicesJson : {};

  for (const v of arrayOf(body.supertonic_voices)) natives.add(String(v));
  for (const v of arrayOf(body.native_voices)) natives.add(String(v));
  const aliasMap = body.openai_aliases ?? body.aliases;
  if (aliasMap && typeof aliasMap === 'object' && !Array.isArray(aliasMap)) {
    for (const [alias, target] of Object.entries(aliasMap)) aliases.set(alias, String(target));
  }
  for (const entry of [...arrayOf(body.data), ...arrayOf(body.voices)]) {
    const id = typeof entry === 'string' ? entry : entry?.id;
    if (!id) continue;
    const target = typeof entry === 'object' ? entry.supertonic_voice ?? entry.voice : null;
    if (target && target !== id) {
      if (!aliases.has(id)) aliases.set(id, String(target));
    } else if (!aliases.has(id)) {
      natives.add(String(id));
    }
  }
  for (const v of arrayOf(healthVoices)) if (!aliases.has(v)) natives.add(String(v));

  return {
    aliases: [...aliases].map(([id, target]) => ({ id, target })),
    natives: [...natives].sort(),
  };
}

function arrayOf(x) {
  return Array.isArray(x) ? x : [];
}
