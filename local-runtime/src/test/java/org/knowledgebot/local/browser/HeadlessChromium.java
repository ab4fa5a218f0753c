package org.knowledgebot.local.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowledgebot.local.TempFolders;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver, headless, with a fresh profile: the driver and the
 * binary are given explicitly so Selenium Manager never tries to download anything (see the README, "Browser tests").
 */
final class HeadlessChromium implements AutoCloseable {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** True when both Debian packages are installed (`.ci/run` installs them). */
    static boolean installed() {
        return CHROMEDRIVER.canExecute() && CHROMIUM.canExecute();
    }

    static HeadlessChromium start() {
        return start("en-US,en");
    }

    /** A browser whose languages (navigator.languages, Accept-Language) are the given list, e.g. "es-MX,es". */
    static HeadlessChromium start(String languages) {
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--accept-lang=" + languages, "--lang=" + languages.split(",")[0],
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return new HeadlessChromium(profile, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try {
            TempFolders.deleteRecursively(profile);
        } catch (IOException e) {
            // A profile left in the temp folder is harmless; the test result does not depend on it.
        }
    }
}
