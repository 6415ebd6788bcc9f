package io.supertonic.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Applies {@code --log-level} to the one logging backend and routes java.util.logging into it. */
public final class LogLevels {
  private LogLevels() {}

  public static void apply(String level) {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    Level parsed =
        switch (level.trim().toLowerCase(Locale.ROOT)) {
          case "debug" -> Level.DEBUG;
          case "info" -> Level.INFO;
          case "warning", "warn" -> Level.WARN;
          case "error" -> Level.ERROR;
          case "trace" -> Level.TRACE;
          default ->
              throw new IllegalArgumentException(
                  "Unknown log level '" + level + "'; expected debug, info, warning or error");
        };
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(parsed);
    ((Logger) LoggerFactory.getLogger("io.supertonic")).setLevel(parsed);
  }
}
