package io.supertonic.store;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * The final answer to a GET after redirects, plus the first hop's headers: the hub reports an LFS
 * file's size and SHA-256 ({@code X-Linked-Size}, {@code X-Linked-ETag}) on the redirect, not on
 * the CDN's answer.
 */
record HubResponse(
    int status, URI uri, HttpHeaders headers, HttpHeaders firstHopHeaders, GuardedBody body)
    implements AutoCloseable {

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** A header of the hub's own (first) answer, falling back to the final answer. */
  Optional<String> hubHeader(String name) {
    Optional<String> first = firstHopHeaders.firstValue(name);
    return first.isPresent() ? first : headers.firstValue(name);
  }

  @Override
  public void close() {
    body.close();
  }
}
