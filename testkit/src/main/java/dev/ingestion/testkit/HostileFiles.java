package dev.ingestion.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files built to hurt a parser: entity bombs, nested archive bombs, damaged copies of good files. */
public final class HostileFiles {
  private HostileFiles() {}

  /** The classic entity-expansion XML: ten levels of ten references, 10^9 "lol"s if expanded. */
  public static Path billionLaughs(Path file) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for (int level = 1; level <= 9; level++) {
      xml.append(" <!ENTITY lol").append(level).append(" \"");
      String ref = level == 1 ? "&lol;" : "&lol" + (level - 1) + ";";
      xml.append(ref.repeat(10)).append("\">\n");
    }
    xml.append("]>\n<lolz>&lol9;</lolz>\n");
    return Files.writeString(file, xml, StandardCharsets.UTF_8);
  }

  /** A ZIP holding {@code copies} ZIPs, each holding one entry that inflates to {@code innerBytes}. */
  public static Path nestedZipBomb(Path file, int copies, long innerBytes) throws IOException {
    Path inner = Documents.zipBomb(file.resolveSibling(file.getFileName() + ".inner.zip"), innerBytes);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < copies; i++) {
        zip.putNextEntry(new ZipEntry("layer-" + i + ".zip"));
        Files.copy(inner, zip);
        zip.closeEntry();
      }
    } finally {
      Files.delete(inner);
    }
    return file;
  }

  /** A copy of {@code source} cut to {@code fraction} of its length. */
  public static Path truncated(Path source, Path file, double fraction) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    return Files.write(file, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
  }

  /** A copy of {@code source} with {@code flips} random bits flipped past its first 64 bytes. */
  public static Path bitFlipped(Path source, Path file, int flips, long seed) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    Random random = new Random(seed);
    for (int i = 0; i < flips; i++) {
      int at = 64 + random.nextInt(bytes.length - 64);
      bytes[at] ^= (byte) (1 << random.nextInt(8));
    }
    return Files.write(file, bytes);
  }

  /** One line of text with no line break at all, {@code bytes} long. */
  public static Path singleLine(Path file, long bytes) throws IOException {
    byte[] chunk = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(1_000)
        .getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < bytes; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
      }
    }
    return file;
  }

}
