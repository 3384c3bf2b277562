package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main content of a generated documentation page, without its navigation and permalinks. */
@FastTest
class HtmlBoilerplateTest {
  private static final String SPHINX_PAGE = """
      <!DOCTYPE html><html><head><title>Install - Guide</title><script>var x = 1;</script></head><body>
      <a class="skip-link" href="#content">Skip to content</a>
      <div class="related" role="navigation"><h3>Navigation</h3><ul><li><a href="genindex.html">index</a></li>
        <li><a href="next.html">next</a> |</li></ul></div>
      <div class="document"><div class="body" role="main">
        <section id="install"><h1>Install<a class="headerlink" href="#install" title="Permalink to this heading">¶</a></h1>
        <p>Run the installer and follow the prompts.</p>
        <table><tr><th>Option</th><th>Meaning</th></tr><tr><td>--quiet</td><td>no output | none</td></tr></table>
        <pre>./install --quiet
      </pre></section></div></div>
      <div class="sphinxsidebar" role="navigation"><h3>Quick search</h3><form><input name="q"></form>
        <h3>This Page</h3><ul><li><a href="_sources/install.txt">Show Source</a></li></ul></div>
      <footer><div class="footer">&copy; Copyright 2024. Created using Sphinx.</div></footer>
      </body></html>
      """;

  private static TikaDocumentParser parser;
  @TempDir Path dir;

  @BeforeAll
  static void init() {
    parser = new TikaDocumentParser(ParseLimits.DEFAULT);
  }

  @Test
  void navigation_sidebars_footers_skip_links_and_permalinks_are_dropped() throws IOException {
    ExtractedDocument doc = TikaDocumentParserTest.parse(parser, Files.writeString(dir.resolve("install.html"), SPHINX_PAGE));

    assertThat(doc.text()).startsWith("Install\n\nRun the installer and follow the prompts.")
        .doesNotContain("¶", "Navigation", "Quick search", "Show Source", "Copyright", "Skip to content", "var x");
  }

  @Test
  void repeated_class_tokens_outside_the_main_content_are_read_like_any_other() throws IOException {
    String page = """
        <html><head><title>Notes</title></head><body>
        <div class="note note"><p>The first paragraph sits in a div whose class names one token twice.</p></div>
        <div class="Sidebar  sidebar\tsidebar"><p>Related pages</p></div>
        <p class=" btn  btn ">The second paragraph follows it.</p></body></html>
        """;
    ExtractedDocument doc = TikaDocumentParserTest.parse(parser, Files.writeString(dir.resolve("notes.html"), page));

    assertThat(doc.text()).contains("The first paragraph sits in a div whose class names one token twice.")
        .contains("The second paragraph follows it.").doesNotContain("Related pages");
  }

  @Test
  void class_lists_split_at_any_white_space_and_compare_in_lower_case() {
    assertThat(BoilerplateFilter.anyToken(null, t -> true)).isFalse();
    assertThat(BoilerplateFilter.anyToken("", t -> true)).isFalse();
    assertThat(BoilerplateFilter.anyToken(" \t\n\f\r\u000B ", t -> true)).isFalse();
    assertThat(BoilerplateFilter.anyToken("a\u000BNAV b", "nav"::equals)).isTrue();
    assertThat(BoilerplateFilter.anyToken("navigation-x nav_y", "nav"::equals)).isFalse();
    assertThat(BoilerplateFilter.anyToken("x\u00A0nav", "nav"::equals)).as("no-break space is not a separator").isFalse();
  }

  @Test
  void html_blocks_keep_their_kind_and_tables_become_markdown() throws IOException {
    ExtractedDocument doc = TikaDocumentParserTest.parse(parser, Files.writeString(dir.resolve("install.html"), SPHINX_PAGE));

    assertThat(doc.blocks()).extracting(TextBlock::kind).containsExactly(TextBlock.Kind.HEADING,
        TextBlock.Kind.BODY, TextBlock.Kind.TABLE, TextBlock.Kind.CODE);
    assertThat(doc.text()).contains("| Option | Meaning |\n| --- | --- |\n| --quiet | no output \\| none |")
        .contains("./install --quiet");
  }

  @Test
  void a_permalink_sign_ending_a_line_of_plain_text_is_dropped() throws IOException {
    Path txt = Files.writeString(dir.resolve("guide.txt"), "1. Install¶\n\nRun it; see ¶ 4 of the terms.\n");

    assertThat(TikaDocumentParserTest.parse(parser, txt).text()).isEqualTo("1. Install\n\nRun it; see ¶ 4 of the terms.");
  }
}
