package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParamsTest {
    private static final PrivacyPolicy POLICY = PrivacyPolicy.defaults();

    @Test
    void namesAreDecodedDeduplicatedAndValuesNeverKept() {
        QueryParams.Names names = QueryParams.of("status=open&page=2&status=closed&first%20name=SECRET1"
                + "&flag&=orphan&caf%C3%A9=x&a+b=SECRET2&%FF=y", POLICY);

        assertThat(names.names()).containsExactly("status", "page", "first name", "flag", "caf\u00e9", "a b",
                "\uFFFD");
        assertThat(names.credentialInQuery()).isFalse();
        assertThat(names.capped()).isFalse();
        assertThat(String.join(",", names.names())).doesNotContain("SECRET").doesNotContain("open");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "access_token=abc|true",
            "page=1&API_KEY=abc|true",
            "tokens[]=a|false",
            "token%5B%5D=a|true",
            "pass%77ord=x|true",
            "github_token=x|true",
            "q=token&v=password|false",
            "sig=abc|true",
    })
    void credentialInQueryLooksAtNamesOnly(String query, boolean flagged) {
        assertThat(QueryParams.of(query, POLICY).credentialInQuery()).isEqualTo(flagged);
    }

    @Test
    void capKeepsTheFirstNamesButStillFlagsLaterCredentials() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            query.append(i == 9_000 ? "password" : "p" + i).append("=v").append(i).append('&');
        }
        long started = System.nanoTime();
        QueryParams.Names names = QueryParams.of(query.toString(), POLICY);

        assertThat(names.names()).hasSize(50).startsWith("p0", "p1").endsWith("p49");
        assertThat(names.capped()).isTrue();
        assertThat(names.credentialInQuery()).isTrue();
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void capFromThePolicyAndZeroKeepsNone() {
        assertThat(QueryParams.of("a=1&b=2&c=3", POLICY.withQueryParamsCap(2)).names()).containsExactly("a", "b");
        QueryParams.Names none = QueryParams.of("a=1&token=2", POLICY.withQueryParamsCap(0));
        assertThat(none.names()).isEmpty();
        assertThat(none.credentialInQuery()).isTrue();
    }

    @Test
    void hugeNamesAreCutAndControlCharactersStripped() {
        QueryParams.Names names = QueryParams.of("x".repeat(100_000) + "=1&a%00b%0D%0A=2", POLICY);

        assertThat(names.names()).hasSize(2);
        assertThat(names.names().get(0)).hasSize(QueryParams.MAX_NAME_BYTES);
        assertThat(names.names().get(1)).isEqualTo("ab");
    }

    @Test
    void emptyQueries() {
        assertThat(QueryParams.of("", POLICY)).isEqualTo(QueryParams.Names.NONE);
        assertThat(QueryParams.of("&&&=&", POLICY).names()).isEqualTo(List.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "email=jane.doe%40example.com|email",
            "to=jane.doe@example.com&page=2|email",
            "img=logo%402x.png|''",
            "phone=%2B44%2020%207946%200958|phone",
            "n=4111111111111111|''",
            "card_number=4111111111111111|credit_card",
            "cc=4111-1111-1111-1111|credit_card",
            "ssn=123-45-6789|ssn",
            "iban=GB82WEST12345698765432|iban",
            "iban=GB82WEST12345698765431|''",
            "q=hello&page=2|''",
    })
    void valuesYieldCategoriesNeverValues(String query, String category) {
        QueryParams.Names names = QueryParams.of(query, POLICY);

        assertThat(names.valueCategories()).isEqualTo(category.isEmpty() ? List.of() : List.of(category));
        assertThat(names.toString()).doesNotContain("jane").doesNotContain("4111").doesNotContain("GB82");
    }

    @Test
    void aJwtInAValueIsACategory() {
        QueryParams.Names names = QueryParams.of("id_token=" + Tokens.jwt("{\"sub\":\"u-1\"}") + "&x=1", POLICY);

        assertThat(names.valueCategories()).containsExactly("jwt");
        assertThat(names.credentialInQuery()).isTrue();
    }

    @Test
    void onlyTheFirstValuesAreScannedAndHugeValuesSkipped() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < QueryParams.MAX_VALUES_SCANNED; i++) {
            query.append("p").append(i).append("=x&");
        }
        query.append("late=jane%40example.com&huge=").append("a".repeat(QueryParams.MAX_VALUE_CHARS))
                .append("%40example.com");

        assertThat(QueryParams.of(query.toString(), POLICY).valueCategories()).isEmpty();
        assertThat(QueryParams.of("huge=" + "a".repeat(QueryParams.MAX_VALUE_CHARS) + "%40example.com", POLICY)
                .valueCategories()).isEmpty();
    }
}
