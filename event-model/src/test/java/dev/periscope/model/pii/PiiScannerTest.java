package dev.periscope.model.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiScannerTest {
    private final PiiScanner scanner = new PiiScanner();

    /** value | context name | expected category ("-" = no match) | reportable */
    @ParameterizedTest(name = "[{index}] {0} under {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            john.doe@example.com              | users       | email       | true
            a+tag@mail.co.uk                  | null        | email       | true
            JOHN@EXAMPLE.COM                  | null        | email       | true
            logo@2x.png                       | img         | -           | false
            icon@3x.webp                      | null        | -           | false
            bundle@1.2.3.js                   | null        | -           | false
            robot@my-project.iam.gserviceaccount.com | sa   | email       | false
            user@localhost                    | null        | -           | false
            @example.com                      | null        | -           | false
            a@b@example.com                   | null        | -           | false
            john@example.c0m                  | null        | -           | false
            .john@example.com                 | null        | -           | false
            john..doe@example.com             | null        | -           | false
            john@-example.com                 | null        | -           | false
            +90 532 123 45 67                 | null        | phone       | true
            +1-212-555-0100                   | null        | phone       | true
            +14155550100                      | users       | phone       | true
            +44 (0) 20 7946 0958              | null        | phone       | true
            +0123456789                       | null        | -           | false
            +12345                            | null        | -           | false
            +1--212-555-0100                  | null        | -           | false
            +1 212 555 0100 x                 | null        | -           | false
            (212) 555-0100                    | null        | phone       | true
            (212)555-0100                     | null        | phone       | true
            (1) 2                             | null        | -           | false
            2125550100                        | phone       | phone       | true
            212-555-0100                      | mobile_number | phone     | true
            05321234567                       | msisdn      | phone       | true
            2125550100                        | tel         | phone       | true
            2125550100                        | users       | -           | false
            2125550100                        | hotel       | -           | false
            123456                            | phone       | -           | false
            123-45-6789                       | ssn         | ssn         | true
            123456789                         | ssn         | ssn         | true
            123-45-6789                       | tax_id      | ssn         | true
            123-45-6789                       | taxId       | ssn         | true
            123-45-6789                       | tin         | ssn         | true
            123-45-6789                       | users       | ssn         | false
            123456789                         | users       | -           | false
            000-45-6789                       | ssn         | -           | false
            666-45-6789                       | ssn         | -           | false
            900-45-6789                       | ssn         | -           | false
            123-00-6789                       | ssn         | -           | false
            123-45-0000                       | ssn         | -           | false
            123456789                         | latin       | -           | false
            4111111111111111                  | cards       | credit_card | true
            4111111111111111                  | card_number | credit_card | true
            4111111111111111                  | cardNumber  | credit_card | true
            4111111111111111                  | cc          | credit_card | true
            4111111111111111                  | pan         | credit_card | true
            4111 1111 1111 1111               | null        | credit_card | true
            4111-1111-1111-1111               | orders      | credit_card | true
            4111111111111111                  | orders      | -           | false
            4111111111111111                  | company     | -           | false
            4111111111111111                  | dashboard   | -           | false
            4111111111111112                  | cards       | -           | false
            4111-1111-1111-1112               | null        | -           | false
            4111 1111-1111 1111               | null        | -           | false
            3782 822463 10005                 | null        | -           | false
            378282246310005                   | card        | credit_card | true
            0000000000000000                  | card        | -           | false
            DE89370400440532013000            | accounts    | iban        | true
            GB82WEST12345698765432            | null        | iban        | true
            GB82 WEST 1234 5698 7654 32       | null        | iban        | true
            TR330006100519786457841326        | null        | iban        | true
            DE89370400440532013001            | null        | -           | false
            GB82WEST1234569876543             | null        | -           | false
            de89370400440532013000            | null        | -           | false
            DE8937040044                      | null        | -           | false
            USERS                             | null        | -           | false
            2024-11-05                        | null        | -           | false
            1-101672939043002                 | null        | -           | false
            12345                             | null        | -           | false
            v1                                | null        | -           | false
            oauth2                            | null        | -           | false
            """)
    void recognisesShapesAndGates(String value, String context, String category, boolean reportable) {
        Optional<PiiMatch> match = scanner.scan(value, context);
        if (category.equals("-")) {
            assertThat(match).as(value).isEmpty();
        } else {
            assertThat(match).as(value).isPresent();
            assertThat(match.get().category().wireName()).isEqualTo(category);
            assertThat(match.get().reportable()).as("reportable " + value).isEqualTo(reportable);
        }
    }

    @Test
    void nullEmptyAndOverlongValuesAreNoShape() {
        assertThat(scanner.scan(null, "email")).isEmpty();
        assertThat(scanner.scan("", "email")).isEmpty();
        assertThat(scanner.scan("a".repeat(250) + "@example.com", null)).isEmpty();
        assertThat(scanner.scan("4111111111111111", "c".repeat(100) + "card")).isEmpty();
    }

    @Test
    void luhnAgreesWithKnownNumbers() {
        assertThat(CardShape.luhn("79927398713")).isTrue();
        assertThat(CardShape.luhn("79927398710")).isFalse();
        assertThat(CardShape.luhn("5500 0000 0000 0004")).isTrue();
    }

    /**
     * 10 KB hostile values cost no more than ordinary short ones: the bound is relative to a baseline measured in
     * the same run (50× per scan, generous for JIT and a busy machine; per-character work on 10 KB would be
     * hundreds of times slower).
     */
    @Test
    void tenKilobyteAdversarialValuesAreRejectedInBoundedTime() {
        String[] hostile = {"a".repeat(10_000) + "!", "@".repeat(10_000), "+" + "1".repeat(10_000),
                "(" + "1 ".repeat(5_000), "A".repeat(10_000), "1-".repeat(5_000), "a.".repeat(5_000) + "@x.com"};
        String[] ordinary = {"john@example.com", "+14155550100", "(212) 555-0100", "DE89370400440532013000",
                "4111 1111 1111 1111", "123-45-6789", "orders"};
        long baseline = Long.MAX_VALUE;
        long attack = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            baseline = Math.min(baseline, time(ordinary));
            attack = Math.min(attack, time(hostile));
        }
        for (String value : hostile) {
            assertThat(scanner.match(value, "phone")).isNull();
        }
        assertThat(attack).as("hostile %d ns vs ordinary %d ns", attack, baseline)
                .isLessThan(Math.max(baseline, 100_000L) * 50);
    }

    private long time(String[] values) {
        long start = System.nanoTime();
        int hits = 0;
        for (int i = 0; i < 1_000; i++) {
            for (String value : values) {
                hits += scanner.match(value, "phone") == null ? 0 : 1;
            }
        }
        long elapsed = System.nanoTime() - start;
        return hits >= 0 ? elapsed : -elapsed;
    }
}
