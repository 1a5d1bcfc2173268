package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;

class UserAgentStageTest {
    private final UserAgentStage stage = new UserAgentStage();

    @ParameterizedTest(name = "{0} -> {1}/{2}")
    @CsvSource(delimiter = '|', value = {
        // scanners, also when dressed as a browser
        "sqlmap/1.7.2#stable (https://sqlmap.org)                                                   | scanner | sqlmap",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36 sqlmap/1.7              | scanner | sqlmap",
        "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:Port Check)                                  | scanner | nikto",
        "Mozilla/5.0 (X11; Linux) Nuclei - Open-source project (github.com/projectdiscovery/nuclei)    | scanner | nuclei",
        "Mozilla/5.0 zgrab/0.x                                                                         | scanner | zgrab",
        "masscan/1.3 (https://github.com/robertdavidgraham/masscan)                                    | scanner | masscan",
        "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)               | scanner | nmap",
        "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)                                | scanner | wpscan",
        "gobuster/3.6                                                                                  | scanner | gobuster",
        "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)           | scanner | dirbuster",
        "Fuzz Faster U Fool v2.1.0-dev                                                                 | scanner | ffuf",
        "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)                        | scanner | censysinspect",
        // monitors
        "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)                        | monitor | uptimerobot",
        "kube-probe/1.29                                                                               | monitor | kube-probe",
        "ELB-HealthChecker/2.0                                                                         | monitor | elb-healthchecker",
        "Envoy/HC                                                                                      | monitor | envoy-hc",
        "Blackbox Exporter/0.24.0                                                                      | monitor | blackbox-exporter",
        "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)                                         | monitor | pingdom",
        // bots
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)                      | bot     | googlebot",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)                       | bot     | bingbot",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot) | bot | gptbot",
        "Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)           | bot     | petalbot",
        "Mozilla/5.0 (compatible; SomeNewCrawlerBot/0.1)                                               | bot     | somenewcrawlerbot",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0.0.0 Safari/537.36    | bot     | headlesschrome",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)                     | bot     | facebookexternalhit",
        // cli
        "curl/8.4.0                                                                                    | cli     | curl",
        "Wget/1.21.4                                                                                   | cli     | wget",
        "HTTPie/3.2.2                                                                                  | cli     | httpie",
        "PostmanRuntime/7.36.0                                                                         | cli     | postmanruntime",
        "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.3031             | cli     | windowspowershell",
        // sdk
        "python-requests/2.31.0                                                                        | sdk     | python-requests",
        "Python-urllib/3.11                                                                            | sdk     | python-urllib",
        "Go-http-client/1.1                                                                            | sdk     | go-http-client",
        "Java-http-client/17.0.9                                                                       | sdk     | java-http-client",
        "Apache-HttpClient/4.5.14 (Java/17.0.9)                                                        | sdk     | apache-httpclient",
        "okhttp/4.12.0                                                                                 | sdk     | okhttp",
        "axios/1.6.2                                                                                   | sdk     | axios",
        "grpc-java-netty/1.60.0                                                                        | sdk     | grpc",
        "aws-sdk-java/2.21.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17                                     | sdk     | aws-sdk",
        "Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A)                                      | sdk     | dalvik",
        // browsers
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0                       | browser | firefox",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 | browser | chrome",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91 | browser | edge",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0 | browser | opera",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15 | browser | safari",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1 | browser | chrome",
        "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 | browser | chrome",
        "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)                              | browser | ie",
        "Mozilla/5.0                                                                                   | browser | other",
        // unknown and empty
        "MyCompanyApp/3.2 (build 41)                                                                   | unknown | other",
        "'   '                                                                                         | empty   | none",
        "''                                                                                            | empty   | none",
    })
    void classesAndFamilies(String userAgent, String uaClass, String family) {
        for (int pass = 1; pass <= 2; pass++) { // the second from the remembered verdict
            EventDraft draft = Events.draft(Events.bare().setUserAgent(userAgent), stage);

            assertThat(draft.build().getTagsMap()).as("pass %d", pass).containsEntry("ua.class", uaClass)
                    .containsEntry("ua.family", family);
            assertThat(draft.hasFlag(Flags.SCANNER_USER_AGENT)).isEqualTo(uaClass.equals("scanner"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Mozilla/5.0 ", "bot ", "a-", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ", "python-", "(;", "sqlmap"})
    void tenKilobyteHostileUserAgentsFinishInBoundedTime(String unit) {
        String hostile = Events.repeat(unit, 10 * 1024);

        assertTimeoutPreemptively(Duration.ofMillis(500), () -> Events.draft(Events.bare().setUserAgent(hostile), stage));
    }
}
