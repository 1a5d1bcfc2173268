package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryLimitsTest {

    @Test
    void parsesCgroupLimits() {
        assertThat(MemoryLimits.parse("536870912\n")).hasValue(536_870_912L);
        assertThat(MemoryLimits.parse("max\n")).isEmpty();
        assertThat(MemoryLimits.parse("9223372036854771712")).isEmpty(); // cgroup v1 "unlimited"
        assertThat(MemoryLimits.parse("garbage")).isEmpty();
        assertThat(MemoryLimits.parse("")).isEmpty();
    }
}
