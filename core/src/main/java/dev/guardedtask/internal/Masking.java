package dev.guardedtask.internal;

import java.util.regex.Pattern;

/**
 * Hides what may hold a password in text that guardedtask shows: a URI's user information, query values,
 * and the parameters of Redis's {@code HELLO}. A host never contains {@code @}, so everything up to the
 * last {@code @} of a URI is user information, whatever (unencoded) {@code @}, {@code /} or {@code :} a
 * password holds.
 */
final class Masking {

    /** A Redis address inside a message, up to the last {@code @} before white space (Redisson's never hold one). */
    private static final Pattern USER_INFO_IN_TEXT = Pattern.compile("(rediss?://)\\S*@");
    /** A query's values, which some clients read passwords from ({@code ?password=...}). */
    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#]*=)[^&#]*");
    /** Redisson masks AUTH's parameters in its messages, not those of HELLO (RESP3), which may be AUTH's. */
    private static final Pattern HELLO_PARAMS = Pattern.compile("(\\(HELLO\\), params: )\\[[^\\]]*\\]");

    private Masking() {
    }

    /**
     * A URI as a user wrote it, with {@code ***} from {@code //} to its last {@code @} (from the first
     * {@code :} without {@code //}, as in {@code redis:user:password@host}) and for each query value.
     */
    static String uri(String text) {
        int at = text.lastIndexOf('@');
        String shown = text;
        if (at >= 0) {
            int slashes = text.indexOf("//");
            int start = slashes >= 0 && slashes < at ? slashes + 2 : text.indexOf(':') < at ? text.indexOf(':') + 1 : 0;
            shown = text.substring(0, start) + "***" + text.substring(at);
        }
        return QUERY_VALUE.matcher(shown).replaceAll("$1***");
    }

    /** Whether {@code text}, a URI as a user wrote it, has user information (a {@code @}). */
    static boolean hasUserInfo(String text) {
        return text.indexOf('@') >= 0;
    }

    /** A message that may quote Redis addresses and HELLO commands, e.g. one of Redisson's. */
    static String message(String text) {
        String hidden = USER_INFO_IN_TEXT.matcher(text).replaceAll("$1***@");
        return HELLO_PARAMS.matcher(hidden).replaceAll("$1(masked)");
    }
}
