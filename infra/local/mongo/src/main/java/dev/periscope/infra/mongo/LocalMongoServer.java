package dev.periscope.infra.mongo;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Local MongoDB-API server for development: mongo-java-server (a stand-in, NOT MongoDB) on loopback.
 *
 * <pre>
 * serve:   [--memory] [--host 127.0.0.1] [--port 27017] [DATA_FILE]
 *          file-backed (H2 MVStore) unless --memory; port default: $MONGO_PORT or 27017.
 *          Prints one "ready" line once listening; SIGTERM closes the store cleanly.
 * client modes (real MongoDB Java driver; exit 0 = ok, 1 = failure, 2 = usage):
 *   --ping   URI                          run {ping: 1}
 *   --insert URI DB COLL JSON             insertOne (prints the _id)
 *   --count  URI DB COLL [FILTER_JSON]    print countDocuments
 *   --check  URI                          unique compound index / _id upsert / dup-key checks
 *                                         in database periscope_selftest (dropped afterwards)
 * </pre>
 */
public final class LocalMongoServer {

    private static final int EXIT_FAIL = 1;
    private static final int EXIT_USAGE = 2;

    private LocalMongoServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean clientMode = args.length > 0 && List.of("--ping", "--insert", "--count", "--check").contains(args[0]);
        configureLogging(clientMode);
        if (!clientMode) {
            serve(args);
            return;
        }
        int rc;
        try {
            rc = runClient(args);
        } catch (Exception e) {
            System.err.println("local-mongo: " + args[0].substring(2) + " failed: " + oneLine(e));
            rc = EXIT_FAIL;
        }
        System.exit(rc);
    }

    private static void configureLogging(boolean clientMode) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", clientMode ? "warn" : "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        // one line per client connection is noise (status/ping connects every time)
        setDefault("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.mongodb.driver", clientMode ? "error" : "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    // ------------------------------------------------------------------ server

    private static void serve(String[] args) throws InterruptedException {
        boolean memory = false;
        String host = "127.0.0.1";
        String portEnv = System.getenv("MONGO_PORT");
        int port = portEnv == null || portEnv.isBlank() ? 27017 : parsePort(portEnv);
        String dataFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--memory" -> memory = true;
                case "--host" -> host = requireValue(args, ++i, "--host");
                case "--port" -> port = parsePort(requireValue(args, ++i, "--port"));
                case "--data" -> dataFile = requireValue(args, ++i, "--data");
                case "-h", "--help" -> usage(0);
                default -> {
                    if (args[i].startsWith("-") || dataFile != null) {
                        System.err.println("local-mongo: unexpected argument: " + args[i]);
                        usage(EXIT_USAGE);
                    }
                    dataFile = args[i];
                }
            }
        }
        if (!memory && dataFile == null) {
            System.err.println("local-mongo: a DATA_FILE (or --memory) is required");
            usage(EXIT_USAGE);
        }

        final MongoBackend backend;
        final String description;
        if (memory) {
            backend = new MemoryBackend();
            description = "backend=memory";
        } else {
            File file = new File(dataFile).getAbsoluteFile();
            File dir = file.getParentFile();
            if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
                System.err.println("local-mongo: cannot create directory " + dir);
                System.exit(EXIT_FAIL);
            }
            backend = new H2Backend(file.getPath());
            description = "backend=h2 file=" + file.getPath();
        }

        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-mongo: shutting down");
            try {
                server.shutdown(); // closes the backend too (H2: commits and closes the MVStore)
            } catch (RuntimeException e) {
                System.out.println("local-mongo: server shutdown: " + oneLine(e) + "; closing the store directly");
                try {
                    backend.close();
                } catch (RuntimeException e2) {
                    System.out.println("local-mongo: backend close: " + oneLine(e2));
                }
            }
            System.out.println("local-mongo: stopped");
            System.out.flush();
            stopped.countDown();
        }, "local-mongo-shutdown"));

        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            System.err.println("local-mongo: cannot listen on " + host + ":" + port + ": " + oneLine(e));
            System.exit(EXIT_FAIL);
        }
        System.out.println("local-mongo: ready on " + host + ":" + port + " " + description
                + " (mongo-java-server, a stand-in, not MongoDB)");
        System.out.flush();
        stopped.await();
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            System.err.println("local-mongo: invalid port: " + s);
            System.exit(EXIT_USAGE);
            return -1;
        }
    }

    private static String requireValue(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println("local-mongo: " + flag + " needs a value");
            usage(EXIT_USAGE);
        }
        return args[i];
    }

    private static void usage(int rc) {
        (rc == 0 ? System.out : System.err).println(String.join("\n",
                "usage: LocalMongoServer [--memory] [--host H] [--port P] [DATA_FILE]",
                "       LocalMongoServer --ping URI",
                "       LocalMongoServer --insert URI DB COLL JSON",
                "       LocalMongoServer --count URI DB COLL [FILTER_JSON]",
                "       LocalMongoServer --check URI"));
        System.exit(rc);
    }

    // ------------------------------------------------------------------ client modes

    private static int runClient(String[] args) {
        String mode = args[0];
        int need = switch (mode) {
            case "--ping", "--check" -> 2;
            case "--insert" -> 5;
            default -> 4; // --count
        };
        if (args.length < need) {
            usage(EXIT_USAGE);
        }
        try (MongoClient client = client(args[1])) {
            switch (mode) {
                case "--ping" -> {
                    Document r = client.getDatabase("admin").runCommand(new Document("ping", 1));
                    if (!isOk(r)) {
                        System.err.println("local-mongo: ping answered " + r.toJson());
                        return EXIT_FAIL;
                    }
                    System.out.println("ok");
                }
                case "--insert" -> {
                    Document doc = Document.parse(args[4]);
                    client.getDatabase(args[2]).getCollection(args[3]).insertOne(doc);
                    System.out.println(doc.get("_id"));
                }
                case "--count" -> {
                    Bson filter = args.length > 4 ? Document.parse(args[4]) : new Document();
                    System.out.println(client.getDatabase(args[2]).getCollection(args[3]).countDocuments(filter));
                }
                default -> {
                    return check(client);
                }
            }
        }
        return 0;
    }

    private static MongoClient client(String uri) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(15, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    private static boolean isOk(Document r) {
        Object ok = r.get("ok");
        return ok instanceof Number n && n.doubleValue() == 1.0;
    }

    /** Functional checks the services rely on (see shared/notes/mongo-local.md). */
    private static int check(MongoClient client) {
        MongoDatabase db = client.getDatabase("periscope_selftest");
        db.drop();
        List<String> failures = new ArrayList<>();
        try {
            MongoCollection<Document> inv = db.getCollection("api_inventory");
            inv.createIndex(Indexes.ascending("project_id", "listener_name", "method", "path"),
                    new IndexOptions().unique(true).name("uniq_endpoint"));

            Bson key = Filters.and(Filters.eq("project_id", "p1"), Filters.eq("listener_name", "l1"),
                    Filters.eq("method", "GET"), Filters.eq("path", "/a"));
            // upsert keyed by deterministic _id: insert, then update in place
            for (int i = 0; i < 2; i++) {
                inv.updateOne(Filters.eq("_id", "h-a"),
                        Updates.combine(
                                Updates.setOnInsert("project_id", "p1"), Updates.setOnInsert("listener_name", "l1"),
                                Updates.setOnInsert("method", "GET"), Updates.setOnInsert("path", "/a"),
                                Updates.inc("count", 1), Updates.max("last_seen", 100L + i),
                                Updates.inc("status_dist.200", 1)),
                        new UpdateOptions().upsert(true));
            }
            Document a = inv.find(Filters.eq("_id", "h-a")).first();
            expect(failures, a != null && a.getInteger("count", -1) == 2
                    && ((Document) a.get("status_dist")).getInteger("200", -1) == 2
                    && a.getLong("last_seen") == 101L, "upsert on _id + $inc/$max/dotted path: " + a);
            expect(failures, inv.countDocuments(key) == 1, "compound-key lookup finds exactly one document");

            // unique compound index rejects a second document with the same key (insert)
            expect(failures, dupKey(() -> inv.insertOne(new Document("_id", "h-b").append("project_id", "p1")
                    .append("listener_name", "l1").append("method", "GET").append("path", "/a"))),
                    "insert with duplicate compound key fails with 11000");
            // ... and an upsert whose _id filter misses but whose key collides (offset fencing)
            expect(failures, dupKey(() -> inv.updateOne(Filters.eq("_id", "h-c"),
                    Updates.combine(Updates.setOnInsert("project_id", "p1"), Updates.setOnInsert("listener_name", "l1"),
                            Updates.setOnInsert("method", "GET"), Updates.setOnInsert("path", "/a")),
                    new UpdateOptions().upsert(true))), "upsert colliding on the unique index fails with 11000");
            // a different key is fine
            inv.insertOne(new Document("_id", "h-d").append("project_id", "p1").append("listener_name", "l1")
                    .append("method", "POST").append("path", "/a"));
            expect(failures, inv.countDocuments() == 2, "two documents after distinct-key insert");
        } finally {
            db.drop();
        }
        if (failures.isEmpty()) {
            System.out.println("check ok: unique compound index, _id upsert, 11000 on key collision");
            return 0;
        }
        failures.forEach(f -> System.err.println("check FAILED: " + f));
        return EXIT_FAIL;
    }

    private static boolean dupKey(Runnable r) {
        try {
            r.run();
            return false;
        } catch (MongoWriteException e) {
            return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY || e.getCode() == 11000;
        }
    }

    private static void expect(List<String> failures, boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        return m.replace('\n', ' ');
    }
}
