package dev.guardedtask.internal;

import org.redisson.misc.RedisURI;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Redisson YAML configuration must hold before a client is made from it, checked where it is given
 * so that a mistake is not reported later as a server that does not answer: its environment variables are
 * set, it has a server section with that section's addresses, and the trust and key stores it names open
 * with their passwords ({@link KeyStoreCheck}). Reads the YAML's node tree: {@code Config}'s getters for the server sections are
 * protected. Messages name the setting and the value, never a password or a variable's value.
 */
final class RedissonYamlCheck {

    /** Redisson's own pattern ({@code ConfigSupport.resolveEnvParams}): {@code ${NAME}} or {@code ${NAME:-default}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([\\w.]+)(:-.+?)?}");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#");
    private static final String DOCS = " (see https://redisson.pro/docs/configuration/).";
    /** Each server section and the settings it cannot do without, with an example value, in Redisson's names. */
    private static final Map<String, List<Required>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("singleServerConfig", List.of(new Required("address", "\"redis://host:6379\"")));
        SECTIONS.put("sentinelServersConfig", List.of(new Required("masterName", "\"mymaster\""),
                new Required("sentinelAddresses", "[\"redis://host:26379\"]")));
        SECTIONS.put("clusterServersConfig", List.of(new Required("nodeAddresses", "[\"redis://host:7000\"]")));
        SECTIONS.put("replicatedServersConfig", List.of(new Required("nodeAddresses", "[\"redis://host:6379\"]")));
        SECTIONS.put("masterSlaveServersConfig", List.of(new Required("masterAddress", "\"redis://host:6379\"")));
    }

    private record Required(String setting, String example) {
        boolean isAddress() {
            return setting.toLowerCase(Locale.ROOT).contains("address");
        }
    }

    private RedissonYamlCheck() {
    }

    /**
     * {@code text} with its variables replaced as Redisson replaces them (environment, then system property,
     * then the default).
     *
     * @throws IllegalArgumentException naming the first variable that is set nowhere and has no default
     */
    static String resolved(String source, String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value = System.getProperty(name, System.getenv(name));
            if (value == null && variable.group(2) == null && !inComment(text, variable.start())) {
                int line = (int) text.substring(0, variable.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new IllegalArgumentException(source + " uses ${" + name + "} (line " + line + "), which is "
                        + "not set in this process's environment: set " + name + " before starting the JVM (or "
                        + "-D" + name + "=...), or give a default as ${" + name + ":-value}.");
            }
            String replacement = value != null ? value
                    : variable.group(2) != null ? variable.group(2).substring(2) : variable.group();
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return variable.appendTail(resolved).toString();
    }

    /** Whether a {@code #} that starts a line or follows a space comes before {@code at} on its line. */
    private static boolean inComment(String text, int at) {
        return COMMENT.matcher(text.substring(text.lastIndexOf('\n', at - 1) + 1, at)).find();
    }

    /**
     * @param text the configuration with its variables {@linkplain #resolved resolved}, valid for Redisson
     * @throws IllegalArgumentException if it has no server section, misses a section's addresses, or names a
     *     trust or key store that does not open with its password
     */
    static void check(String source, String text) {
        Map<String, Node> top = settings(root(source, text));
        String section = SECTIONS.keySet().stream().filter(top::containsKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(source + " holds no server settings: add one of "
                        + String.join(", ", SECTIONS.keySet()) + " with its addresses" + DOCS));
        Map<String, Node> server = settings(top.get(section));
        required(source, section, server);
        store(source, "sslTruststore", "sslTruststorePassword", "the CA that signed the server's certificate",
                server, top);
        store(source, "sslKeystore", "sslKeystorePassword", "this client's key and certificate", server, top);
    }

    private static Node root(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setTagInspector(tag -> true); // only composed, never constructed: a codec's tag is harmless
        Node root = new Yaml(options).compose(new StringReader(text));
        if (root == null) {
            throw new IllegalArgumentException(source + " is empty (or holds only comments): give one of "
                    + String.join(", ", SECTIONS.keySet()) + " with its addresses" + DOCS);
        }
        return root;
    }

    private static void required(String source, String section, Map<String, Node> server) {
        for (Required required : SECTIONS.get(section)) {
            Node value = server.get(required.setting());
            if (isEmpty(value)) {
                throw new IllegalArgumentException(source + ": " + section + " has no " + required.setting() + ": add "
                        + required.setting() + ": " + required.example() + " under " + section + DOCS);
            }
            if (required.isAddress()) {
                addresses(source, section + "." + required.setting(), value);
            }
        }
    }

    /** Each address as Redisson reads it when it connects ({@link RedisURI}), which would report no value. */
    private static void addresses(String source, String setting, Node value) {
        List<Node> items = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        for (Node item : items) {
            String address = item instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(item);
            try {
                new RedisURI(address);
            } catch (RuntimeException e) { // RedisURI throws IllegalArgumentException, and others for some typos
                String problem = e instanceof IllegalArgumentException && e.getMessage() != null
                        ? Masking.message(e.getMessage()) : "Redisson cannot parse it";
                throw new IllegalArgumentException(source + ": " + setting + " '" + Masking.uri(address) + "' is not "
                        + "a Redis address (" + problem + "): write it as redis://host:port (rediss:// for TLS).");
            }
        }
    }

    /** As Redisson does, a server section's setting wins over the top-level one (which it deprecates). */
    private static String setting(String name, Map<String, Node> server, Map<String, Node> top) {
        Node node = isEmpty(server.get(name)) ? top.get(name) : server.get(name);
        return !isEmpty(node) && node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static void store(String source, String name, String passwordName, String content,
            Map<String, Node> server, Map<String, Node> top) {
        String url = setting(name, server, top);
        if (url == null) {
            return;
        }
        String password = setting(passwordName, server, top);
        String type = setting("sslKeystoreType", server, top);
        KeyStoreCheck.check(source + ": " + name + " '" + Masking.uri(url) + "'", url, type,
                password, passwordName, content);
    }

    private static Map<String, Node> settings(Node node) {
        Map<String, Node> settings = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    settings.put(key.getValue(), tuple.getValueNode());
                }
            }
        }
        return settings;
    }

    private static boolean isEmpty(Node node) {
        return node == null || node.getTag().equals(Tag.NULL)
                || node instanceof ScalarNode scalar && scalar.getValue().isBlank()
                || node instanceof SequenceNode sequence && sequence.getValue().isEmpty()
                || node instanceof MappingNode mapping && mapping.getValue().isEmpty();
    }
}
