package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.junit.jupiter.api.Test;

/** The table built once picks, for every type, the parser Tika's nested look-ups pick. */
@FastTest
class ResolvedAutoDetectParserTest {

  @Test
  void every_known_type_and_unknown_ones_reach_the_parser_tika_would_reach() throws Exception {
    for (String resource : List.of("tika-config.xml", "tika-config-ocr.xml")) {
      TikaConfig config = config(resource);
      AutoDetectParser tika = new AutoDetectParser(config);
      ResolvedAutoDetectParser resolved = new ResolvedAutoDetectParser(config);
      MediaTypeRegistry registry = config.getMediaTypeRegistry();
      List<MediaType> types = new ArrayList<>(registry.getTypes());
      for (MediaType type : registry.getTypes()) {
        types.addAll(registry.getAliases(type));
      }
      for (String odd : List.of("application/x-not-a-type", "text/x-made-up", "image/x-none", "text/plain; charset=UTF-8",
          "TEXT/HTML", "application/xhtml+xml", "multipart/x-none")) {
        types.add(MediaType.parse(odd));
      }
      assertThat(types).hasSizeGreaterThan(1500);
      ParseContext context = new ParseContext();
      int leaves = 0;
      for (MediaType type : types) {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        Parser expected = nestedPick(tika, metadata, context);
        Parser actual = pick(resolved, metadata, context);
        if (expected == tika.getFallback()) {
          assertThat(actual).as(resource + " " + type + " (no parser: the fallback)").isSameAs(resolved.getFallback());
          continue;
        }
        assertThat(actual).as(resource + " " + type).isSameAs(expected);
        if (!(actual instanceof CompositeParser)) {
          leaves++;
        }
      }
      assertThat(leaves).as("most types reach a parser that reads documents, not a composite").isGreaterThan(500);
    }
  }

  @Test
  void the_table_is_built_once_and_holds_no_plain_composite() throws Exception {
    ResolvedAutoDetectParser resolved = new ResolvedAutoDetectParser(config("tika-config.xml"));
    Map<MediaType, Parser> table = resolved.getParsers(new ParseContext());
    assertThat(resolved.getParsers(new ParseContext())).isSameAs(table);
    assertThat(table).hasSizeGreaterThan(200);
    assertThat(table.values()).noneMatch(p -> p.getClass() == CompositeParser.class || p.getClass() == DefaultParser.class);
    assertThat(table.get(MediaType.application("pdf"))).isInstanceOf(FontReadingPdfParser.class);
    assertThat(table.get(MediaType.text("html")).getClass().getSimpleName()).isEqualTo("JSoupParser");
  }

  /** Tika's way: each composite looks the type up again until a parser that is not a plain composite. */
  private static Parser nestedPick(Parser parser, Metadata metadata, ParseContext context) throws Exception {
    Parser p = parser;
    while (p == parser || p.getClass() == CompositeParser.class || p.getClass() == DefaultParser.class) {
      Parser next = pick((CompositeParser) p, metadata, context);
      if (next == ((CompositeParser) p).getFallback()) {
        return next;
      }
      p = next;
    }
    return p;
  }

  private static Parser pick(CompositeParser parser, Metadata metadata, ParseContext context) throws Exception {
    Method m = CompositeParser.class.getDeclaredMethod("getParser", Metadata.class, ParseContext.class);
    m.setAccessible(true);
    return (Parser) m.invoke(parser, metadata, context);
  }

  private static TikaConfig config(String resource) throws Exception {
    try (InputStream in = TikaDocumentParser.class.getResourceAsStream(resource)) {
      return new TikaConfig(in);
    }
  }
}
