package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FastTest
class ChildClassArchiveTest {
  @TempDir Path dir;

  private static final Runtime.Version JAVA = Runtime.Version.parse("25.0.3+9-LTS");

  @Test
  void the_jars_part_of_the_name_changes_when_a_jar_is_rebuilt_in_place() throws Exception {
    Path a = Files.writeString(dir.resolve("a.jar"), "one");
    Path b = Files.writeString(dir.resolve("b.jar"), "two");
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    String cp = a + File.pathSeparator + b;
    String before = ChildClassArchive.jars(cp);
    assertThat(ChildClassArchive.jars(cp)).isEqualTo(before).matches("[0-9a-f]{8}");

    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    String touched = ChildClassArchive.jars(cp);
    assertThat(touched).isNotEqualTo(before);

    FileTime same = Files.getLastModifiedTime(b);
    Files.writeString(b, "two, longer");
    Files.setLastModifiedTime(b, same);
    assertThat(ChildClassArchive.jars(cp)).isNotEqualTo(touched);

    Files.delete(b);
    assertThat(ChildClassArchive.jars(cp)).matches("[0-9a-f]{8}");
  }

  @Test
  void in_the_cache_folder_the_archives_of_earlier_jars_of_the_same_installation_are_deleted() throws Exception {
    Path cache = Files.createDirectory(dir.resolve("cache"));
    Path jar = Files.writeString(dir.resolve("lib.jar"), "classes");
    String cp = jar.toString();
    String installation = ChildClassArchive.installation(JAVA.toString(), "/jdk", cp);
    Path earlier = Files.writeString(cache.resolve("parser-25-" + installation + "-0badc0de.jsa"), "old");
    Path otherInstall = Files.writeString(cache.resolve("parser-25-ffffffff-0badc0de.jsa"), "theirs");
    Path otherJava = Files.writeString(cache.resolve("parser-21-" + installation + "-0badc0de.jsa"), "java 21");
    Path launcher = Files.writeString(cache.resolve("ingestion-12345.jsa"), "main JVM");

    Path archive = ChildClassArchive.locate(dir, cache.toString(), JAVA, "/jdk", cp);

    assertThat(archive.getParent()).isEqualTo(cache);
    assertThat(archive.getFileName().toString())
        .isEqualTo("parser-25-" + installation + "-" + ChildClassArchive.jars(cp) + ".jsa");
    assertThat(earlier).doesNotExist();
    assertThat(otherInstall).exists();
    assertThat(otherJava).exists();
    assertThat(launcher).exists();
  }

  @Test
  void without_a_usable_cache_folder_the_archive_is_in_the_temp_folder_and_nothing_is_deleted() throws Exception {
    Path stale = Files.writeString(dir.resolve("ingestion_parser_25_00000000deadbeef.jsa"), "old");
    for (String cache : new String[] {"", dir.resolve("missing").toString()}) {
      Path archive = ChildClassArchive.locate(dir, cache, JAVA, "/jdk", "/nowhere/lib.jar");
      assertThat(archive.getParent()).isEqualTo(dir);
      assertThat(archive.getFileName().toString()).matches("ingestion_parser_25_[0-9a-f]{16}\\.jsa");
    }
    assertThat(stale).exists();
    assertThat(ChildClassArchive.installation(JAVA.toString(), "/jdk", "/a.jar"))
        .isNotEqualTo(ChildClassArchive.installation(JAVA.toString(), "/jdk", "/b.jar"));
  }
}
