package dev.periscope.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on machines without Docker, so its structure is checked instead: every service,
 * port, dependency, file and Dockerfile it names must exist and agree with the architecture's port table.
 */
class DockerComposeStructureTest {
    private static final Map<String, List<Integer>> SERVICE_PORTS = Map.of(
            "ingest-gateway", List.of(18090, 18091),
            "enricher", List.of(18191),
            "inventory-writer", List.of(18200, 18291),
            "event-writer", List.of(18391),
            "readiness-service", List.of(18400, 18491));

    private static Path root;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        root = RepoPaths.root();
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void declaresTheStoresEnvoyAndEveryService() {
        assertThat(services).containsKeys("kafka", "mongodb", "clickhouse", "envoy", "demo-upstream");
        assertThat(services).containsKeys(SERVICE_PORTS.keySet().toArray(String[]::new));
    }

    @Test
    void everyServiceIsBuiltFromAnExistingDockerfileInItsModule() {
        for (String name : SERVICE_PORTS.keySet()) {
            Map<?, ?> build = (Map<?, ?>) services.get(name).get("build");
            Path context = root.resolve((String) build.get("context")).normalize();
            assertThat(context).as(name + " build context").isEqualTo(root.resolve(name));
            assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " Dockerfile").isRegularFile();
            assertThat(context.resolve("pom.xml")).as(name + " is a module").isRegularFile();
        }
    }

    @Test
    void servicePortsMatchTheArchitecture() {
        SERVICE_PORTS.forEach((name, ports) -> assertThat(publishedContainerPorts(name)).as(name)
                .containsExactlyInAnyOrderElementsOf(ports));
        assertThat(publishedContainerPorts("kafka")).contains(9092);
        assertThat(publishedContainerPorts("mongodb")).contains(27017);
        assertThat(publishedContainerPorts("clickhouse")).contains(8123);
    }

    @Test
    void everyDependencyNamesADeclaredService() {
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            Collection<?> names = dependsOn instanceof Map<?, ?> map ? map.keySet()
                    : dependsOn instanceof List<?> list ? list : List.of();
            assertThat(names).as(name + " depends_on").allSatisfy(dep -> assertThat(services).containsKey((String) dep));
        });
    }

    @Test
    void everyMountedFileExists() {
        services.forEach((name, service) -> {
            Object volumes = service.get("volumes");
            if (volumes instanceof List<?> list) {
                for (Object volume : list) {
                    String source = volume.toString().split(":")[0];
                    if (source.startsWith("./")) {
                        assertThat(root.resolve(source)).as(name + " mounts " + source).exists();
                    }
                }
            }
        });
    }

    @Test
    void servicesAreWiredToTheComposeStoresAndRequireAHashSalt() {
        for (String name : SERVICE_PORTS.keySet()) {
            Map<?, ?> env = (Map<?, ?>) services.get(name).get("environment");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(env.get("MONGO_URI")).isEqualTo("mongodb://mongodb:27017");
            assertThat(env.get("CLICKHOUSE_URI")).isEqualTo("http://clickhouse:8123");
            assertThat((String) env.get("HASH_SALT")).startsWith("${HASH_SALT:?");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void envoySendsAccessLogsToTheGatewayGrpcPort() throws IOException {
        Map<String, Object> envoy;
        try (Reader reader = Files.newBufferedReader(root.resolve("infra/docker/envoy.yaml"))) {
            envoy = new Yaml().load(reader);
        }
        String yaml = Files.readString(root.resolve("infra/docker/envoy.yaml"));
        assertThat(yaml).contains("envoy.access_loggers.http_grpc").contains("cluster_name: periscope_gateway");
        List<Map<String, Object>> clusters = (List<Map<String, Object>>) ((Map<String, Object>) envoy
                .get("static_resources")).get("clusters");
        Map<String, Object> gateway = clusters.stream().filter(c -> "periscope_gateway".equals(c.get("name")))
                .findFirst().orElseThrow();
        assertThat(gateway.toString()).contains("address=ingest-gateway").contains("port_value=18090");
        assertThat(services).containsKey("ingest-gateway");
        assertThat((String) ((Map<String, Object>) envoy.get("node")).get("id")).matches("[^:]+::[^:]+::[0-9.]+");
    }

    private static List<Integer> publishedContainerPorts(String name) {
        List<Integer> ports = new ArrayList<>();
        Object declared = services.get(name).get("ports");
        if (declared instanceof List<?> list) {
            for (Object port : list) {
                String[] parts = port.toString().split(":");
                ports.add(Integer.parseInt(parts[parts.length - 1]));
            }
        }
        return ports;
    }
}
