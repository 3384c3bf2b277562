package dev.ingestion.parse;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Passes on a page's content and drops its furniture: navigation, sidebars, site headers and footers,
 * scripts and styles, skip links, and the permalink anchors ("¶", "#") documentation generators put after
 * every heading. Works on the element names, roles, classes and ids that reach it, so it sees them only
 * where the HTML parser passes markup through (see {@code TikaDocumentParser}); for other formats it
 * changes nothing but the few element names listed here.
 */
final class BoilerplateFilter extends ContentHandlerDecorator {
  private static final Set<String> DROPPED_ELEMENTS = Set.of("nav", "aside", "footer", "script", "style",
      "noscript", "template", "button", "select", "option", "form", "iframe", "svg", "menu");
  private static final Set<String> DROPPED_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
      "search", "menu", "menubar", "toolbar");
  private static final Set<String> DROPPED_TOKENS = Set.of("sphinxsidebar", "sphinxsidebarwrapper", "related",
      "headerlink", "footer", "sidebar", "navbar", "nav", "navigation", "breadcrumb", "breadcrumbs", "skip",
      "skip-link", "skiplink", "skip-to-content", "toc", "mark", "permalink", "anchor", "header-anchor",
      "menu", "cookie", "cookies", "banner", "site-header", "site-footer", "pager", "pagination", "edit-link",
      "navheader", "navfooter", "top-link", "back-to-top", "sourcelink");

  private int dropDepth;
  private int depth;
  private int mainDepth;

  BoilerplateFilter(ContentHandler handler) {
    super(handler);
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
    depth++;
    if (dropDepth > 0) {
      return;
    }
    String name = (localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    if (isDropped(name, atts)) {
      dropDepth = depth;
      return;
    }
    if (mainDepth == 0 && (name.equals("main") || name.equals("article") || "main".equals(atts.getValue("role")))) {
      mainDepth = depth;
    }
    super.startElement(uri, localName, qName, atts);
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    int closing = depth--;
    if (dropDepth > 0) {
      if (closing == dropDepth) {
        dropDepth = 0;
      }
      return;
    }
    if (closing == mainDepth) {
      mainDepth = 0;
    }
    super.endElement(uri, localName, qName);
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (dropDepth == 0) {
      super.characters(ch, start, length);
    }
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    if (dropDepth == 0) {
      super.ignorableWhitespace(ch, start, length);
    }
  }

  private boolean isDropped(String name, Attributes atts) {
    if (DROPPED_ELEMENTS.contains(name) || (name.equals("header") && mainDepth == 0)
        || (mainDepth == 0 && hasToken(atts.getValue("class"), "header"))) {
      return true;
    }
    String role = atts.getValue("role");
    if (role != null && DROPPED_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (name.equals("a") && atts.getValue("href") != null && atts.getValue("href").startsWith("#")
        && isSkipOrPermalink(atts)) {
      return true;
    }
    return hasDroppedToken(atts.getValue("class")) || hasDroppedToken(atts.getValue("id"));
  }

  private static boolean isSkipOrPermalink(Attributes atts) {
    String title = atts.getValue("title");
    return title != null && title.toLowerCase(Locale.ROOT).contains("permalink");
  }

  private static boolean hasToken(String value, String token) {
    return anyToken(value, token::equals);
  }

  private static boolean hasDroppedToken(String value) {
    return anyToken(value, DROPPED_TOKENS::contains);
  }

  /**
   * Whether {@code value}, split at white space as HTML splits class lists, holds a token {@code wanted}
   * accepts in lower case. Repeated tokens ({@code class="note note"}) are fine.
   */
  static boolean anyToken(String value, Predicate<String> wanted) {
    if (value == null) {
      return false;
    }
    int n = value.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(value.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(value.charAt(i))) {
        i++;
      }
      if (i > start && wanted.test(value.substring(start, i).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The white space of a regular expression's {@code \s}: space, tab, line feed, vertical tab, form feed, return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
