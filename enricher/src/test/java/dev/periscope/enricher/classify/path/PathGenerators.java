package dev.periscope.enricher.classify.path;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Hand-rolled generators for the property tests: seeded {@link Random}, so a failure names its seed and
 * reproduces. (jqwik was considered; see the README's testing section for why it is not used.)
 */
final class PathGenerators {
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    static final String ALNUM = LOWER + UPPER + DIGITS;
    static final String HEX = "0123456789abcdef";
    static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final String BASE64URL = ALNUM + "-_";
    static final List<String> WORDS = List.of("api", "users", "orders", "v1", "v2beta", "items", "search", "me",
            "oauth2", "sha256", "utf-8", "login", "admin", "static", "app.js", "logo.png", "logo@2x.png", "health");

    /** A kind of sensitive value: how to make one and the previous segment that names it (or none). */
    record Sensitive(String name, String context, Function<Random, String> make) {
    }

    static final List<Sensitive> SENSITIVE = List.of(
            new Sensitive("email", null, PathGenerators::email),
            new Sensitive("email-encoded", null, r -> email(r).replace("@", "%40")),
            new Sensitive("phone", null, PathGenerators::internationalPhone),
            new Sensitive("card-grouped", null, r -> grouped(luhnNumber(r, 16), r.nextBoolean() ? "-" : "%20")),
            new Sensitive("card-named", "cards", r -> luhnNumber(r, 13 + r.nextInt(7))),
            new Sensitive("ssn", "ssn", PathGenerators::ssn),
            new Sensitive("iban", null, PathGenerators::iban),
            new Sensitive("aws", null, r -> "AKIA" + string(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
            new Sensitive("github", null, r -> "ghp_" + string(r, ALNUM, 36)),
            new Sensitive("stripe", null, r -> "sk_live_" + string(r, ALNUM, 24 + r.nextInt(40))),
            new Sensitive("slack", null, r -> "xoxb-" + string(r, DIGITS, 12) + "-" + string(r, ALNUM, 24)),
            new Sensitive("gitlab", null, r -> "glpat-" + string(r, ALNUM, 20)),
            new Sensitive("shopify", null, r -> "shpat_" + string(r, HEX, 32)),
            new Sensitive("jwt", null, PathGenerators::jwt));

    private PathGenerators() {
    }

    static String string(Random r, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static String email(Random r) {
        String local = (string(r, LOWER, 1) + string(r, LOWER + DIGITS + "._+-", r.nextInt(12)) + string(r, LOWER, 1))
                .replaceAll("\\.{2,}", "."); // a dot-atom never has two dots in a row
        String domain = string(r, LOWER, 2 + r.nextInt(10));
        return local + "@" + domain + "." + List.of("com", "org", "net", "io", "de", "co.uk").get(r.nextInt(6));
    }

    static String internationalPhone(Random r) {
        String digits = (1 + r.nextInt(9)) + string(r, DIGITS, 7 + r.nextInt(7));
        StringBuilder s = new StringBuilder("+");
        for (int i = 0; i < digits.length(); i++) {
            s.append(digits.charAt(i));
            if (i > 0 && i < digits.length() - 1 && r.nextInt(4) == 0) {
                s.append(r.nextBoolean() ? "-" : "%20");
            }
        }
        return s.toString();
    }

    static String luhnNumber(Random r, int length) {
        while (true) {
            String body = (1 + r.nextInt(9)) + string(r, DIGITS, length - 2);
            for (int check = 0; check < 10; check++) {
                String candidate = body + check;
                if (luhn(candidate)) {
                    return candidate;
                }
            }
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    static String grouped(String sixteen, String separator) {
        return sixteen.substring(0, 4) + separator + sixteen.substring(4, 8) + separator + sixteen.substring(8, 12)
                + separator + sixteen.substring(12);
    }

    static String ssn(Random r) {
        int area = 1 + r.nextInt(899);
        if (area == 666) {
            area = 665;
        }
        return String.format("%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    /** A German IBAN with correct check digits. */
    static String iban(Random r) {
        String bban = string(r, DIGITS, 18);
        BigInteger rearranged = new BigInteger(bban + "1314" + "00"); // D=13, E=14
        int check = 98 - rearranged.mod(BigInteger.valueOf(97)).intValue();
        return "DE" + String.format("%02d", check) + bban;
    }

    static String jwt(Random r) {
        return "eyJ" + string(r, BASE64URL, 20 + r.nextInt(20)) + ".eyJ" + string(r, BASE64URL, 20 + r.nextInt(40))
                + "." + string(r, BASE64URL, 43);
    }

    /** A segment that is none of the sensitive kinds: a word, an id of some shape, or printable junk. */
    static String ordinarySegment(Random r) {
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> WORDS.get(r.nextInt(WORDS.size()));
            case 3 -> Long.toString(r.nextLong() & Long.MAX_VALUE);
            case 4 -> UUID.randomUUID().toString();
            case 5 -> string(r, HEX, 24);
            case 6 -> string(r, LOWER, 2) + string(r, DIGITS, 2 + r.nextInt(3));
            case 7 -> string(r, ALNUM, 24 + r.nextInt(16));
            case 8 -> string(r, "abc.%2e5cfABC;~!$&'()*+,=:@", 1 + r.nextInt(12));
            default -> "";
        };
    }
}
