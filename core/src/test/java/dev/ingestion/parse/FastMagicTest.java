package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.SlowTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accelerated magic detection gives Tika's own answers, on real documents and on damaged ones. */
@SlowTest
class FastMagicTest {
  private static MimeTypes tika;
  private static MimeTypes fast;
  private static int replaced;

  @BeforeAll
  static void twoRepositories() throws Exception {
    tika = fresh();
    fast = fresh();
    replaced = FastMagic.accelerate(fast);
  }

  private static MimeTypes fresh() throws Exception {
    return MimeTypesFactory.create("tika-mimetypes.xml", "custom-mimetypes.xml", FastMagicTest.class.getClassLoader());
  }

  @Test
  void every_magic_pattern_of_this_tika_is_replaced_once() {
    assertThat(replaced).as("Tika's magic patterns were found where FastMagic looks for them").isGreaterThan(1000);
    assertThat(FastMagic.accelerate(fast)).isZero();
  }

  @Test
  void real_documents_get_the_same_type_by_content_and_by_content_and_name() throws Exception {
    List<Path> files = TikaTestDocuments.withSamples();
    assertThat(files).hasSizeGreaterThan(300);
    for (Path f : files) {
      assertThat(detect(fast, f, null)).as(f.toString()).isEqualTo(detect(tika, f, null));
      String name = f.getFileName().toString();
      assertThat(detect(fast, f, name)).as(f.toString()).isEqualTo(detect(tika, f, name));
    }
  }

  @Test
  void damaged_headers_of_real_documents_get_the_same_type() throws Exception {
    Random random = new Random(17);
    int differentTypes = 0;
    List<String> seen = new ArrayList<>();
    for (Path f : TikaTestDocuments.withSamples()) {
      byte[] head = head(f, 20_000);
      for (int round = 0; round < 6; round++) {
        byte[] damaged = damage(head, random);
        MediaType expected = tika.detect(new ByteArrayInputStream(damaged), new Metadata());
        assertThat(fast.detect(new ByteArrayInputStream(damaged), new Metadata())).as(f + " round " + round)
            .isEqualTo(expected);
        if (!seen.contains(expected.toString())) {
          seen.add(expected.toString());
          differentTypes++;
        }
      }
    }
    assertThat(differentTypes).as("the damaged headers still cover many types").isGreaterThan(30);
  }

  /**
   * Headers pushed deep into the patterns' offset ranges (up to 8 KB) by white space or zeros in front: the
   * patterns that scan a wide range find a match there only at the positions the header's byte index
   * gives them (bytes and expressions alike), and a wrong position or range shows here.
   */
  @Test
  void headers_deep_in_the_offset_ranges_get_the_same_type() throws Exception {
    List<String> types = new ArrayList<>();
    List<byte[]> heads = new ArrayList<>();
    for (Path f : TikaTestDocuments.withSamples()) {
      heads.add(head(f, 4_000));
    }
    // the expressions that scan up to 8 KB: Illustrator's marker line, MPEG audio frame headers
    heads.add("\r\n%AI5_FileFormat 3\r\n%%Creator: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
    byte[] frames = new byte[600];
    for (int i = 0; i < frames.length; i += 300) {
      frames[i] = (byte) 0xFF;
      frames[i + 1] = (byte) 0xFB;
    }
    heads.add(frames);
    for (byte[] head : heads) {
      for (int shift : new int[] {65, 1_100, 4_090, 8_000}) {
        for (byte filler : new byte[] {'\n', ' ', 0}) {
          byte[] shifted = new byte[shift + head.length];
          java.util.Arrays.fill(shifted, 0, shift, filler);
          System.arraycopy(head, 0, shifted, shift, head.length);
          MediaType expected = tika.detect(new ByteArrayInputStream(shifted), new Metadata());
          assertThat(fast.detect(new ByteArrayInputStream(shifted), new Metadata())).as("shifted " + shift)
              .isEqualTo(expected);
          if (!types.contains(expected.toString())) {
            types.add(expected.toString());
          }
        }
      }
    }
    assertThat(types).as("shifted headers still match patterns of several types").hasSizeGreaterThan(5);
  }

  @Test
  void edge_cases_get_the_same_type() throws Exception {
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add(new byte[1]);
    inputs.add(new byte[70_000]);
    byte[] ones = new byte[20_000];
    java.util.Arrays.fill(ones, (byte) 0xFF);
    inputs.add(ones);
    for (String s : List.of("%!PS-Adobe-3.0", "<HTML><BODY>", "<?xml version=\"1.0\"?><svg/>", "%PDF-1.7",
        "\r\n%AI5_FileFormat 3\r\n", "#!/bin/sh\necho hi", "PK\u0003\u0004", "{\\rtf1\\ansi", "<!DOCTYPE html>",
        "From: a@b.c\nSubject: x\n\n", "BEGIN:VCARD", "<?php echo 1;")) {
      inputs.add(s.getBytes(StandardCharsets.ISO_8859_1));
      inputs.add(("   \n" + s.toLowerCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.ISO_8859_1));
    }
    for (byte[] input : inputs) {
      assertThat(fast.detect(new ByteArrayInputStream(input), new Metadata()))
          .isEqualTo(tika.detect(new ByteArrayInputStream(input), new Metadata()));
    }
    assertThat(fast.detect(null, new Metadata())).isEqualTo(tika.detect(null, new Metadata()));
  }

  /** Cut short, bytes changed, ASCII case flipped, or bytes inserted: one of them, at random places. */
  private static byte[] damage(byte[] head, Random random) {
    byte[] b = head.clone();
    switch (random.nextInt(4)) {
      case 0 -> b = java.util.Arrays.copyOf(b, random.nextInt(Math.min(b.length, 600) + 1));
      case 1 -> {
        for (int i = 0; i < 3 && b.length > 0; i++) {
          b[random.nextInt(Math.min(b.length, 64))] = (byte) random.nextInt(256);
        }
      }
      case 2 -> {
        for (int i = 0; i < b.length; i++) {
          if (Character.isLetter(b[i]) && random.nextInt(3) == 0) {
            b[i] = (byte) (b[i] ^ 0x20);
          }
        }
      }
      default -> {
        int at = b.length == 0 ? 0 : random.nextInt(Math.min(b.length, 2000));
        byte[] more = new byte[b.length + 7];
        System.arraycopy(b, 0, more, 0, at);
        java.util.Arrays.fill(more, at, at + 7, (byte) (random.nextBoolean() ? 0xFF : '\n'));
        System.arraycopy(b, at, more, at + 7, b.length - at);
        b = more;
      }
    }
    return b;
  }

  private static MediaType detect(MimeTypes types, Path file, String name) throws IOException {
    Metadata metadata = new Metadata();
    if (name != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    }
    try (InputStream in = TikaInputStream.get(file)) {
      return types.detect(in, metadata);
    }
  }

  private static byte[] head(Path f, int n) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return in.readNBytes(n);
    }
  }
}
