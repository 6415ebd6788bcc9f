package io.supertonic.wyoming;

/** The Wyoming event types this server reads or writes. */
final class WyomingTypes {
  private WyomingTypes() {}

  static final String DESCRIBE = "describe";
  static final String INFO = "info";
  static final String PING = "ping";
  static final String PONG = "pong";
  static final String SYNTHESIZE = "synthesize";
  static final String SYNTHESIZE_START = "synthesize-start";
  static final String SYNTHESIZE_CHUNK = "synthesize-chunk";
  static final String SYNTHESIZE_STOP = "synthesize-stop";
  static final String SYNTHESIZE_STOPPED = "synthesize-stopped";
  static final String AUDIO_START = "audio-start";
  static final String AUDIO_CHUNK = "audio-chunk";
  static final String AUDIO_STOP = "audio-stop";
  static final String ERROR = "error";
}
