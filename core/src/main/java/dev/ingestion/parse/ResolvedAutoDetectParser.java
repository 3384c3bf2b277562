package dev.ingestion.parse;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;

/**
 * Tika's {@link AutoDetectParser} with its table of parsers by type built once, and built down to the
 * parser that reads the document.
 *
 * <p>Tika's composite parsers rebuild that table on every call: a map of every type each of the ~100
 * parsers supports, normalised, for each of the three levels a configuration nests (this parser, the
 * configuration's composite, {@link DefaultParser}), and again at each level a document passes through,
 * six tables per document or embedded document. Here the table is built on first use, and each entry
 * that names a plain composite (one that only looks the type up again) is replaced by the parser that
 * composite picks for that type. The pick is Tika's: a composite's types are a subset of its parent's,
 * so the type the parent found, exact or a supertype, is the first one the composite finds too.
 *
 * <p>The table is built from the first context. What a parser supports may depend on its context
 * (Tesseract's configuration does), so one instance serves contexts that configure the same parsers the
 * same way, as {@link TikaDocumentParser}'s do: they differ only in the handler, limits and extractor of
 * the document at hand.
 */
final class ResolvedAutoDetectParser extends AutoDetectParser {
  private static final long serialVersionUID = 1L;

  private transient volatile Map<MediaType, Parser> table;

  ResolvedAutoDetectParser(TikaConfig config) {
    super(config);
  }

  @Override
  public Map<MediaType, Parser> getParsers(ParseContext context) {
    Map<MediaType, Parser> resolved = table;
    if (resolved == null) {
      resolved = resolve(super.getParsers(context), context);
      table = resolved;
    }
    return resolved;
  }

  /** Each entry's plain composites replaced by the parser they pick for its type. */
  static Map<MediaType, Parser> resolve(Map<MediaType, Parser> parsers, ParseContext context) {
    Map<Parser, Map<MediaType, Parser>> tables = new IdentityHashMap<>();
    Map<MediaType, Parser> resolved = new HashMap<>(parsers.size() * 2);
    for (Map.Entry<MediaType, Parser> entry : parsers.entrySet()) {
      Parser parser = entry.getValue();
      while (plainComposite(parser)) {
        CompositeParser composite = (CompositeParser) parser;
        Parser chosen = tables.computeIfAbsent(composite, c -> composite.getParsers(context)).get(entry.getKey());
        if (chosen == null) {
          break; // not expected (see above); the composite then looks the type up itself, as in Tika
        }
        parser = chosen;
      }
      resolved.put(entry.getKey(), parser);
    }
    return Collections.unmodifiableMap(resolved);
  }

  /** A composite that adds nothing to its children's work but the look-up (not a decorator, not ours). */
  private static boolean plainComposite(Parser parser) {
    return parser.getClass() == CompositeParser.class || parser.getClass() == DefaultParser.class;
  }
}
