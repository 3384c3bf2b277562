package dev.ingestion.parse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdfparser.PDFObjectStreamParser;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PDFBox's PDF parser, except for how it unpacks an object stream (the compressed container in which a
 * PDF 1.5 or later keeps most of its objects). PDFBox gives each object stream a new parser, and each
 * such parser first copies every key of the document's cross-reference table into an index of its own:
 * a document of 46,618 objects in a few hundred object streams spent 3.7 s of a parser child's CPU on
 * those copies alone, most of it when Tika looks through every object for attached files at the end.
 * Here every object stream of a document looks keys up in one index, built once (and brought up to date
 * when the table grows, as PDFBox's own is); the objects, the keys and what is unpacked when are
 * PDFBox's. Loading is what {@code Loader.loadPDF} does, with this parser.
 */
final class PdfLoader extends PDFParser {
  private static final Logger log = LoggerFactory.getLogger(PdfLoader.class);

  /** Objects unpacked from an object stream and not yet asked for, by the stream's object number. */
  private final Map<Long, Map<COSObjectKey, COSBase>> unpacked = new HashMap<>();
  private final KeyIndex keys;

  private PdfLoader(RandomAccessRead source, String password, StreamCacheCreateFunction cache, KeyIndex keys)
      throws IOException {
    super(source, password, null, null, cache);
    this.keys = keys;
  }

  /** The PDF in {@code file}, as {@code Loader.loadPDF(file, password, cache)} loads it, with its own key index. */
  static PDDocument load(File file, String password, StreamCacheCreateFunction cache, KeyIndex keys)
      throws IOException {
    RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
    try {
      return new PdfLoader(source, password, cache, keys).parse();
    } catch (IOException e) {
      IOUtils.closeQuietly(source);
      throw e;
    }
  }

  /** The PDF read from {@code in}, as {@code Loader.loadPDF} loads a stream's bytes, with its own key index. */
  static PDDocument load(InputStream in, String password, StreamCacheCreateFunction cache, KeyIndex keys)
      throws IOException {
    return new PdfLoader(new RandomAccessReadBuffer(in), password, cache, keys).parse();
  }

  /** PDFBox's own steps: the objects of a stream are unpacked together and handed out one by one. */
  @Override
  protected COSBase parseObjectStreamObject(long streamNumber, COSObjectKey key) throws IOException {
    Map<COSObjectKey, COSBase> waiting = unpacked.computeIfAbsent(streamNumber, n -> new HashMap<>());
    COSBase object = waiting.remove(key);
    if (object != null) {
      return object;
    }
    COSBase stream = document.getObjectFromPool(getObjectKey(streamNumber, 0)).getObject();
    if (stream instanceof COSStream objectStream) {
      try {
        Map<COSObjectKey, COSBase> all = new ObjectStream(objectStream, document, keys).parseAllObjects();
        object = all.remove(key);
        all.forEach(waiting::putIfAbsent);
      } catch (IOException e) {
        if (!isLenient()) {
          throw e;
        }
        log.debug("object stream {} could not be parsed", streamNumber, e);
      }
    }
    return object;
  }

  /** An object stream's parser that finds keys in the document's one index. */
  private static final class ObjectStream extends PDFObjectStreamParser {
    private final KeyIndex keys;

    ObjectStream(COSStream stream, COSDocument document, KeyIndex keys) throws IOException {
      super(stream, document);
      this.keys = keys;
    }

    @Override
    protected COSObjectKey getObjectKey(long number, int generation) {
      return keys.key(document, number, generation);
    }
  }

  /**
   * The cross-reference table's own key objects by number and generation, as PDFBox's per-parser index
   * holds them (a key from the table carries the object's place in its stream), for the whole document.
   */
  static final class KeyIndex {
    private final Map<Long, COSObjectKey> byHash = new HashMap<>();
    private int copies;

    /** How many times the table's keys were copied in: once, and again each time the table grew. */
    int copies() {
      return copies;
    }

    COSObjectKey key(COSDocument document, long number, int generation) {
      if (document == null || document.getXrefTable().isEmpty()) {
        return new COSObjectKey(number, generation);
      }
      Map<COSObjectKey, Long> table = document.getXrefTable();
      if (table.size() > byHash.size()) {
        copies++;
        for (COSObjectKey key : table.keySet()) {
          byHash.putIfAbsent(key.getInternalHash(), key);
        }
      }
      COSObjectKey found = byHash.get(COSObjectKey.computeInternalHash(number, generation));
      return found != null ? found : new COSObjectKey(number, generation);
    }
  }
}
