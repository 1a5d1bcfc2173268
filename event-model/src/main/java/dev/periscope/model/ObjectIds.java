package dev.periscope.model;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** 24-hex identifiers laid out like a BSON ObjectId: 4 bytes of seconds, 5 random per process, 3 of counter. */
public final class ObjectIds {
    private static final byte[] PROCESS_RANDOM = new byte[5];
    private static final AtomicInteger COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        random.nextBytes(PROCESS_RANDOM);
        COUNTER = new AtomicInteger(random.nextInt(0x00ffffff));
    }

    private ObjectIds() {
    }

    public static String next(long epochMillis) {
        int seconds = (int) (epochMillis / 1000);
        int count = COUNTER.getAndIncrement() & 0x00ffffff;
        byte[] id = new byte[12];
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(PROCESS_RANDOM, 0, id, 4, 5);
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return HexFormat.of().formatHex(id);
    }
}
