package dev.periscope.inventory.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoServerInfoTest {

    @Test
    void realMongodReportsGitVersion() {
        MongoServerInfo info = MongoServerInfo.fromBuildInfo(new Document("version", "7.0.14")
                .append("gitVersion", "ce59cfc6a3c5e5c067dca0d30697edd68d4f5188").append("ok", 1.0));

        assertThat(info).isEqualTo(new MongoServerInfo("7.0.14", false));
    }

    @Test
    void mongoJavaServerDoesNot() {
        MongoServerInfo info = MongoServerInfo.fromBuildInfo(new Document("version", "4.2.0")
                .append("versionArray", List.of(4, 2, 0)).append("maxBsonObjectSize", 16777216).append("ok", 1.0));

        assertThat(info).isEqualTo(new MongoServerInfo("4.2.0", true));
    }
}
