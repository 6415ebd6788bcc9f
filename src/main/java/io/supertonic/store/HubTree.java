package io.supertonic.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the hub's tree API ({@code /api/models/{repo}/tree/{revision}/{dir}}) for sizes, LFS
 * SHA-256 and the voice styles a revision actually ships. Optional: mirrors and plain file servers
 * may not have it, and then the fixed file list and response headers are used.
 */
final class HubTree {
  private static final Logger LOG = LoggerFactory.getLogger(HubTree.class);
  private static final int MAX_LISTING_BYTES = 4 << 20;

  private HubTree() {}

  /** What the hub says about the files under the given directories; empty when it cannot say. */
  static Map<String, ExpectedFile> list(HubClient hub, List<String> dirs)
      throws InterruptedException {
    Map<String, ExpectedFile> files = new LinkedHashMap<>();
    for (String dir : dirs) {
      try (HubResponse response = hub.get(hub.treeUri(dir), null)) {
        if (response.status() != 200) {
          LOG.debug(
              "No file listing for {} (HTTP {}); using the fixed file list",
              dir,
              response.status());
          continue;
        }
        String body =
            new String(response.body().readAll(MAX_LISTING_BYTES), StandardCharsets.UTF_8);
        parse(body, files);
      } catch (IOException e) {
        LOG.debug("File listing for {} failed: {}", dir, FileDownloader.describe(e));
        if (FileDownloader.isConnectionFailure(e)) {
          break;
        }
      } catch (RuntimeException e) {
        LOG.debug("Unusable file listing for {}: {}", dir, e.getMessage());
      }
    }
    return files;
  }

  static void parse(String json, Map<String, ExpectedFile> into) {
    JsonArray entries = new JsonArray(json);
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.getJsonObject(i);
      if (!"file".equals(entry.getString("type", "file")) || entry.getString("path") == null) {
        continue;
      }
      String path = entry.getString("path");
      JsonObject lfs = entry.getJsonObject("lfs");
      Number size = entry.getNumber("size");
      if (lfs != null) {
        Number lfsSize = lfs.getNumber("size");
        into.put(
            path,
            new ExpectedFile(
                path,
                lfsSize != null ? lfsSize.longValue() : size != null ? size.longValue() : -1,
                ExpectedFile.normalize(lfs.getString("oid", lfs.getString("sha256"))),
                null));
      } else {
        into.put(
            path,
            new ExpectedFile(
                path,
                size != null ? size.longValue() : -1,
                null,
                ExpectedFile.normalize(entry.getString("oid"))));
      }
    }
  }
}
