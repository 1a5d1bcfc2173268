package dev.periscope.enricher.classify.stages;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.cache.DirectMappedCache;

/**
 * {@code tags["ua.class"]} ∈ scanner, bot, monitor, sdk, cli, browser, empty, unknown and {@code tags["ua.family"]}
 * (the tool or browser: {@code sqlmap}, {@code googlebot}, {@code curl}, {@code python-requests}, {@code chrome}, …;
 * {@code none} for an empty user agent, {@code other} when unknown); a scanner also raises
 * {@code scanner_user_agent}.
 * <p>
 * The user agent is cut into lower-case words (runs of letters and digits) and every word, and every pair of
 * adjacent words and of three joined by {@code -} ({@code python-requests}, {@code kube-probe},
 * {@code go-http-client}), is looked up in one table. Of all
 * hits the strongest wins, security first: scanner, then monitor, bot, cli, sdk, and browser last, so
 * {@code Mozilla/5.0 … sqlmap/1.7} is a scanner and {@code Mozilla/5.0 (compatible; Googlebot/2.1)} a bot. Among
 * browsers the more specific engine wins (Edge and Opera over Chrome, Chrome over Safari). Words ending in
 * {@code bot}, {@code spider} or {@code crawler} that the table does not name are bots of that family (except a
 * few device names such as {@code cubot}); a {@code Mozilla} word alone is a browser of family {@code other}.
 * <p>
 * Linear in the user agent's length, with at most {@link #MAX_CHARS} characters looked at (the gateway keeps
 * 1 KB).
 * <p>
 * Order: anywhere before {@link ConfirmedStage} (which reads {@code scanner_user_agent}).
 */
public final class UserAgentStage implements ClassificationStage {
    public static final String CLASS_TAG = "ua.class";
    public static final String FAMILY_TAG = "ua.family";
    /** Characters of a user agent looked at. */
    static final int MAX_CHARS = 4 * 1024;
    /** Words longer than this are not looked up (no table entry is that long). */
    private static final int MAX_WORD_CHARS = 40;
    /** User agents up to this long have their verdict remembered (clients repeat theirs on every call). */
    static final int REMEMBERED_CHARS = 512;

    private final DirectMappedCache<String, Verdict> verdicts = new DirectMappedCache<>(1024);

    private enum UaClass {
        SCANNER, MONITOR, BOT, CLI, SDK, BROWSER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Entry(UaClass uaClass, String family, int rank) {
    }

    private static final Map<String, Entry> TABLE = new HashMap<>();
    /** Words that start a multi-word table entry: only after them is a pair or triple worth building. */
    private static final Set<String> FIRST_WORDS = new HashSet<>();
    /** Device names that end in "bot" but are phones, not crawlers. */
    private static final Set<String> NOT_BOTS = Set.of("cubot");

    static {
        int rank = 0;
        rank = add(rank, UaClass.SCANNER, "sqlmap", "nikto", "nuclei", "zgrab", "masscan", "nmap", "zmap", "wpscan",
                "gobuster", "dirbuster", "dirb", "ffuf", "feroxbuster", "wfuzz", "acunetix", "nessus", "openvas",
                "qualys", "burp", "burpsuite", "netsparker", "appscan", "webinspect", "arachni", "w3af", "whatweb",
                "skipfish", "commix", "xsstrike", "jaeles", "hydra", "zmeu", "jorgee", "morfeus", "muieblackcat",
                "censysinspect", "expanse", "l9explore", "l9tcpid", "paros", "owasp-zap", "zaproxy", "interactsh");
        alias("fuzz", "ffuf"); // ffuf's default: "Fuzz Faster U Fool v2.1.0"
        alias("nmap-scripting", "nmap");
        rank = add(rank, UaClass.MONITOR, "uptimerobot", "pingdom", "statuscake", "site24x7", "newrelicpinger",
                "datadog", "kube-probe", "elb-healthchecker", "googlehc", "googlestackdrivermonitoring", "prometheus",
                "blackbox-exporter", "consul", "zabbix", "nagios", "checkly", "betteruptime", "hetrixtools",
                "uptime-kuma", "gatus", "ruxitsynthetic", "catchpoint", "thousandeyes", "envoy-hc", "healthcheck",
                "healthchecker", "health-check");
        rank = add(rank, UaClass.BOT, "googlebot", "bingbot", "yandexbot", "baiduspider", "duckduckbot", "slurp",
                "facebookexternalhit", "facebot", "twitterbot", "linkedinbot", "slackbot", "discordbot",
                "telegrambot", "whatsapp", "applebot", "ahrefsbot", "semrushbot", "mj12bot", "dotbot", "petalbot",
                "gptbot", "chatgpt-user", "claudebot", "claude-web", "anthropic-ai", "ccbot", "bytespider",
                "amazonbot", "perplexitybot", "googleother", "scrapy", "headlesschrome", "phantomjs", "bot",
                "crawler", "spider");
        rank = add(rank, UaClass.CLI, "curl", "wget", "httpie", "windowspowershell", "powershell", "postmanruntime",
                "insomnia", "aria2", "hurl", "lwp-request");
        // specific SDK names before the bare language words they contain (aws-sdk-java says "java")
        rank = add(rank, UaClass.SDK, "grpc", "aws-sdk", "boto3", "botocore", "google-api", "okhttp",
                "python-requests", "python-urllib", "python-httpx", "aiohttp", "httpx", "go-http-client",
                "java-http-client", "apache-httpclient", "axios", "node-fetch", "undici", "guzzlehttp", "faraday",
                "rest-client", "reactor-netty", "vert-x", "libwww-perl", "restsharp", "cfnetwork", "dalvik", "feign",
                "java", "ruby", "dart");
        // Browsers: most specific engine first (Edge and Opera say Chrome, Chrome says Safari).
        rank = add(rank, UaClass.BROWSER, "edg", "edge", "edga", "edgios");
        aliasAll("edge", "edg", "edga", "edgios");
        rank = add(rank, UaClass.BROWSER, "opr", "opera");
        aliasAll("opera", "opr");
        rank = add(rank, UaClass.BROWSER, "samsungbrowser", "yabrowser", "vivaldi", "brave");
        rank = add(rank, UaClass.BROWSER, "firefox", "fxios");
        aliasAll("firefox", "fxios");
        rank = add(rank, UaClass.BROWSER, "chrome", "crios", "chromium");
        aliasAll("chrome", "crios");
        rank = add(rank, UaClass.BROWSER, "safari");
        rank = add(rank, UaClass.BROWSER, "msie", "trident");
        aliasAll("ie", "msie", "trident");
        TABLE.put("mozilla", new Entry(UaClass.BROWSER, "other", rank));
        for (String key : TABLE.keySet()) {
            if (key.indexOf('-') > 0) {
                FIRST_WORDS.add(key.substring(0, key.indexOf('-')));
            }
        }
    }

