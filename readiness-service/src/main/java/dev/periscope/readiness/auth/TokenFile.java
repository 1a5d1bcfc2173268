package dev.periscope.readiness.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the token file: one token per line, {@code <id> <scope>[,<scope>…] sha256:<64 hex digits>} (preferred: the
 * file never holds the token) or {@code <id> <scopes> plain:<token>}; blank lines and {@code #} comments are skipped.
 * Any malformed line, unknown scope, duplicate id, token shared by two ids or weak token refuses the whole file with
 * its line number: a half-read token file would lock out or let in the wrong people.
 */
public final class TokenFile {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private TokenFile() {
    }

    public static List<ApiToken> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TokenFileException("token file " + file + " does not exist (create one with "
                    + "infra/local/readiness_tokens.py, see readiness-service/README.md#auth)");
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new TokenFileException("token file " + file + " cannot be read: " + e.getMessage());
        }
    }

    public static List<ApiToken> parse(List<String> lines, String source) {
        List<ApiToken> tokens = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            ApiToken token = parseLine(line, where);
            if (!ids.add(token.id())) {
                throw new TokenFileException(where + "duplicate token id '" + token.id() + "'");
            }
            if (!hashes.add(HexFormat.of().formatHex(token.sha256()))) {
                throw new TokenFileException(where + "token '" + token.id()
                        + "' is the same token as an earlier entry (give every client its own token)");
            }
            tokens.add(token);
        }
        if (tokens.isEmpty()) {
            throw new TokenFileException(source + ": holds no token");
        }
        return List.copyOf(tokens);
    }

    private static ApiToken parseLine(String line, String where) {
        String[] fields = line.split("\\s+");
        if (fields.length != 3) {
            throw new TokenFileException(where + "expected '<id> <scopes> sha256:<hex>|plain:<token>', found "
                    + fields.length + " field(s)");
        }
        String id = fields[0];
        if (!ID.matcher(id).matches()) {
            throw new TokenFileException(where + "token id '" + id + "' is not [A-Za-z0-9][A-Za-z0-9._-]*");
        }
        Set<AuthScope> scopes = scopes(fields[1], where);
        String secret = fields[2];
        if (secret.startsWith("sha256:")) {
            String hex = secret.substring("sha256:".length());
            if (!HEX.matcher(hex).matches()) {
                throw new TokenFileException(where + "token '" + id + "': sha256: needs 64 hex digits");
            }
            byte[] hash = HexFormat.of().parseHex(hex.toLowerCase());
            if (TokenStrength.isKnownDefault(hash)) {
                throw new TokenFileException(where + "token '" + id + "' is weak: a known default token");
            }
            return new ApiToken(id, hash, scopes, -1);
        }
        if (secret.startsWith("plain:")) {
            String plain = secret.substring("plain:".length());
            Optional<String> weakness = TokenStrength.weakness(plain);
            if (weakness.isPresent()) {
                throw new TokenFileException(where + "token '" + id + "' is weak: " + weakness.get());
            }
            return new ApiToken(id, TokenDigest.sha256(plain), scopes, plain.length());
        }
        throw new TokenFileException(where + "token '" + id + "': the secret must start with sha256: or plain:");
    }

    private static Set<AuthScope> scopes(String field, String where) {
        Set<AuthScope> scopes = EnumSet.noneOf(AuthScope.class);
        for (String name : field.split(",")) {
            scopes.add(AuthScope.byName(name).orElseThrow(() -> new TokenFileException(where + "unknown scope '"
                    + name + "' (readiness:read, drills:run, admin)")));
        }
        return scopes;
    }
}
