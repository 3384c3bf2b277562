package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Content detection with one correction: a text file whose first lines are {@code %} comments is
 * taken for Matlab source by its content alone, though TeX, LaTeX styles and BibTeX files start that
 * way too. When content says Matlab and the file's name names another text format, the name wins.
 */
final class NameTrustingDetector implements Detector {
  private static final MediaType MATLAB = MediaType.parse("text/x-matlab");

  private final Detector content;
  private final MimeTypes types;
  private final MediaTypeRegistry registry;

  NameTrustingDetector(Detector content, MimeTypes types) {
    this.content = content;
    this.types = types;
    this.registry = types.getMediaTypeRegistry();
  }

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    MediaType detected = content.detect(input, metadata);
    String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
    if (!MATLAB.equals(detected) || name == null) {
      return detected;
    }
    Metadata nameOnly = new Metadata();
    nameOnly.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    MediaType named = types.detect(null, nameOnly);
    boolean otherText = !named.equals(detected) && registry.isSpecializationOf(named, MediaType.TEXT_PLAIN)
        && !named.getSubtype().contains("src");
    return otherText ? named : detected;
  }
}
