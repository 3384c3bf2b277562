package dev.ingestion.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium driven through the system's chromedriver (Debian packages chromium and
 * chromium-driver). Both paths are given explicitly: Selenium runs its Selenium Manager (which looks
 * for, and downloads, drivers and browsers) only for a service without a driver executable, so it never
 * runs here. The browser runs headless, offline, with a fresh profile.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final ChromeDriverService service;

  HeadlessChromium(Path profile) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("the console end-to-end tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  /** Saves a screenshot of the whole page (not only the window) as a PNG. */
  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    for (int i = 0; i < 2; i++) {
      long height = (Long) driver.executeScript("return document.documentElement.scrollHeight"
          + " + (window.outerHeight - window.innerHeight)");
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) Math.min(Math.max(height, 800), 5000)));
    }
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
