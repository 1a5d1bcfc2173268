package dev.periscope.kit.messaging;

import net.jpountz.lz4.LZ4Factory;

/**
 * Makes Kafka's lz4 codec use lz4-java's JNI implementation. Kafka asks {@link LZ4Factory#fastestInstance()}, which
 * tries the native library only when lz4-java was loaded by the system class loader or the library is already
 * loaded; under Quarkus' runner class loader neither holds, so every batch was compressed by the pure-Java "safe"
 * codec (several times slower). Loading the native instance once, before the producer compresses anything, makes
 * {@code fastestInstance()} answer JNI from then on. Where the library cannot load (an unsupported platform), the
 * Java codec stays in use: same bytes on the wire, only slower.
 */
public final class NativeLz4 {
    private NativeLz4() {
    }

    /** @return the lz4 implementation Kafka's producer will use, e.g. {@code LZ4Factory:JNI} */
    public static String enable() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) { // UnsatisfiedLinkError, or anything the loader throws
            // keep the Java codec
        }
        return LZ4Factory.fastestInstance().toString();
    }
}
