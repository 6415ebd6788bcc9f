package io.supertonic.engine.text.ssml;

/** One piece of an SSML document, in speaking order. */
public sealed interface SsmlSegment {

  /**
   * Text spoken with one voice, language and rate.
   *
   * @param voice the {@code <voice name>} in effect, or null for the request's voice
   * @param lang the {@code xml:lang} in effect (primary subtag, lower case), or null for the
   *     request's language
   * @param rate the product of the {@code <prosody rate>} factors in effect (1 = unchanged)
   */
  record Speech(String text, String voice, String lang, double rate) implements SsmlSegment {}

  /**
   * Silence between speech.
   *
   * @param explicit true for a {@code <break>}; false for the pause a {@code <p>} or {@code <s>}
   *     boundary implies (dropped at the very start and end of the document)
   */
  record Pause(double seconds, boolean explicit) implements SsmlSegment {}
}
