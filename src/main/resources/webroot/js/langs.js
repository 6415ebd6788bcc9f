// Display names for the language codes Supertonic understands; unknown codes show as the bare code.
const NAMES = {
  en: 'English', ko: 'Korean', ja: 'Japanese', ar: 'Arabic', bg: 'Bulgarian', cs: 'Czech',
  da: 'Danish', de: 'German', el: 'Greek', es: 'Spanish', et: 'Estonian', fi: 'Finnish',
  fr: 'French', hi: 'Hindi', hr: 'Croatian', hu: 'Hungarian', id: 'Indonesian', it: 'Italian',
  lt: 'Lithuanian', lv: 'Latvian', nl: 'Dutch', pl: 'Polish', pt: 'Portuguese', ro: 'Romanian',
  ru: 'Russian', sk: 'Slovak', sl: 'Slovenian', sv: 'Swedish', tr: 'Turkish', uk: 'Ukrainian',
  vi: 'Vietnamese', zh: 'Chinese', na: 'Language-neutral', auto: 'Auto-detect from script',
};

/** "English (en)" for a known code, the code itself otherwise. */
export function languageLabel(code) {
  const name = NAMES[code];
  return name ? `${name} (${code})` : code;
}
