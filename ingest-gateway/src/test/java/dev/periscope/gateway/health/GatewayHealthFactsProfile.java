package dev.periscope.gateway.health;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A management allow-list that admits every address, plus one entry that is not a CIDR. */
public class GatewayHealthFactsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("periscope.management.allowed-cidrs", "0.0.0.0/0,::/0,lan");
    }
}
