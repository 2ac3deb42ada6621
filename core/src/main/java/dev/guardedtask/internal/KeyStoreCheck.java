package dev.guardedtask.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Locale;

/**
 * Opens a trust or key store that a Redisson configuration names as Redisson will when it connects
 * ({@code RedisChannelInitializer}: {@code sslKeystoreType}, else the JVM's default type), so that a missing
 * store or a wrong password is reported as such, not later as a server that does not answer. Messages never
 * show the password.
 */
final class KeyStoreCheck {

    private KeyStoreCheck() {
    }

    /**
     * @param what how messages name the store, e.g. {@code Redisson configuration 'r.yaml': sslTruststore 'file:/ca.p12'}
     * @param type {@code sslKeystoreType}, or null for the JVM's default
     * @param password the store's password, or null
     * @param content what the store should hold, for the message if it is empty
     * @throws IllegalArgumentException if the store does not exist, cannot be read, is not of that type, does
     *     not open with the password, or shows no entries
     */
    static void check(String what, String url, String type, String password, String passwordName, String content) {
        KeyStore store;
        try (InputStream in = open(what, url)) {
            store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(what + ": its password (" + passwordName + ") does not open it ("
                        + e.getMessage() + "): give the password the store was written with.");
            }
            throw new IllegalArgumentException(what + " cannot be read as a " + type(type) + " (" + e + "): give a "
                    + type(type) + " file, or its type as sslKeystoreType.");
        }
        empty(what, passwordName, password, content, store);
    }

    /** A PKCS12 store opened without its password shows no entries, and Redisson then trusts nothing. */
    private static void empty(String what, String passwordName, String password, String content, KeyStore store) {
        try {
            if (store.size() > 0) {
                return;
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("A loaded key store has no size", e);
        }
        throw new IllegalArgumentException(password == null
                ? what + " shows nothing without a password: give its password as " + passwordName + "."
                : what + " is empty: put " + content + " in it.");
    }

    private static InputStream open(String what, String url) {
        try {
            return new URL(url).openStream();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(what + " does not exist: give the URL of a key store file, e.g. "
                    + "\"file:/etc/app/redis-ca.p12\".");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read (" + String.valueOf(e).replace(url, Masking.uri(url))
                    + "): check the URL.");
        }
    }

    private static String type(String type) {
        return (type == null ? KeyStore.getDefaultType() : type).toUpperCase(Locale.ROOT) + " key store";
    }
}
