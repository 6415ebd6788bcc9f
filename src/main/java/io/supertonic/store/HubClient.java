package io.supertonic.store;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/** Talks to a Hugging Face compatible hub: file URLs, the tree API, redirects and credentials. */
final class HubClient {
  static final String DEFAULT_ENDPOINT = "https://huggingface.co";
  private static final Pattern REPO_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final int MAX_REDIRECTS = 10;
  private static final String USER_AGENT = "supertonic-server/0.1 (java.net.http)";

  private final HttpClient http;
  private final URI endpoint;
  private final String repo;
  private final String revision;
  private final String token;
  private final StoreSettings settings;

  HubClient(
      HttpClient http,
      String endpoint,
      String repo,
      String revision,
      String token,
      StoreSettings settings) {
    this.http = http;
    this.endpoint = parseEndpoint(endpoint);
    this.repo = validRepo(repo);
    this.revision = revision == null || revision.isBlank() ? "main" : revision;
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.settings = settings;
  }

  static HttpClient newHttpClient(StoreSettings settings) {
    // Redirects are followed by hand so that the token never leaves the hub's origin.
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.connectTimeout())
        .build();
  }

  static URI parseEndpoint(String endpoint) {
    String raw = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.trim();
    while (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid HF_ENDPOINT '" + endpoint + "': " + e.getMessage(), e);
    }
    if (uri.getScheme() == null
        || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException(
          "Invalid HF_ENDPOINT '"
              + endpoint
              + "': expected an http(s) URL such as "
              + DEFAULT_ENDPOINT);
    }
    return uri;
  }

  static String validRepo(String repo) {
    if (repo == null || !REPO_ID.matcher(repo).matches()) {
      throw new IllegalArgumentException(
          "Invalid --model-repo '"
              + repo
              + "': expected a Hugging Face repository id 'owner/name', "
              + "e.g. Supertone/supertonic-3");
    }
    return repo;
  }

  String repo() {
    return repo;
  }

  String revision() {
    return revision;
  }

  boolean hasToken() {
    return token != null;
  }

  /** {@code {endpoint}/{repo}/resolve/{revision}/{path}}. */
  URI fileUri(String path) {
    return URI.create(
        endpoint + "/" + repo + "/resolve/" + encodeSegment(revision) + "/" + encodePath(path));
  }

  /** {@code {endpoint}/api/models/{repo}/tree/{revision}/{dir}}. */
  URI treeUri(String dir) {
    return URI.create(
        endpoint
            + "/api/models/"
            + repo
            + "/tree/"
            + encodeSegment(revision)
            + "/"
            + encodePath(dir));
  }

  /**
   * GETs the URI, following up to ten redirects; the body of the final answer is left to the caller
   * (close the response). {@code range} is an HTTP Range value or null.
   */
  HubResponse get(URI uri, String range) throws IOException, InterruptedException {
    URI current = uri;
    java.net.http.HttpHeaders first = null;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .GET()
              .timeout(settings.responseTimeout())
              .header("User-Agent", USER_AGENT);
      if (range != null) {
        request.header("Range", range);
      }
      if (token != null && sameOrigin(current, endpoint)) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<java.util.concurrent.Flow.Publisher<java.util.List<java.nio.ByteBuffer>>>
          response = http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
      if (first == null) {
        first = response.headers();
      }
      GuardedBody body = new GuardedBody(response.body(), settings.stallTimeout());
      int status = response.statusCode();
      if (isRedirect(status)) {
        body.close();
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new IOException("HTTP " + status + " without a Location header from " + current);
        }
        current = current.resolve(location);
        continue;
      }
      return new HubResponse(status, current, response.headers(), first, body);
    }
    throw new IOException("More than " + MAX_REDIRECTS + " redirects starting at " + uri);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(encodeSegment(segment));
    }
    return out.toString();
  }

  /** Percent-encodes one path segment; a revision such as {@code refs/pr/1} becomes one segment. */
  private static String encodeSegment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
