package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GNU Info files read as their words, titles and paragraphs, without their navigation. */
@FastTest
class InfoPageTest {
  /** The file's header: the line naming makeinfo, a copy of the top node's text and the directory entry. */
  static final String HEADER = """
      This is tally.info, produced by makeinfo version 7.1 from tally.texi.

      This manual is for tally, version 3.2.

      INFO-DIR-SECTION Text processing
      START-INFO-DIR-ENTRY
      * tally: (tally).               Count words and lines.
      END-INFO-DIR-ENTRY

      """;

  /**
   * A small manual laid out as makeinfo lays one out: the file's header with a copy of the first node and its
   * directory entry, nodes after a control-underscore line and a navigation line, menus at the ends of
   * nodes, titles underlined, cross references, footnotes, a tag table and the editor's variables.
   */
  static final String TALLY = HEADER + """
      \037
      File: tally.info,  Node: Top,  Next: Counting,  Up: (dir)

      Tally
      *****

      This manual is for tally, version 3.2.

      * Menu:

      * Counting::          How lines and words are counted.
      * Invoking tally::    Options on the command line.

      \037
      File: tally.info,  Node: Counting,  Next: Invoking tally,  Prev: Top,  Up: Top

      1 Counting
      **********

      Tally reads each file once and counts its lines, its words and the
      characters in between.  A word is a run of letters (*note Invoking
      tally::).

      1.1 Words and separators
      ========================

      Separators are spaces, tabs and line ends; *Note Options: Invoking
      tally, for others.(1)

         ---------- Footnotes ----------

         (1) Hyphens join words.

      \037
      File: tally.info,  Node: Invoking tally,  Prev: Counting,  Up: Top

      2 Invoking tally
      ****************

           tally [OPTION]... FILE...

      '-l'
      '--lines'
           Print the number of lines only.

      2.1 Exit status
      ---------------

      \000\010[index\000\010]
      \000\010[image src="counts.png" alt="Counts per file"\000\010]

      Zero when every file could be read, for example:

           $ tally notes.txt
             12 lines

      * Menu:

      * Exit status::

      \037
      Tag Table:
      Node: Top\177200
      Node: Counting\177500
      \037
      End Tag Table

      \037
      Local Variables:
      coding: utf-8
      End:
      """;

  private static final TikaDocumentParser PARSER = new TikaDocumentParser(ParseLimits.DEFAULT);
  @TempDir Path dir;

  @Test
  void an_info_file_gives_its_titles_as_headings_its_paragraphs_and_no_navigation() throws IOException {
    ExtractedDocument doc = ManPageTest.parse(dir, "tally.info", TALLY);

    assertThat(ManPageTest.headings(doc)).containsExactly("Tally", "1 Counting", "1.1 Words and separators",
        "2 Invoking tally", "2.1 Exit status");
    assertThat(doc.text()).contains("This manual is for tally, version 3.2.",
        "Tally reads each file once and counts its lines, its words and the characters in between. A word is a run"
            + " of letters (see Invoking tally).",
        "Separators are spaces, tabs and line ends; See Options, for others.(1)", "(1) Hyphens join words.",
        "tally [OPTION]... FILE...", "'-l' '--lines' Print the number of lines only.",
        "Counts per file\n\nZero when every file could be read, for example:", "$ tally notes.txt\n12 lines");
    assertThat(doc.text()).doesNotContain("\ufffd", "\u001f", "File: tally.info", "Node:", "* Menu:", "Counting::",
        "makeinfo", "INFO-DIR", "\u0000", "\u0008", "[index", "[image", "counts.png", "Tag Table", "coding: utf-8",
        "*****", "=====", "Footnotes", "*note", "*Note");
    assertThat(doc.text()).containsOnlyOnce("This manual is for tally");
  }

  @Test
  void a_compressed_info_file_reads_the_same() throws IOException {
    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, ManPageTest.gzip(dir.resolve("tally.info.gz"), TALLY));

    assertThat(ManPageTest.headings(doc)).contains("Tally", "1.1 Words and separators", "2.1 Exit status");
    assertThat(doc.text()).contains("Tally reads each file once").doesNotContain("\ufffd", "Node:", "* Menu:");
  }

  @Test
  void text_that_only_mentions_info_files_stays_as_written() throws IOException {
    String notes = """
        Building the manual
        *******************

        Run makeinfo; each node starts with a line like
        File: tally.info,  Node: Top
        and a menu starts with * Menu: on its own line.
        """;
    ExtractedDocument doc = ManPageTest.parse(dir, "NOTES", notes);

    assertThat(doc.text()).contains("File: tally.info, Node: Top", "* Menu:", "*******************");
  }

  @Test
  void the_first_file_of_a_split_manual_gives_its_header_text_without_the_list_of_parts() throws IOException {
    ExtractedDocument doc = ManPageTest.parse(dir, "tally.info", HEADER + """
        \037
        Indirect:
        tally.info-1: 1000
        tally.info-2: 90000
        \037
        Tag Table:
        (Indirect)
        Node: Top\177200
        \037
        End Tag Table
        """);

    assertThat(doc.text().strip()).isEqualTo("This manual is for tally, version 3.2.");
  }

  @Test
  void references_read_as_see() {
    assertThat(InfoPage.references("as in (*note Counting::), and *Note The options: Invoking tally. Then"))
        .isEqualTo("as in (see Counting), and See The options. Then");
    assertThat(InfoPage.references("a *note without its colons")).isEqualTo("a *note without its colons");
  }

  @Test
  void a_line_without_end_goes_out_in_parts_with_every_character_kept() throws IOException {
    String huge = "word ".repeat(500_000);
    Path file = dir.resolve("huge.info");
    Files.writeString(file, "\u001f\nFile: huge.info,  Node: Top\n\n" + huge);

    ExtractedDocument doc = TikaDocumentParserTest.parse(new TikaDocumentParser(ParseLimits.DEFAULT.withTimeoutAndChars(
        ParseLimits.DEFAULT.timeout(), 5_000_000)), file);

    assertThat(doc.text().strip().split("\\s+")).hasSize(500_000).containsOnly("word");
  }
}
