package io.supertonic.library;

/**
 * Event-bus addresses of the user library (pronunciation lexicons, custom voices), which every node
 * of a cluster keeps in step. Everything on them is JSON.
 */
public final class LibraryAddresses {
  private LibraryAddresses() {}

  /** Published {@link LexiconChange}: every node applies it at once. */
  public static final String LEXICON_CHANGED = "supertonic.library.lexicon";

  /** Published {@link VoiceChange}: every node adds or removes the voice at once. */
  public static final String VOICE_CHANGED = "supertonic.library.voice";

  /**
   * Node-local request/reply with a {@link LexiconChange}: this node applies it, publishes it on
   * {@link #LEXICON_CHANGED} for the others and replies {@code {}} once it applies here, so a
   * request that follows the reply on this node already sees it.
   */
  public static final String LEXICON_APPLY = "supertonic.library.lexicon.apply";

  /** Node-local request/reply with a {@link VoiceChange}, as {@link #LEXICON_APPLY}. */
  public static final String VOICE_APPLY = "supertonic.library.voice.apply";

  /**
   * Request/reply: a node that just started asks a running one for the whole library ({@link
   * LibrarySnapshot}).
   */
  public static final String SNAPSHOT = "supertonic.library.snapshot";

  /**
   * Request/reply, answered by a node with the model: checks an uploaded voice style against the
   * model's style shapes (replies {@code {}} or fails with 400 and the reason).
   */
  public static final String VOICE_CHECK = "supertonic.library.voice.check";
}
