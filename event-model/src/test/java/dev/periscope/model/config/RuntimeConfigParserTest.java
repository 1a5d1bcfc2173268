package dev.periscope.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RuntimeConfigParserTest {

    @Test
    void defaultsAreThePrivacyPreservingOnes() {
        RuntimeConfig config = RuntimeConfig.defaults();
        Policy policy = config.policy();
        assertThat(config.version()).isZero();
        assertThat(policy.storeHeaders()).isFalse();
        assertThat(policy.headerAllowlist()).containsExactly("content-type", "user-agent", "x-request-id");
        assertThat(policy.hashSourceIp()).isTrue();
        assertThat(policy.hashUserAgent()).isTrue();
        assertThat(policy.storeRawSourceIp()).isFalse();
        assertThat(policy.storeRawUserAgent()).isFalse();
        assertThat(policy.rawSampleRate()).isEqualTo(1);
        assertThat(policy.queryParamsCap()).isEqualTo(50);
        assertThat(policy.maxPathBytes()).isEqualTo(8192);
        assertThat(policy.credentialParamNames()).contains("access_token", "api_key", "apikey", "token", "password",
                "secret", "client_secret", "sig", "signature").doesNotContain("key").hasSizeLessThanOrEqualTo(64);
        assertThat(policy.ingestDenyPatterns()).extracting(Pattern::pattern)
                .containsExactlyElementsOf(Policy.DEFAULT_INGEST_DENY_PATTERNS);
        assertThat(policy.exclude().isEmpty()).isTrue();
        assertThat(config.detection()).isEqualTo(Detection.defaults());
    }

    @Test
    void seededDenyPatternsCoverHealthMetricsAndStaticAssetsButNotApis() {
        List<Pattern> deny = RuntimeConfig.defaults().policy().ingestDenyPatterns();
        for (String noise : List.of("/healthz", "/readyz", "/livez", "/health", "/ping", "/metrics", "/favicon.ico",
                "/static/app.JS", "/assets/logo.png", "/fonts/a.woff2", "/main.css", "/app.js.map")) {
            assertThat(deny.stream().anyMatch(p -> p.matcher(noise).find())).as(noise).isTrue();
        }
        for (String api : List.of("/api/v1/health-records", "/api/v1/users", "/metrics/v2/series", "/json",
                "/api/v1/users/7/avatar.png/meta", "/healthz/details/x")) {
            assertThat(deny.stream().anyMatch(p -> p.matcher(api).find())).as(api).isFalse();
        }
    }

    @Test
    void aMinimalDocumentTakesEveryDefault() {
        RuntimeConfigResult result = RuntimeConfigParser.parse(Map.of("_id", "default", "version", 3));
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        RuntimeConfig config = result.config().orElseThrow();
        assertThat(config.version()).isEqualTo(3);
        assertThat(config.updatedAt()).isEmpty();
        assertThat(config.updatedBy()).isEmpty();
        assertThat(config.policy()).usingRecursiveComparison().ignoringFieldsOfTypes(Pattern.class)
                .isEqualTo(Policy.defaults());
    }

    @Test
    void aFullDocumentIsReadWithItsSnakeCaseNames() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_id", "default");
        doc.put("version", 7.0); // mongosh writes numbers as doubles
        doc.put("updated_at", Date.from(Instant.parse("2026-05-01T10:00:00Z")));
        doc.put("updated_by", "ops@example.com");
        doc.put("policy", Map.ofEntries(
                Map.entry("store_headers", true),
                Map.entry("header_allowlist", List.of("Content-Type", "X-Tenant")),
                Map.entry("hash_source_ip", false),
                Map.entry("hash_user_agent", false),
                Map.entry("store_raw_source_ip", true),
                Map.entry("store_raw_user_agent", true),
                Map.entry("raw_sample_rate", 10L),
                Map.entry("query_params_cap", 200),
                Map.entry("credential_param_names", List.of("Token", "otp")),
                Map.entry("ingest_deny_patterns", List.of("^/internal/")),
                Map.entry("max_path_bytes", 4096),
                Map.entry("trusted_proxy_cidrs", List.of("10.0.0.0/8")),
                Map.entry("trusted_tls_proxy_cidrs", List.of("192.168.0.0/16", "fd00::/8")),
                Map.entry("exclude", Map.of(
                        "methods", List.of("options", "TRACE"),
                        "hosts", List.of("^internal\\."),
                        "listeners", List.of("admin-listener"),
                        "projects", List.of("sandbox"),
                        "source_cidrs", List.of("10.0.0.0/8", "2001:db8::/32"),
                        "user_agents", List.of("kube-probe/")))));
        doc.put("detection", Map.of("detect_pii", false, "cookie_inspection", true, "cors_reflection_min_origins", 8,
                "bola", Map.of("enabled", true)));

        RuntimeConfigResult result = RuntimeConfigParser.parse(doc);

        assertThat(result.errors()).isEmpty();
        RuntimeConfig config = result.config().orElseThrow();
        assertThat(config.version()).isEqualTo(7);
        assertThat(config.updatedAt()).contains(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(config.updatedBy()).isEqualTo("ops@example.com");
        Policy policy = config.policy();
        assertThat(policy.storeHeaders()).isTrue();
        assertThat(policy.headerAllowlist()).containsExactly("content-type", "x-tenant");
        assertThat(policy.hashSourceIp()).isFalse();
        assertThat(policy.hashUserAgent()).isFalse();
        assertThat(policy.storeRawSourceIp()).isTrue();
        assertThat(policy.storeRawUserAgent()).isTrue();
        assertThat(policy.rawSampleRate()).isEqualTo(10);
        assertThat(policy.queryParamsCap()).isEqualTo(200);
        assertThat(policy.credentialParamNames()).containsExactly("token", "otp");
        assertThat(policy.ingestDenyPatterns()).extracting(Pattern::pattern).containsExactly("^/internal/");
        assertThat(policy.maxPathBytes()).isEqualTo(4096);
        assertThat(policy.trustedProxyCidrs()).extracting(CidrBlock::toString).containsExactly("10.0.0.0/8");
        assertThat(policy.trustedTlsProxyCidrs()).hasSize(2);
        Exclude exclude = policy.exclude();
        assertThat(exclude.methods()).containsExactlyInAnyOrder("OPTIONS", "TRACE");
        assertThat(exclude.hosts()).singleElement().satisfies(p -> {
            assertThat(p.matcher("INTERNAL.example.com").find()).isTrue();
        });
        assertThat(exclude.listeners()).containsExactly("admin-listener");
        assertThat(exclude.projects()).containsExactly("sandbox");
        assertThat(exclude.sourceCidrs()).hasSize(2);
        assertThat(exclude.userAgents()).singleElement().satisfies(p -> {
            assertThat(p.matcher("kube-probe/1.29").find()).isTrue();
            assertThat(p.matcher("KUBE-PROBE/1.29").find()).as("user-agent regexes are case-sensitive").isFalse();
        });
        assertThat(config.detection()).isEqualTo(new Detection(false, true, true, 8));
    }

    @Test
    void emptyListsMeanNothingNotTheDefault() {
        RuntimeConfig config = RuntimeConfigParser.parse(Map.of("version", 1, "policy",
                Map.of("credential_param_names", List.of(), "ingest_deny_patterns", List.of(),
                        "header_allowlist", List.of()))).config().orElseThrow();
        assertThat(config.policy().credentialParamNames()).isEmpty();
        assertThat(config.policy().isCredentialParamName("token")).isFalse();
        assertThat(config.policy().ingestDenyPatterns()).isEmpty();
        assertThat(config.policy().headerAllowlist()).isEmpty();
    }

    @Test
    void nullValuesTakeTheirDefaultsIncludingTheRawStoragePrivacyDefault() {
        Map<String, Object> policy = new HashMap<>();
        policy.put("store_raw_source_ip", null);
        policy.put("store_raw_user_agent", null);
        policy.put("query_params_cap", null);
        Map<String, Object> doc = new HashMap<>();
        doc.put("version", 1);
        doc.put("policy", policy);
        doc.put("detection", null);
        RuntimeConfig config = RuntimeConfigParser.parse(doc).config().orElseThrow();
        assertThat(config.policy().storeRawSourceIp()).isFalse();
        assertThat(config.policy().storeRawUserAgent()).isFalse();
        assertThat(config.policy().queryParamsCap()).isEqualTo(50);
    }

    @Test
    void everyErrorIsReportedAtOnceAndNoConfigIsProduced() {
        Map<String, Object> doc = Map.of("version", 9, "policy", Map.of(
                "query_params_cap", 0,
                "raw_sample_rate", -1,
                "max_path_bytes", 10,
                "ingest_deny_patterns", List.of("^/ok$", "([unclosed", ""),
                "trusted_tls_proxy_cidrs", List.of("0.0.0.0/0", "::/0", "10.0.0.0/8"),
                "exclude", Map.of(
                        "methods", List.of("GET", "not a method"),
                        "hosts", List.of("*.example.com"),
                        "listeners", List.of(" padded "),
                        "projects", List.of(""),
                        "source_cidrs", List.of("10.0.0.0/33", "not-a-cidr"),
                        "user_agents", List.of("(?<name"))),
                "detection", Map.of("cors_reflection_min_origins", 9));

        RuntimeConfigResult result = RuntimeConfigParser.parse(doc);

        assertThat(result.valid()).isFalse();
        assertThat(result.config()).isEmpty();
        assertThat(result.errors()).hasSize(15).anySatisfy(e -> assertThat(e)
                .startsWith("policy.query_params_cap: must be between 1 and 200, got 0"));
        assertThat(result.errors()).extracting(e -> e.substring(0, e.indexOf(':'))).containsExactlyInAnyOrder(
                "policy.ingest_deny_patterns[1]", "policy.ingest_deny_patterns[2]",
                "policy.exclude.methods[1]", "policy.exclude.hosts[0]", "policy.exclude.listeners[0]",
                "policy.exclude.projects[0]", "policy.exclude.source_cidrs[0]", "policy.exclude.source_cidrs[1]",
                "policy.exclude.user_agents[0]", "policy.trusted_tls_proxy_cidrs[0]",
                "policy.trusted_tls_proxy_cidrs[1]", "policy.raw_sample_rate", "policy.query_params_cap",
                "policy.max_path_bytes", "detection.cors_reflection_min_origins");
        assertThat(result.errorSummary()).contains("invalid regex '([unclosed'").doesNotContain("\n");
    }

    @Test
    void listSizesAreCapped() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            names.add("name" + i);
        }
        List<String> cidrs = new ArrayList<>(Collections.nCopies(65, "10.0.0.0/8"));
        RuntimeConfigResult result = RuntimeConfigParser.parse(Map.of("version", 1, "policy",
                Map.of("credential_param_names", names, "trusted_tls_proxy_cidrs", cidrs,
                        "header_allowlist", names)));
        assertThat(result.errors()).containsExactlyInAnyOrder(
                "policy.header_allowlist: at most 64 entries, got 65",
                "policy.credential_param_names: at most 64 entries, got 65",
                "policy.trusted_tls_proxy_cidrs: at most 64 entries, got 65");

        List<String> many = new ArrayList<>(Collections.nCopies(257, "^/x"));
        assertThat(RuntimeConfigParser.parse(Map.of("version", 1, "policy", Map.of("ingest_deny_patterns", many,
                "exclude", Map.of("user_agents", many)))).errors()).containsExactlyInAnyOrder(
                        "policy.ingest_deny_patterns: at most 256 entries, got 257",
                        "policy.exclude.user_agents: at most 256 entries, got 257");
    }

    @Test
    void typeMismatchesAreErrorsNamingTheField() {
        Map<String, Object> doc = Map.of("version", "two", "updated_at", "yesterday", "updated_by", 5,
                "policy", Map.of("store_headers", "yes", "query_params_cap", 2.5,
                        "header_allowlist", "content-type", "ingest_deny_patterns", List.of("^/a", 3),
                        "exclude", List.of("GET")),
                "detection", "on");
        RuntimeConfigResult result = RuntimeConfigParser.parse(doc);
        assertThat(result.errors()).containsExactlyInAnyOrder(
                "version: expected an integer, got a string",
                "updated_at: expected an ISO-8601 timestamp, got 'yesterday'",
                "updated_by: expected a string, got a number",
                "policy.store_headers: expected true or false, got a string",
                "policy.query_params_cap: expected an integer, got the number 2.5",
                "policy.header_allowlist: expected a list of strings, got a string",
                "policy.ingest_deny_patterns[1]: expected a string, got a number",
                "policy.exclude: expected an object, got a list",
                "detection: expected an object, got a string");
    }

    @Test
    void versionIsRequiredAndPositive() {
        assertThat(RuntimeConfigParser.parse(Map.of()).errors()).containsExactly("version: required");
        assertThat(RuntimeConfigParser.parse(Map.of("version", 0)).errors())
                .containsExactly("version: must be at least 1, got 0");
        assertThat(RuntimeConfigParser.parse(null).errors()).contains("document: missing");
    }

    @Test
    void updatedAtAcceptsDatesIsoStringsAndEpochMillis() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(RuntimeConfigParser.parse(Map.of("version", 1, "updated_at", "2026-01-02T03:04:05Z"))
                .config().orElseThrow().updatedAt()).contains(at);
        assertThat(RuntimeConfigParser.parse(Map.of("version", 1, "updated_at", at.toEpochMilli()))
                .config().orElseThrow().updatedAt()).contains(at);
        assertThat(RuntimeConfigParser.parse(Map.of("version", 1, "updated_at", at))
                .config().orElseThrow().updatedAt()).contains(at);
    }

    @Test
    void unknownFieldsAreWarningsNotErrors() {
        RuntimeConfigResult result = RuntimeConfigParser.parse(Map.of("version", 1, "polcy", Map.of(),
                "policy", Map.of("exlude", Map.of(), "consumers_cap", 10, "exclude", Map.of("ip", List.of())),
                "detection", Map.of("bola", Map.of("enabled", false))));
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).containsExactlyInAnyOrder("polcy: unknown field, ignored",
                "policy.exlude: unknown field, ignored", "policy.exclude.ip: unknown field, ignored");
    }

    @Test
    void sensitiveHeadersInTheAllowlistAreWarnedAboutAndNeverForwardable() {
        RuntimeConfigResult result = RuntimeConfigParser.parse(Map.of("version", 1, "policy",
                Map.of("header_allowlist", List.of("Authorization", "x-tenant", "x-tenant"))));
        Policy policy = result.config().orElseThrow().policy();
        assertThat(result.warnings()).containsExactly(
                "policy.header_allowlist: 'authorization' is never forwarded (sensitive header)");
        assertThat(policy.headerAllowlist()).containsExactly("authorization", "x-tenant");
        assertThat(policy.forwardableHeaders()).containsExactly("x-tenant");
        assertThat(Policy.NEVER_FORWARDED_HEADERS).hasSize(14);
    }

    @Test
    void credentialParamNamesMatchExactlyWithBracketsOrAsSuffix() {
        Policy policy = RuntimeConfig.defaults().policy();
        assertThat(policy.isCredentialParamName("access_token")).isTrue();
        assertThat(policy.isCredentialParamName("API_KEY")).isTrue();
        assertThat(policy.isCredentialParamName("token[]")).isTrue();
        assertThat(policy.isCredentialParamName("token[0]")).isTrue();
        assertThat(policy.isCredentialParamName("github_token")).isTrue();
        assertThat(policy.isCredentialParamName("X-Amz-Signature")).isTrue();
        assertThat(policy.isCredentialParamName("tokens")).isFalse();
        assertThat(policy.isCredentialParamName("page")).isFalse();
        assertThat(policy.isCredentialParamName("_token")).isFalse();
        assertThat(policy.isCredentialParamName("")).isFalse();
        assertThat(policy.isCredentialParamName(null)).isFalse();
    }

    @Test
    void tooManyErrorsAreSummarized() {
        List<String> bad = new ArrayList<>(Collections.nCopies(80, "("));
        RuntimeConfigResult result = RuntimeConfigParser.parse(Map.of("version", 1, "policy",
                Map.of("ingest_deny_patterns", bad)));
        assertThat(result.errors()).hasSize(51).last().isEqualTo("… and 30 more errors");
    }

    @Test
    void validatorAcceptsASpecDirectly() {
        RuntimeConfigResult result = RuntimeConfigValidator.validate(
                new RuntimeConfigSpec(4L, null, "tool", null, null));
        assertThat(result.config().orElseThrow().version()).isEqualTo(4);
        assertThat(result.config().orElseThrow().policy().maxPathBytes()).isEqualTo(8192);
    }

    @Test
    void readReportsTypeErrorsWithoutValidating() {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RuntimeConfigSpec spec = RuntimeConfigParser.read(Map.of("version", 2, "policy",
                Map.of("query_params_cap", 999, "store_headers", 1)), errors, warnings);
        assertThat(spec.policy().queryParamsCap()).isEqualTo(999);
        assertThat(errors).containsExactly("policy.store_headers: expected true or false, got a number");
    }

    @Test
    void consumersCapDefaultsToTenWithinOneToAHundred() {
        assertThat(Policy.defaults().consumersCap()).isEqualTo(10);
        assertThat(RuntimeConfigParser.parse(Map.of("version", 2, "policy", Map.of("consumers_cap", 25))).config()
                .orElseThrow().policy().consumersCap()).isEqualTo(25);
        assertThat(RuntimeConfigParser.parse(Map.of("version", 2, "policy", Map.of("consumers_cap", 101))).errors())
                .containsExactly("policy.consumers_cap: must be between 1 and 100, got 101");
    }
}
