package dev.periscope.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackpressurePolicyTest {

    @Test
    void parsesTheSeedSpellings() {
        assertThat(BackpressurePolicy.parse("drop_new")).isEqualTo(BackpressurePolicy.DROP_NEW);
        assertThat(BackpressurePolicy.parse("drop-old")).isEqualTo(BackpressurePolicy.DROP_OLD);
        assertThat(BackpressurePolicy.parse(" BLOCK ")).isEqualTo(BackpressurePolicy.BLOCK);
        assertThat(BackpressurePolicy.BLOCK.configName()).isEqualTo("block");
        assertThatThrownBy(() -> BackpressurePolicy.parse("wait")).isInstanceOf(IllegalArgumentException.class);
    }
}
