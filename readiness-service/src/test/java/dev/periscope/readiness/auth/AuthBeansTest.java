package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refuses a missing, unset or weak token file, and a wildcard CORS allow-list. */
class AuthBeansTest {
    private final AuthBeans beans = new AuthBeans();

    @TempDir
    Path dir;

    @Test
    void anEnabledAuthWithoutTokenFileRefusesToStart() {
        assertThatThrownBy(() -> beans.tokenRegistry(config(true, Optional.empty())))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("startup refused: auth is enabled and periscope.readiness.auth.token-file");
        assertThatThrownBy(() -> beans.tokenRegistry(config(true, Optional.of(" "))))
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> beans.tokenRegistry(config(true, Optional.of(dir.resolve("absent").toString()))))
                .hasMessageContaining("startup refused: token file").hasMessageContaining("does not exist");
    }

    @Test
    void aWeakTokenRefusesToStart() throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "ops admin plain:changeme\n");
        assertThatThrownBy(() -> beans.tokenRegistry(config(true, Optional.of(file.toString()))))
                .hasMessage("startup refused: " + file + ":1: token 'ops' is weak: a known default token");
    }

    @Test
    void aGoodFileLoadsAndDisabledAuthNeedsNone() throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "ops admin plain:" + "k".repeat(40) + "\n");
        assertThat(beans.tokenRegistry(config(true, Optional.of(file.toString()))).tokens())
                .extracting(ApiToken::id).containsExactly("ops");
        assertThat(beans.tokenRegistry(config(false, Optional.empty())).tokens()).isEmpty();
    }

    @Test
    void aWildcardCorsAllowListRefusesToStart() {
        TokenRegistry tokens = new TokenRegistry(List.of());
        assertThatThrownBy(() -> beans.checkAtStartup(null, config(false, Optional.empty()), tokens,
                new CorsSettings(Optional.of(List.of("https://a.example", "*")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("startup refused: quarkus.http.cors.origins lets every origin in");
        beans.checkAtStartup(null, config(false, Optional.empty()), tokens,
                new CorsSettings(Optional.of(List.of("https://a.example"))));
    }

    static AuthConfig config(boolean enabled, Optional<String> tokenFile) {
        return new AuthConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> tokenFile() {
                return tokenFile;
            }

            @Override
            public Lockout lockout() {
                return new Lockout() {
                    @Override
                    public int maxFailures() {
                        return 5;
                    }

                    @Override
                    public Duration window() {
                        return Duration.ofMinutes(15);
                    }

                    @Override
                    public Duration coolDown() {
                        return Duration.ofMinutes(15);
                    }
                };
            }

            @Override
            public Duration streamTicketTtl() {
                return Duration.ofSeconds(60);
            }

            @Override
            public String auditCollection() {
                return "readiness_audit";
            }
        };
    }
}
