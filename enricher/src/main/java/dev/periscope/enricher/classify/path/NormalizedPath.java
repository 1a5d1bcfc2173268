package dev.periscope.enricher.classify.path;

import java.util.Set;

import dev.periscope.model.pii.PiiCategory;

/**
 * What templating one path produced.
 *
 * @param path          the templated path, query string and fragment removed
 * @param secretInPath  a vendor secret was replaced by {@code {secret}}
 * @param jwtInPath     a JWT was replaced by {@code {token}} on a path that is not an e-mailed link
 * @param piiCategories categories of the masked PII whose gates allowed a report (before the per-detector switches)
 */
public record NormalizedPath(String path, boolean secretInPath, boolean jwtInPath, Set<PiiCategory> piiCategories) {
    public NormalizedPath {
        piiCategories = Set.copyOf(piiCategories);
    }
}
