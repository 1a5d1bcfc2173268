package dev.periscope.enricher.classify.path;

import java.util.EnumSet;
import java.util.Set;

import dev.periscope.model.config.PathNormalization;
import dev.periscope.model.pii.PiiCategory;
import dev.periscope.model.pii.PiiMatch;
import dev.periscope.model.pii.PiiScanner;

/**
 * Templates a request path segment by segment. Per segment, first match wins:
 * <ol>
 *   <li>empty, or already exactly a placeholder → unchanged (so templating is idempotent);</li>
 *   <li>traversal shapes → {@code {traversal}}; vendor secrets → {@code {secret}}; JWTs → {@code {token}};</li>
 *   <li>personal data ({@link PiiScanner}, on the percent-decoded segment, named by the previous segment) →
 *       {@code {pii}};</li>
 *   <li>versions ({@code v1}, {@code v2beta}) → unchanged;</li>
 *   <li>numeric/composite ids and dates/timestamps → {@code {id}}, UUID → {@code {uuid}}, ObjectID →
 *       {@code {objectid}}, ULID → {@code {ulid}}, long hex → {@code {id}}, embedded UUIDs replaced in place,
 *       high-entropy tokens → {@code {dynamic}};</li>
 *   <li>static-asset names → unchanged; operator rules (whole segment, in order) → the rule's placeholder;</li>
 *   <li>learning candidates → {@code {id}} once their position is learned, otherwise observed and unchanged.</li>
 * </ol>
 * Secrets and traversal come before the id shapes because they are the more specific reading of the same
 * characters (an AWS key id is also upper-case alphanumerics; {@code ..%2f} is also a literal). Pure apart from
 * the learning and gap observations; thread-safe.
 */
public final class PathTemplater {
    private final PathNormalization config;
    private final LearnedPathShapes learned;
    private final NormalizeGapDetector gaps;
    private final PiiScanner scanner = new PiiScanner();
    private final int learnCap;

    /**
     * @param learned shared learned-shape state, or null to switch learning off
     * @param gaps    the gap detector, or null to switch gap detection off
     */
    public PathTemplater(PathNormalization config, LearnedPathShapes learned, NormalizeGapDetector gaps) {
        this.config = config;
        this.learned = learned;
        this.gaps = gaps;
        this.learnCap = Math.max(config.learnCap(), config.learnMinDistinct());
    }

    private static final class Findings {
        boolean secret;
        boolean jwt;
        Set<PiiCategory> pii;
    }

    public NormalizedPath normalize(String projectId, String listener, String method, String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return new NormalizedPath("", false, false, Set.of());
        }
        String path = withoutQuery(rawPath);
        if (path.isEmpty()) {
            return new NormalizedPath("/", false, false, Set.of());
        }
        Findings findings = new Findings();
        StringBuilder out = new StringBuilder(path.length());
        String previous = "";
        String lastSegment = "";
        String lastTemplated = "";
        int parentEnd = 0;
        int start = 0;
        int index = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            parentEnd = Math.max(0, out.length() - 1);
            String templated = template(segment, previous, findings, out, index, projectId, listener, method);
            out.append(templated);
            lastSegment = segment;
            lastTemplated = templated;
            if (slash < 0) {
                break;
            }
            out.append('/');
            previous = segment;
            start = slash + 1;
            index++;
        }
        String normalized = out.toString();
        if (gaps != null && !lastSegment.isEmpty() && lastSegment.equals(lastTemplated)
                && lastSegment.indexOf('{') < 0) {
            gaps.observe(projectId, normalized.substring(0, parentEnd), lastSegment);
        }
        boolean jwt = findings.jwt && !EmailedLinks.isEmailedLink(normalized);
        return new NormalizedPath(normalized, findings.secret, jwt, findings.pii == null ? Set.of() : findings.pii);
    }

    private String template(String segment, String previous, Findings findings, StringBuilder out, int index,
            String projectId, String listener, String method) {
        if (segment.isEmpty() || Placeholders.isPlaceholder(segment)) {
            return segment;
        }
        if (TraversalShape.isTraversal(segment)) {
            return Placeholders.TRAVERSAL;
        }
        if (VendorSecrets.isSecret(segment)) {
            findings.secret = true;
            return Placeholders.SECRET;
        }
        if (TokenShapes.isJwt(segment)) {
            findings.jwt = true;
            return Placeholders.TOKEN;
        }
        String decoded = PercentDecoding.decodeOnce(segment);
        PiiMatch pii = scanner.match(decoded, previous);
        if (pii != null) {
            if (pii.reportable()) {
                if (findings.pii == null) {
                    findings.pii = EnumSet.noneOf(PiiCategory.class);
                }
                findings.pii.add(pii.category());
            }
            return Placeholders.PII;
        }
        String builtIn = builtIn(segment, decoded);
        if (builtIn != null) {
            return builtIn;
        }
        if (segment.indexOf('{') < 0) { // an embedded placeholder ({uuid}.json) must stay as the first pass left it
            for (PathNormalization.Rule rule : config.rules()) {
                if (rule.pattern().matcher(segment).matches()) {
                    return rule.template();
                }
            }
        }
        if (learned != null && LearningCandidates.isCandidate(segment, config.neverTemplateSegments())) {
            return learn(segment, out, index, projectId, listener, method);
        }
        return segment;
    }

    /** The context-free shapes; null when none applies. Versions and assets answer themselves (kept literal). */
    private static String builtIn(String segment, String decoded) {
        if (LiteralShapes.isVersion(segment)) {
            return segment;
        }
        if (IdShapes.isNumericId(segment) || IdShapes.isNumericId(decoded, true) || IdShapes.isTimestamp(decoded)) {
            return Placeholders.ID;
        }
        if (IdShapes.isUuid(segment)) {
            return Placeholders.UUID;
        }
        if (IdShapes.isObjectId(segment)) {
            return Placeholders.OBJECTID;
        }
        if (IdShapes.isUlid(segment)) {
            return Placeholders.ULID;
        }
        if (IdShapes.isLongHex(segment)) {
            return Placeholders.ID;
        }
        String embedded = IdShapes.replaceEmbeddedUuids(segment);
        if (embedded != null) {
            return embedded;
        }
        if (TokenShapes.isHighEntropy(segment)) {
            return Placeholders.DYNAMIC;
        }
        if (LiteralShapes.isStaticAsset(segment)) {
            return segment;
        }
        return null;
    }

    private String learn(String segment, StringBuilder out, int index, String projectId, String listener,
            String method) {
        String parent = out.substring(0, Math.max(0, out.length() - 1));
        String positionId = PathPosition.id(projectId, listener, method, parent, index);
        int minDistinct = config.learnMinDistinct();
        if (learned.isLearned(positionId, minDistinct)) {
            return Placeholders.ID;
        }
        learned.observe(new PathPosition(projectId, listener, method, parent, index), positionId, segment, learnCap);
        return learned.isLearned(positionId, minDistinct) ? Placeholders.ID : segment;
    }

    /** The path without {@code ?query} or {@code #fragment}; the gateway strips them already, this is defence. */
    static String withoutQuery(String path) {
        int cut = path.length();
        int query = path.indexOf('?');
        if (query >= 0) {
            cut = query;
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        return cut == path.length() ? path : path.substring(0, cut);
    }
}
