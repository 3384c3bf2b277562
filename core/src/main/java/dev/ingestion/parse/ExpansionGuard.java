package dev.ingestion.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Bounds how many bytes one embedded document may expand to. Tika's own guard counts extracted
 * characters, so an archive entry of compressed zeros (or anything else without text) slips past it while
 * a parser spools gigabytes to a temporary file; this one counts the bytes themselves.
 */
final class ExpansionGuard extends FilterInputStream {
  /** Small inputs may always expand this far: a tiny archive of one ordinary document is no bomb. */
  static final long FLOOR_BYTES = 16L * 1024 * 1024;

  private final String entryName;
  private final LongSupplier allowedBytes;
  private long count;
  private TooLarge exceeded;

  ExpansionGuard(InputStream in, String entryName, LongSupplier allowedBytes) {
    super(in);
    this.entryName = entryName;
    this.allowedBytes = allowedBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long bytes) throws IOException {
    count += bytes;
    long allowed = allowedBytes.getAsLong();
    if (count > allowed) {
      exceeded = new TooLarge(entryName, allowed);
      throw exceeded;
    }
  }

  /** Set once the limit was passed, even if a parser caught and swallowed the exception. */
  TooLarge exceeded() {
    return exceeded;
  }

  /** An embedded document expanded past the allowed size; thrown from read, so an IOException. */
  static final class TooLarge extends IOException {
    private final String entryName;
    private final long allowedBytes;

    TooLarge(String entryName, long allowedBytes) {
      super("embedded document " + entryName + " expands beyond " + allowedBytes + " bytes");
      this.entryName = entryName;
      this.allowedBytes = allowedBytes;
    }

    String entryName() {
      return entryName;
    }

    long allowedBytes() {
      return allowedBytes;
    }
  }
}
