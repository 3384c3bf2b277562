package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.ContentHandler;
import org.xml.sax.helpers.DefaultHandler;

/** Manual pages' troff source read as their words, headings and paragraphs, not their markup. */
@FastTest
class ManPageTest {
  /** A page in the man macros, written the way GNU and Debian pages are: comments, fonts, escapes, options. */
  static final String FROB = """
      .\\" Copyright (c) the frob authors
      .\\" This is free documentation.
      .TH FROB 1 "March 2026" "frob 2.1" "User Commands"
      .SH NAME
      frob \\- frobnicate files in place
      .SH SYNOPSIS
      .B frob
      [\\fIOPTION\\fR]... \\fIFILE\\fR...
      .SH DESCRIPTION
      .PP
      Frobnicate each \\fIFILE\\fR in place\\(emquickly, and
      without a temporary copy. Long lines are \\
      joined.
      .SS "Exit status"
      Zero when every file was frobnicated.
      .SH OPTIONS
      .TP
      \\fB\\-a\\fR, \\fB\\-\\-all\\fR
      frobnicate hidden files too
      .TP
      .BR \\-n ", " \\-\\-dry\\-run
      say what would change; change nothing
      .SH EXAMPLES
      .nf
      .RS
      frob \\-\\-all notes.txt
      frob \\-n *.log
      .RE
      .fi
      .SH "SEE ALSO"
      .BR ls (1),
      .BR tar (1)
      """;

  private static final TikaDocumentParser PARSER = new TikaDocumentParser(ParseLimits.DEFAULT);
  @TempDir Path dir;

  @Test
  void a_man_page_gives_its_words_its_sections_as_headings_and_no_markup() throws IOException {
    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, write("frob.1", FROB));

