package io.supertonic.launch;

import java.lang.management.ManagementFactory;

/**
 * Stands in for the server's main class in {@link LauncherFlagsTest}: prints what the launch script
 * handed the JVM (its flags, MALLOC_ARENA_MAX, the program arguments), one per line.
 */
public final class PrintJvmArguments {
  private PrintJvmArguments() {}

  public static void main(String[] args) {
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      System.out.println("jvm " + flag);
    }
    System.out.println("env MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX"));
    for (String arg : args) {
      System.out.println("arg " + arg);
    }
  }
}
