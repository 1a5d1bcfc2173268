package dev.periscope.readiness.auth;

/**
 * Bearer tokens of the test token file {@code src/test/resources/auth/test-tokens.txt} (wired by
 * {@code %test.periscope.readiness.auth.token-file}). Test-only secrets: the file holds their SHA-256.
 *
 * <pre>given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ))</pre>
 */
public final class TestTokens {
    public static final String HEADER = "Authorization";

    /** id {@code test-reader}: {@code readiness:read} — every GET under /api. */
    public static final String READ = "test-read-dAGIo1S3pCrGmGJZ2956BzGgTBVxlXJtiFv7AJMAFrI";
    /** id {@code test-driller}: {@code readiness:read}, {@code drills:run} — also POST /api/drills/**, POST /api/backups. */
    public static final String DRILLS = "test-drills-36W7J0VkBrhvBQ2vtr1XQVWwiY0WVMBX3h22as_d-bc";
    /** id {@code test-admin}: {@code admin}, which includes every other scope. */
    public static final String ADMIN = "test-admin-JfuDpACp5JNpGyFaWjwW5jCEYkvOVZ5N7WGomjfcI2g";
    /** id {@code test-drills-only}: {@code drills:run} without {@code readiness:read} (for 403 tests). */
    public static final String DRILLS_ONLY = "test-drillsonly-945ed_Ot2d-C3AzV_34uL1fnNtGhxaVCnv4HklE6fgY";

    public static final String READ_ID = "test-reader";
    public static final String DRILLS_ID = "test-driller";
    public static final String ADMIN_ID = "test-admin";
    public static final String DRILLS_ONLY_ID = "test-drills-only";

    private TestTokens() {
    }

    /** The value of the Authorization header for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
