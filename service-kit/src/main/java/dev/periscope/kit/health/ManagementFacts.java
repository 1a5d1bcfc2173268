package dev.periscope.kit.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.periscope.model.config.CidrBlock;
import dev.periscope.model.v1.FactValue;

/**
 * {@code management.*} facts: where the management interface listens and whether that reaches beyond loopback and
 * the operator's allow-list ({@code periscope.management.allowed-cidrs}). Judged once at start-up: neither the bind
 * address nor the host's interfaces change while the process runs.
 */
@ApplicationScoped
public class ManagementFacts implements HealthFactsContributor {
    private static final Logger LOG = Logger.getLogger(ManagementFacts.class);

    private final ManagementExposure.Assessment assessment;
    private final String allowed;
    private final String invalid;

    public ManagementFacts(@ConfigProperty(name = "quarkus.management.host", defaultValue = "0.0.0.0") String host,
            ManagementSettings settings) {
        List<String> invalidCidrs = new ArrayList<>();
        List<CidrBlock> blocks = ManagementExposure.parseAllowed(settings.allowedCidrs().orElse(List.of()),
                invalidCidrs);
        this.assessment = ManagementExposure.assess(host, blocks, ManagementExposure::interfaceAddresses);
        this.allowed = blocks.stream().map(CidrBlock::toString).collect(Collectors.joining(","));
        this.invalid = String.join(",", invalidCidrs);
        if (!invalidCidrs.isEmpty()) {
            LOG.warnf("periscope.management.allowed-cidrs: ignoring entries that are not CIDRs: %s", invalid);
        }
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("management.bind_address", fact(assessment.bindAddress()));
        facts.put("management.allowed_cidrs", fact(allowed));
        facts.put("management.allowed_cidrs_invalid", fact(invalid));
        facts.put("management.exposed_addresses", fact(String.join(",", assessment.exposedAddresses())));
        facts.put("management.exposed_beyond_allowed", fact(assessment.exposedBeyondAllowed()));
    }
}
