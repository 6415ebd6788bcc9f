package io.supertonic.cli.load;

/** Sends one request to the server and measures it as a listener would experience it. */
public interface SpeechDriver {
  /**
   * @param startNanos the {@link System#nanoTime()} the request counts from (its arrival)
   */
  RequestResult send(int index, Corpus.Entry entry, long startNanos);
}
