package dev.ingestion.cli;

/** Entry point of the {@code ingestion} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("ingestion");
  }
}