    assertThat(doc.metadata().mimeType()).isEqualTo("text/troff");
    assertThat(doc.metadata().title()).isEqualTo("FROB(1)");
    assertThat(headings(doc)).containsExactly("NAME", "SYNOPSIS", "DESCRIPTION", "Exit status", "OPTIONS", "EXAMPLES",
        "SEE ALSO");
    assertThat(doc.text()).contains("frob - frobnicate files in place", "frob [OPTION]... FILE...",
        "in place\u2014quickly, and without a temporary copy. Long lines are joined.", "-a, --all\nfrobnicate hidden files too",
        "-n, --dry-run\nsay what would change", "ls(1), tar(1)");
    assertThat(doc.text()).doesNotContain("\\f", "\\-", ".SH", ".TP", "Copyright", ".RS", "\\(em");
    assertThat(blockText(doc, TextBlock.Kind.CODE)).containsExactly("frob --all notes.txt\nfrob -n *.log");
  }

  @Test
  void a_compressed_man_page_reads_the_same() throws IOException {
    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, gzip(dir.resolve("frob.1.gz"), FROB));

    assertThat(headings(doc)).contains("NAME", "DESCRIPTION", "SEE ALSO");
    assertThat(doc.text()).contains("frob - frobnicate files in place", "-a, --all").doesNotContain("\\f", "\\-", ".SH");
  }

  @Test
  void a_page_in_the_mdoc_macros_gives_its_name_flags_and_references() throws IOException {
    String page = """
        .\\" BSD style
        .Dd March 1, 2026
        .Dt WIDGET 5
        .Os
        .Sh NAME
        .Nm widget.conf
        .Nd settings of the widget daemon
        .Sh DESCRIPTION
        The
        .Nm
        file is read at start.
        .Fl v
        prints each setting; see
        .Xr widgetd 8 .
        """;

    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, write("widget.conf.5", page));

    assertThat(headings(doc)).containsExactly("NAME", "DESCRIPTION");
    assertThat(doc.text()).contains("widget.conf \u2014 settings of the widget daemon",
        "The widget.conf file is read at start. -v prints each setting; see widgetd(8)");
    assertThat(doc.text()).doesNotContain(".Nm", ".Fl", "Dd", "BSD style");
  }

  @Test
  void text_that_only_mentions_requests_stays_as_written() throws IOException {
    String notes = "Notes on troff.\n.TH starts a page and .SH a section.\n\\fB is bold.\n";

    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, write("notes.txt", notes));

    assertThat(doc.metadata().mimeType()).startsWith("text/plain");
    assertThat(doc.text()).contains(".TH starts a page and .SH a section.", "\\fB is bold.");
  }

  @Test
  void a_file_named_as_troff_that_holds_plain_text_keeps_its_lines() throws IOException {
    String text = "\nSee the towers of Hanoi solved!\n\nInstructions:\n\ttype \"g\" to start it\n\ttype \"q\" to stop\n";

    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, write("click.me", text));

    assertThat(doc.text()).contains("Instructions:\ntype \"g\" to start it\ntype \"q\" to stop");
  }

  @Test
  void definitions_and_conditionals_give_no_words_and_an_unclosed_one_hides_only_so_much() throws IOException {
    String page = """
        .TH DEMO 7
        .de XX
        macro body words
        ..
        .if t \\{\\
        typeset only words
        .\\}
        .SH NAME
        demo \\- kept words
        .ig
        """ + "ignored line\n".repeat(600) + "the text after the unclosed block\n";

    ExtractedDocument doc = TikaDocumentParserTest.parse(PARSER, write("demo.7", page));

    assertThat(doc.text()).contains("demo - kept words", "the text after the unclosed block")
        .doesNotContain("macro body words", "typeset only words");
  }

  @Test
  void a_page_that_only_includes_another_names_it() throws IOException {
    ExtractedDocument troff = TikaDocumentParserTest.parse(PARSER, write("environment.man", ".so man5/pam_env.conf.5\n"));
    ExtractedDocument text = TikaDocumentParserTest.parse(PARSER, write("environment.5", ".so man5/pam_env.conf.5\n"));

    assertThat(troff.text()).isEqualTo("man5/pam_env.conf.5");
    assertThat(text.text()).as("no title or section request: plain text").isEqualTo(".so man5/pam_env.conf.5");
  }

  @Test
  void a_line_or_paragraph_without_end_goes_out_in_parts() throws Exception {
    String word = "lorem ";
    String oneLine = ".TH LONG 1\n.SH NAME\n" + word.repeat(400_000); // 2.4 M characters, no line end
    String oneParagraph = ".TH LONG 1\n.SH NAME\n" + (word + "ipsum\n").repeat(200_000);

    for (String page : List.of(oneLine, oneParagraph)) {
      AtomicInteger longest = new AtomicInteger();
      AtomicLong total = new AtomicLong();
      ContentHandler counting = new DefaultHandler() {
        @Override
        public void characters(char[] ch, int start, int length) {
          longest.accumulateAndGet(length, Math::max);
          total.addAndGet(length);
        }
      };
      ManPage reader = new ManPage(new XHTMLContentHandler(new DefaultHandler(), new Metadata()),
          new PlainTextParser.AllowedText(counting), new Metadata());
      char[] chars = page.toCharArray();
      for (int i = 0; i < chars.length; i += 8192) {
        reader.write(chars, i, Math.min(8192, chars.length - i));
      }
      reader.end();

      assertThat(longest.get()).as("no part longer than what is held and one block more").isLessThanOrEqualTo((1 << 20) + 8192);
      assertThat(total.get()).as("every word kept").isGreaterThan(2_000_000L);
    }
  }

  @Test
  void escapes_give_the_characters_they_stand_for() {
    assertThat(ManPage.inline("\\fB\\-\\-all\\fP \\f(CWcode\\fR \\f[B]x\\f[]")).isEqualTo("--all code x");
    assertThat(ManPage.inline("a\\(em b \\[em] c \\(lqq\\(rq \\[u00E9]t\\['e]")).isEqualTo("a\u2014 b \u2014 c \u201cq\u201d \u00e9t");
    assertThat(ManPage.inline("x\\&.y \\e \\s-1small\\s0 \\*(lqquoted\\*(rq a\\ b")).isEqualTo(
        "x.y \\ small \u201cquoted\u201d a b");
    assertThat(ManPage.inline("before \\\" a comment")).isEqualTo("before ");
    assertThat(ManPage.arguments("\"SEE ALSO\" plain \"say \"\"hi\"\"\"")).containsExactly("SEE ALSO", "plain",
        "say \"hi\"");
    assertThat(ManPage.arguments("\\-M\\  path \\fR,\\ \\fB\\-\\-manpath= path")).containsExactly("\\-M\\ ", "path",
        "\\fR,\\ \\fB\\-\\-manpath=", "path");
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** {@code content} written to {@code name} in {@code dir}, and parsed with the default limits. */
  static ExtractedDocument parse(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return TikaDocumentParserTest.parse(PARSER, file);
  }

  /** {@code content} written gzip-compressed to {@code file}. */
  static Path gzip(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  static List<String> headings(ExtractedDocument doc) {
    return blockText(doc, TextBlock.Kind.HEADING);
  }

  static List<String> blockText(ExtractedDocument doc, TextBlock.Kind kind) {
    return doc.blocks().stream().filter(b -> b.kind() == kind).map(b -> doc.text().substring(b.start(), b.end()).strip())
        .toList();
  }
}
