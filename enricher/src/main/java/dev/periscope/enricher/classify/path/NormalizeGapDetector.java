package dev.periscope.enricher.classify.path;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import dev.periscope.model.pii.Ascii;

/**
 * Finds prefixes whose last segment is clearly an id no rule templates: more than {@code threshold} distinct
 * literal last segments under one {@code (project, prefix)} within one window (default 64 per hour). Plain
 * lower-case words ({@code orders}, {@code sign-in}) are ignored. Each prefix is reported at most once per window;
 * reports queue (bounded) for {@link #drain()}, which a background job writes to a {@link NormalizeGapStore}.
 * <p>
 * Bounded: at most {@code maxPrefixes} windows (new prefixes beyond are counted as untracked until
 * {@link #expire()} frees space), at most {@code threshold + 1} 64-bit hashes per window, then none once reported.
 */
public final class NormalizeGapDetector {
    public static final int DEFAULT_THRESHOLD = 64;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final int DEFAULT_MAX_PREFIXES = 10_000;
    static final int MAX_QUEUED = 1_000;
    static final int SAMPLES = 3;
    static final int SAMPLE_LENGTH = 64;

    private static final class Window {
        long start;
        final Set<Long> hashes = new HashSet<>();
        final List<String> samples = new ArrayList<>(SAMPLES);
        boolean reported;

        Window(long start) {
            this.start = start;
        }

        void reset(long now) {
            start = now;
            hashes.clear();
            samples.clear();
            reported = false;
        }
    }

    private final Clock clock;
    private final int threshold;
    private final long windowMillis;
    private final int maxPrefixes;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final BlockingQueue<NormalizeGap> queued = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong detected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong untracked = new AtomicLong();

    public NormalizeGapDetector(Clock clock) {
        this(clock, DEFAULT_THRESHOLD, DEFAULT_WINDOW, DEFAULT_MAX_PREFIXES);
    }

    public NormalizeGapDetector(Clock clock, int threshold, Duration window, int maxPrefixes) {
        if (threshold < 1 || window.isNegative() || window.isZero() || maxPrefixes < 1) {
            throw new IllegalArgumentException("threshold, window and maxPrefixes must be positive");
        }
        this.clock = clock;
        this.threshold = threshold;
        this.windowMillis = window.toMillis();
        this.maxPrefixes = maxPrefixes;
    }

    /** Hot path: one normalized path's prefix and its literal last segment. */
    public void observe(String projectId, String prefix, String lastSegment) {
        if (isPlainWord(lastSegment)) {
            return;
        }
        String key = projectId + '\n' + prefix;
        Window window = windows.get(key);
        long now = clock.millis();
        if (window == null) {
            if (windows.size() >= maxPrefixes) {
                untracked.incrementAndGet();
                return;
            }
            window = windows.computeIfAbsent(key, k -> new Window(now));
        }
        NormalizeGap gap = null;
        synchronized (window) {
            if (now - window.start >= windowMillis) {
                window.reset(now);
            }
            if (window.reported || !window.hashes.add(Hashing.fnv64(lastSegment))) {
                return;
            }
            if (window.samples.size() < SAMPLES) {
                window.samples.add(lastSegment.length() > SAMPLE_LENGTH ? lastSegment.substring(0, SAMPLE_LENGTH)
                        : lastSegment);
            }
            if (window.hashes.size() > threshold) {
                window.reported = true;
                gap = new NormalizeGap(projectId, prefix, window.hashes.size(), Instant.ofEpochMilli(window.start),
                        Instant.ofEpochMilli(now), window.samples);
                window.hashes.clear();
            }
        }
        if (gap != null) {
            detected.incrementAndGet();
            if (!queued.offer(gap)) {
                dropped.incrementAndGet();
            }
        }
    }

    /** The reports queued since the last drain. */
    public List<NormalizeGap> drain() {
        List<NormalizeGap> gaps = new ArrayList<>();
        queued.drainTo(gaps);
        return gaps;
    }

    /** Forgets windows older than the window length; called by the background job. @return windows removed */
    public int expire() {
        long now = clock.millis();
        int removed = 0;
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            Window window = it.next();
            synchronized (window) {
                if (now - window.start >= windowMillis) {
                    it.remove();
                    removed++;
                }
            }
        }
        return removed;
    }

    public long detected() {
        return detected.get();
    }

    /** Reports lost because the queue was full (the store was down for long). */
    public long dropped() {
        return dropped.get();
    }

    /** Observations of new prefixes skipped because {@code maxPrefixes} windows were live. */
    public long untracked() {
        return untracked.get();
    }

    public int trackedPrefixes() {
        return windows.size();
    }

    /** {@code orders}, {@code sign-in}, {@code user_profile}: lower-case letters joined by single - or _. */
    static boolean isPlainWord(String segment) {
        if (segment.isEmpty() || !Ascii.isLower(segment.charAt(0))
                || !Ascii.isLower(segment.charAt(segment.length() - 1))) {
            return false;
        }
        boolean previousSeparator = false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Ascii.isLower(c)) {
                previousSeparator = false;
            } else if ((c == '-' || c == '_') && !previousSeparator) {
                previousSeparator = true;
            } else {
                return false;
            }
        }
        return true;
    }
}
