package dev.periscope.eventwriter.writer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioned migrations under {@code db/clickhouse/}: {@code index.txt} names the files in the order they apply,
 * each file holds {@code ;}-separated idempotent statements with {@code ${name}} placeholders. A file's checksum is
 * taken before substitution, so a changed setting (RETENTION_DAYS) does not look like an edited migration.
 */
public final class SchemaScripts {
    public static final String LOCATION = "db/clickhouse/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");

    /** One versioned file: its statements in order, placeholders substituted. */
    public record Migration(int version, String name, String checksum, List<String> statements) {
    }

    private SchemaScripts() {
    }

    /** Every migration in index order; versions must strictly increase. */
    public static List<Migration> migrations(ClassLoader loader, Map<String, String> variables) {
        List<Migration> migrations = new ArrayList<>();
        int previous = 0;
        for (String file : fileNames(read(loader, LOCATION + "index.txt"))) {
            Matcher name = FILE_NAME.matcher(file);
            name.matches();
            int version = Integer.parseInt(name.group(1));
            if (version <= previous) {
                throw new IllegalStateException("schema index: " + file + " must come after version " + previous);
            }
            previous = version;
            String text = read(loader, LOCATION + file);
            migrations.add(new Migration(version, name.group(2), checksum(text), statements(text, variables)));
        }
        return migrations;
    }

    /** Every statement of every file in index order, placeholders substituted. */
    public static List<String> load(ClassLoader loader, Map<String, String> variables) {
        return migrations(loader, variables).stream().flatMap(m -> m.statements().stream()).toList();
    }

    static List<String> fileNames(String index) {
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!FILE_NAME.matcher(name).matches()) {
                throw new IllegalStateException("schema index: not a versioned file name: " + name);
            }
            names.add(name);
        }
        return names;
    }

    /** Splits on {@code ;} after dropping {@code --} comment lines; an unknown placeholder is an error. */
    public static List<String> statements(String script, Map<String, String> variables) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : text.toString().split(";")) {
            String statement = part.strip();
            if (!statement.isEmpty()) {
                statements.add(substitute(statement, variables));
            }
        }
        return statements;
    }

    /** SHA-256 of the file as shipped (line endings normalised), hex. */
    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String substitute(String statement, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(statement);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("schema placeholder without a value: " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
