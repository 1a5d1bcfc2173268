package dev.periscope.readiness.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.ObjectIds;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.KafkaTestSupport;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;
import dev.periscope.readiness.auth.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium): sign in with a
 * token, see the failing item of a fake service, publish a HealthReport through the real local Kafka that fixes
 * its fact, and watch the item turn green over the event stream without a reload. Screenshots go to
 * {@code target/dashboard-*.png}. Without chromium the test fails (CI installs it): a skipped browser test proves
 * nothing.
 */
@QuarkusTest
@TestProfile(DashboardBrowserIT.UiRules.class)
class DashboardBrowserIT {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SERVICE = "it-ui-" + RUN;
    private static final String ITEM = "tr.item[data-item-id='ui.tls']";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL page;

    private WebDriver browser;

    public static class UiRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("readiness-ui-rules-");
                Files.writeString(dir.resolve("ui.yaml"), """
                        rules:
                          - id: ui.tls
                            section: security
                            title: TLS on the UI test listener
                            severity: fail
                            services: [%s]
                            expr: facts['grpc.tls.enabled'] == true
                            evidence: "tls={grpc.tls.enabled}"
                        """.formatted(SERVICE));
                return Map.of("periscope.readiness.rules.default-pack", "false",
                        "periscope.readiness.rules.dir", dir.toString(),
                        "periscope.readiness.evaluate-every", "1s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @AfterEach
    void closeBrowserAndForgetTheFakeInstance() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.stringKeyProducer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(Topics.OPS_HEALTH, SERVICE + "/ui-1", null)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingItemTurnsGreenLiveWhenItsFactIsFixed() throws Exception {
        publish(false);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ))
                        .when().get("/api/checklist/ui.tls").then().statusCode(200).body("status", equalTo("fail")));

        browser = startBrowser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(page.toString());

        // a wrong token is refused on the page itself
        browser.findElement(By.id("token")).sendKeys("not-a-valid-token-not-a-valid-token");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "invalid bearer token"));
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        browser.findElement(By.id("token")).sendKeys(TestTokens.READ);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(ITEM + "[data-status='fail']")));
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-live", "on"));
        assertThat(browser.findElement(By.id("verdict")).getText()).isEqualToIgnoringCase("blocked");
        assertThat(browser.findElement(By.cssSelector(ITEM + " .evidence")).getText())
                .contains(SERVICE + "/ui-1").contains("tls=false");
        assertThat(browser.findElement(By.id("who")).getText()).contains(TestTokens.READ_ID);
        // the instances table and the DR panel rendered: store roles, backup vs RPO, the drill, the restore order,
        // the control-plane runbook with a live check per step, time until data loss
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#instances tr[data-instance='" + SERVICE + "/ui-1']")));
        wait.until(d -> !d.findElement(By.id("dr")).getText().contains("loading"));
        String dr = browser.findElement(By.id("dr")).getText();
        assertThat(dr).contains("Stores", "system_of_record", "MongoDB backup", "against an RPO of", "Restore drill",
                "Restore order", "Time until data loss (Kafka)");
        assertThat(browser.findElements(By.cssSelector("#dr ol.runbook > li .status"))).as("a live check per step")
                .hasSizeGreaterThan(2);
        // the token never reaches the URL or the page
        assertThat(browser.getCurrentUrl()).doesNotContain(TestTokens.READ);
        assertThat(browser.getPageSource()).doesNotContain(TestTokens.READ);
        screenshot("dashboard-failing");

        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.__periscopeNoReload = 'same page';");
        publish(true);

        new WebDriverWait(browser, Duration.ofSeconds(45)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(ITEM + "[data-status='pass']")));
        assertThat(js.executeScript("return window.__periscopeNoReload;")).isEqualTo("same page");
        assertThat(browser.findElement(By.cssSelector(ITEM + " .status")).getText()).isEqualToIgnoringCase("pass");
        assertThat(browser.findElement(By.cssSelector(ITEM + " .evidence")).getText()).contains("tls=true");
        wait.until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-verdict", "ready"));
        screenshot("dashboard-passing");
    }

    private static WebDriver startBrowser() {
        String chromium = System.getenv().getOrDefault("PERISCOPE_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("PERISCOPE_CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chromium)).as("the browser test needs Chromium at %s (Debian: apt-get install chromium "
                + "chromium-driver; or set PERISCOPE_CHROMIUM)", chromium).canRead();
        assertThat(new File(chromedriver)).as("the browser test needs chromedriver at %s (Debian: apt-get install "
                + "chromium-driver; or set PERISCOPE_CHROMEDRIVER)", chromedriver).canRead();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isPositive();
    }

    private void publish(boolean tls) throws Exception {
        long now = System.currentTimeMillis();
        HealthReport report = HealthReport.newBuilder()
                .setService(SERVICE).setInstanceId("ui-1").setVersion("9.9.9")
                .setTsMs(now).setStartedAtMs(now - 60_000)
                .setStatus(HealthStatus.HEALTH_STATUS_UP)
                .addBackends(BackendStatus.newBuilder().setName("kafka").setStatus(HealthStatus.HEALTH_STATUS_UP)
                        .setCheckedAtMs(now))
                .putFacts("grpc.tls.enabled", FactValue.newBuilder().setBoolValue(tls).build())
                .build();
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.stringKeyProducer(bootstrapServers)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.OPS_HEALTH,
                    RecordKeys.healthKey(report), report.toByteArray());
            CloudEventHeaders.write(record.headers(), CloudEventHeaders.TYPE_HEALTH_REPORT,
                    "/" + SERVICE + "/ui-1", ObjectIds.next(now), Instant.ofEpochMilli(now));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }
}
