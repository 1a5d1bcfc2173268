package dev.periscope.kit.health;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Who may reach the management interface; read by {@link ManagementFacts}. */
@ConfigMapping(prefix = "periscope.management")
public interface ManagementSettings {
    /**
     * Networks the management interface may listen in besides loopback (env PERISCOPE_MANAGEMENT_ALLOWED_CIDRS,
     * comma-separated CIDRs such as {@code 10.0.0.0/8,fd00::/8}); none by default.
     */
    @WithName("allowed-cidrs")
    Optional<List<String>> allowedCidrs();
}