    /** Adds words of one class; each word is its own family; ranks follow the order given. */
    private static int add(int rank, UaClass uaClass, String... words) {
        int next = rank;
        for (String word : words) {
            TABLE.put(word, new Entry(uaClass, word, next++));
        }
        return next;
    }

    /** {@code word} reports as {@code family}'s entry. */
    private static void alias(String word, String family) {
        TABLE.put(word, TABLE.get(family));
    }

    /** The listed words report family {@code family}, keeping their own ranks. */
    private static void aliasAll(String family, String... words) {
        for (String word : words) {
            Entry entry = TABLE.get(word);
            TABLE.put(word, new Entry(entry.uaClass(), family, entry.rank()));
        }
    }

    @Override
    public String name() {
        return "user_agent";
    }

    @Override
    public void apply(EventDraft draft) {
        String userAgent = draft.raw().getUserAgent();
        if (userAgent.isBlank()) {
            draft.tag(CLASS_TAG, "empty");
            draft.tag(FAMILY_TAG, "none");
            return;
        }
        Entry best = userAgent.length() <= REMEMBERED_CHARS
                ? verdicts.computeIfAbsent(userAgent, ua -> new Verdict(classify(ua))).best()
                : classify(userAgent);
        if (best == null) {
            draft.tag(CLASS_TAG, "unknown");
            draft.tag(FAMILY_TAG, "other");
            return;
        }
        draft.tag(CLASS_TAG, best.uaClass().tag());
        draft.tag(FAMILY_TAG, best.family());
        if (best.uaClass() == UaClass.SCANNER) {
            draft.flag(Flags.SCANNER_USER_AGENT);
        }
    }

    /** The strongest table hit among the words and word pairs of the user agent; null when none. */
    static Entry classify(String rawUserAgent) {
        String userAgent = (rawUserAgent.length() > MAX_CHARS ? rawUserAgent.substring(0, MAX_CHARS) : rawUserAgent)
                .toLowerCase(Locale.ROOT);
        int length = userAgent.length();
        Entry best = null;
        String previousWord = null;
        String wordBefore = null;
        int i = 0;
        while (i < length) {
            while (i < length && !isWordChar(userAgent.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && isWordChar(userAgent.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (i - start > MAX_WORD_CHARS) {
                previousWord = null;
                wordBefore = null;
                continue;
            }
            String word = userAgent.substring(start, i);
            best = stronger(best, lookup(word));
            if (previousWord != null && FIRST_WORDS.contains(previousWord)) {
                best = stronger(best, TABLE.get(previousWord + "-" + word));
            }
            if (wordBefore != null && FIRST_WORDS.contains(wordBefore)) {
                best = stronger(best, TABLE.get(wordBefore + "-" + previousWord + "-" + word));
            }
            wordBefore = previousWord;
            previousWord = word;
        }
        return best;
    }

    private static Entry lookup(String word) {
        Entry entry = TABLE.get(word);
        if (entry != null || NOT_BOTS.contains(word)) {
            return entry;
        }
        if (word.length() > 3 && (word.endsWith("bot") || word.endsWith("spider") || word.endsWith("crawler"))) {
            return new Entry(UaClass.BOT, word, TABLE.get("bot").rank());
        }
        return null;
    }

    private static Entry stronger(Entry current, Entry candidate) {
        return candidate != null && (current == null || candidate.rank() < current.rank()) ? candidate : current;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** The strongest table hit of one user agent, null when none. */
    private record Verdict(Entry best) {
    }
}
