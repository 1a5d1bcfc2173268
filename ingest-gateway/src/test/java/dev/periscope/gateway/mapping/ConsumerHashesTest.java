package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.gateway.privacy.AuthInspector;
import dev.periscope.model.HashSalt;
import dev.periscope.model.SaltedHasher;

class ConsumerHashesTest {
    private final SaltedHasher hasher = HashSalt.parse("consumer-hashes-0123456789abcdef0123").hasher();
    private final ConsumerHashes hashes = new ConsumerHashes(hasher);

    @ParameterizedTest(name = "{0}: kept {2}")
    @CsvSource({
        "jwt,    user-42,                         true",
        "mtls,   'CN=billing-client,O=Acme',      true",
        "apikey, ak_live_9f8e7d6c5b4a,            false",
        "basic,  svc-reporting,                   false"})
    void hashesLikeTheHasherAndKeepsOnlyLabelsNeverSecrets(String scheme, String identity, boolean kept) {
        AuthInspector.Consumer consumer = new AuthInspector.Consumer(scheme, identity);

        assertThat(hashes.hash(consumer)).isEqualTo(hasher.hash(identity));
        assertThat(hashes.hash(consumer)).isEqualTo(hasher.hash(identity));
        assertThat(hashes.holds(identity)).isEqualTo(kept);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jwt", "mtls"})
    void manyMoreIdentitiesThanSlotsEachGetTheirOwnHashAndLongOnesAreNotKept(String scheme) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < ConsumerHashes.SLOTS * 3; i++) {
                String identity = "user-" + i;
                assertThat(hashes.hash(new AuthInspector.Consumer(scheme, identity))).isEqualTo(hasher.hash(identity));
            }
        }
        String longIdentity = "x".repeat(ConsumerHashes.MAX_CACHED_CHARS + 1);
        assertThat(hashes.hash(new AuthInspector.Consumer(scheme, longIdentity))).isEqualTo(hasher.hash(longIdentity));
        assertThat(hashes.holds(longIdentity)).isFalse();
    }
}
