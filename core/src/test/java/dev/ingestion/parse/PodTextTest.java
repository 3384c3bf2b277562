package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Perl's POD read as its headings, paragraphs and code, not its commands and formatting codes. */
@FastTest
class PodTextTest {
  /** A module as Perl modules are written: code, then its documentation in POD after the code. */
  static final String MODULE = """
      package Text::Tally;
      use strict;

      sub count {
          my ($text) = @_;
          return scalar split /\\s+/, $text;
      }

      1;
      __END__

      =encoding utf8

      =head1 NAME

      Text::Tally - count the words of a text

      =head1 SYNOPSIS

          use Text::Tally;
          my $n = Text::Tally::count("two words");

      =head1 DESCRIPTION

      B<Text::Tally> counts words: runs of characters between
      white space. See L<perlfunc/split> and L<the manual|Text::Tally::Manual>,
      and C<< $a <=> $b >> for E<lt>sortingE<gt>.X<words>

      =head2 Options

      =over 4

      =item C<strict>

      Count only letters.

      =item *

      A bullet's text.

      =back

      =begin html

      <p>For the web only.</p>

      =end html

      =for comment Not for readers.

      =cut
      """;

  @TempDir Path dir;

  @Test
  void a_module_gives_its_pod_headings_its_text_without_codes_and_its_code_as_code() throws IOException {
    ExtractedDocument doc = ManPageTest.parse(dir, "Tally.pm", MODULE);

    assertThat(ManPageTest.headings(doc)).containsExactly("NAME", "SYNOPSIS", "DESCRIPTION", "Options");
    assertThat(doc.text()).contains("Text::Tally - count the words of a text",
        "Text::Tally counts words: runs of characters between white space. See split in perlfunc and the manual,"
            + " and $a <=> $b for <sorting>.",
        "strict", "Count only letters.", "A bullet's text.");
    assertThat(doc.text()).doesNotContain("=head", "=item", "=over", "=back", "=cut", "=encoding", "B<", "C<", "L<",
        "E<", "X<", "For the web only", "Not for readers", "words>");
    assertThat(ManPageTest.blockText(doc, TextBlock.Kind.CODE)).anySatisfy(code -> assertThat(code)
        .contains("sub count {\n    my ($text) = @_;")).anySatisfy(code -> assertThat(code)
        .isEqualTo("use Text::Tally;\nmy $n = Text::Tally::count(\"two words\");"));
  }

  @Test
  void a_pod_file_reads_the_same() throws IOException {
    ExtractedDocument doc = ManPageTest.parse(dir, "tally.pod", MODULE.substring(MODULE.indexOf("=encoding")));

    assertThat(ManPageTest.headings(doc)).containsExactly("NAME", "SYNOPSIS", "DESCRIPTION", "Options");
    assertThat(doc.text()).contains("Text::Tally - count the words").doesNotContain("=head", "B<");
  }

  @Test
  void text_without_pod_commands_stays_as_written() throws IOException {
    ExtractedDocument doc = ManPageTest.parse(dir, "notes.txt",
        "Write =head1 at the start of a line and B<bold> for bold.\n");

    assertThat(doc.text()).contains("Write =head1 at the start of a line and B<bold> for bold.");
  }

  @Test
  void formatting_codes_nest_and_an_unfinished_one_stays_as_written() {
    assertThat(PodText.codes("I<an B<important> word> and C<<< a >>> b >>> and E<0x263A> E<233>"))
        .isEqualTo("an important word and a b >>> and \u263a \u00e9");
    assertThat(PodText.codes("B<never closed and 1 < 2")).isEqualTo("B<never closed and 1 < 2");
    assertThat(PodText.codes("L<https://example.test/x> L</\"Options\">")).isEqualTo("https://example.test/x Options");
  }
}
