package dev.periscope.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import net.jpountz.lz4.LZ4Factory;

class NativeLz4Test {

    @Test
    void kafkasLz4LookupAnswersTheJniCodecOnceEnabled() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")),
                "lz4-java ships its native library for this platform");

        assertThat(NativeLz4.enable()).isEqualTo("LZ4Factory:JNI");
        assertThat(LZ4Factory.fastestInstance().toString()).isEqualTo("LZ4Factory:JNI"); // what Kafka asks
    }
}
