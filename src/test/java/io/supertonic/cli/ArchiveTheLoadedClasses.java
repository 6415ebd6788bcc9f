package io.supertonic.cli;

/**
 * The main class of the JVMs {@link ClassDataArchiveTest} starts: {@code dump} writes the archive
 * the {@value ClassDataArchive#PROPERTY} property names, as the server does after its warmup;
 * {@code load} only loads {@link ClassDataArchive}, from the archive if the JVM mapped one.
 */
public final class ArchiveTheLoadedClasses {
  private ArchiveTheLoadedClasses() {}

  public static void main(String[] args) {
    if (args[0].equals("dump")) {
      boolean written = ClassDataArchive.requested().map(ClassDataArchive::write).orElse(false);
      System.exit(written ? 0 : 3);
    }
    System.out.println("requested: " + ClassDataArchive.requested().isPresent());
  }
}
