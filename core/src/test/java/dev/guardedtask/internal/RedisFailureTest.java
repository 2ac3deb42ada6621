package dev.guardedtask.internal;

import dev.guardedtask.internal.RedisFailure.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisClusterDownException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisLoadingException;
import org.redisson.client.RedisMasterDownException;
import org.redisson.client.RedisOutOfMemoryException;
import org.redisson.client.RedisReadonlyException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.RedisTryAgainException;
import org.redisson.client.RedisWrongPasswordException;

import javax.net.ssl.SSLHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cause chains a real server cannot easily produce here (an untrusted certificate, a dropped SYN, an
 * old server's replies), built as Redisson hands them over. The real ones: {@code ConnectionErrorTest}.
 */
class RedisFailureTest {

    private static final String CHANNEL = ". channel: [id: 0x2a55, L:/127.0.0.1:32884 - R:127.0.0.1/127.0.0.1:6379] ";

    /** As Redisson.create throws it: two RedisConnectionExceptions and two futures' wrappers around the cause. */
    private static RuntimeException asConnectFailure(Throwable cause) {
        RedisConnectionException unable = new RedisConnectionException(
                "Unable to connect to Redis server: 127.0.0.1/127.0.0.1:6379", new CompletionException(cause));
        ExecutionException execution = new ExecutionException(unable);
        return new RedisConnectionException(execution.toString(), execution);
    }

    @Test
    void aWrongPasswordIsQuotedAsRedisGaveItWithoutWhatRedissonAppends() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(new RedisWrongPasswordException(
                "WRONGPASS invalid username-password pair or user is disabled." + CHANNEL
                        + "data: CommandData [command=(AUTH), params: (password masked), codec=null]")));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.LOGIN_REFUSED,
                "WRONGPASS invalid username-password pair or user is disabled"));
        assertThat(failure.answered()).isTrue();
        assertThat(failure.configuration()).isTrue();
    }

    @Test
    void anErrToAuthIsARefusedLoginAndItsQuestionMarkEndsTheSentence() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(new RedisException("ERR AUTH <password> called without "
                + "any password configured for the default user. Are you sure your configuration is correct?" + CHANNEL
                + "command: (AUTH), params: (password masked)")));

        assertThat(failure.kind()).isEqualTo(Kind.LOGIN_REFUSED);
        assertThat(failure.cannotConnect("redis://***@h:6379/0", 2_000)).isEqualTo("Cannot connect to Redis at "
                + "redis://***@h:6379/0: Redis answered ERR AUTH <password> called without any password configured "
                + "for the default user. Are you sure your configuration is correct? Check the user name and "
                + "password in the URI.");
    }

    @Test
    void aCommandRefusedInsideAScriptOnRedis62IsAMissingPermission() {
        RedisFailure failure = RedisFailure.of(new RedisException("ERR Error running script (call to f_d528e0533c94): "
                + "@user_script:1: @user_script: 1: The user executing the script can't run this command or subcommand"
                + CHANNEL + "command: (EVALSHA), params: [d528e0533c94, 2, lock:t:20261128]"));

        assertThat(failure.kind()).isEqualTo(Kind.NO_PERMISSION);
        assertThat(failure.fix("the URI"))
                .isEqualTo("grant the ACL user the commands and keys listed in docs/operations.md#acl");
    }

    @Test
    void anUnknownCommandsEchoedArgumentsAreCutOffTheyCouldHoldAPassword() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(new RedisException("ERR unknown command `HELLO`, "
                + "with args beginning with: `3`, `AUTH`, `alice`, `pw-Zq81`, " + CHANNEL + "command: (HELLO)")));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.ERROR_REPLY, "ERR unknown command `HELLO`"));
        assertThat(failure.configuration()).isFalse();
    }

    @Test
    void aPasswordInAnAddressIsMasked() {
        RedisFailure failure = RedisFailure.of(new RedisConnectionException(
                "Unable to connect to Redis server: redis://alice:pw-Zq81@cache.example.com:6379"));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.OTHER,
                "Unable to connect to Redis server: redis://***@cache.example.com:6379"));
        assertThat(failure.answered()).isFalse();
    }

    @Test
    void aPasswordWithAtAndSlashIsMaskedUpToTheLastAtOfTheAddress() {
        RedisFailure failure = RedisFailure.of(new RedisConnectionException("Unable to connect to Redis server: "
                + "redis://alice:p@ss/w@cache.example.com:6379 or rediss://:top@secret@h:6380, user@example.com"));

        assertThat(failure.detail()).isEqualTo("Unable to connect to Redis server: redis://***@cache.example.com:6379 "
                + "or rediss://***@h:6380, user@example.com");
    }

    @Test
    void helloParametersAreMaskedTheyHoldThePasswordOnResp3() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(new RedisTimeoutException("Command execution timeout "
                + "for command: (HELLO), params: [3, AUTH, alice, pw-Zq81], Redis client: [addr=redis://h:6379]")));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.TIMEOUT, "Command execution timeout for command: "
                + "(HELLO), params: (masked), Redis client: [addr=redis://h:6379]"));
    }

    @Test
    void anUntrustedCertificateIsNamedSoWithTheTrustStoreToFixForAUri() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(new SSLHandshakeException("PKIX path building failed: "
                + "unable to find valid certification path to requested target")));

        assertThat(failure.kind()).isEqualTo(Kind.TLS_UNTRUSTED);
        assertThat(failure.cannotConnect("rediss://h:6380/0", 2_000)).isEqualTo("Cannot connect to Redis at "
                + "rediss://h:6380/0: the server's TLS certificate is not trusted (PKIX path building failed: unable to "
                + "find valid certification path to requested target). Add the CA that signed the server's certificate "
                + "to the trust store of this JVM, which rediss:// uses (or start the JVM with "
                + "-Djavax.net.ssl.trustStore=FILE), or give the CA as sslTruststore and sslTruststorePassword in a "
                + "Redisson YAML configuration, TaskGuard.builder().redissonConfig(file) (docs/operations.md#tls).");
        assertThat(failure.configuration()).isTrue();
    }

    @Test
    void aCertificatePathTheValidatorRejectsUnderTheHandshakeIsUntrustedToo() {
        SSLHandshakeException handshake = new SSLHandshakeException("certificate rejected");
        handshake.initCause(new java.security.cert.CertPathValidatorException("Path does not chain with any of the "
                + "trust anchors"));

        RedisFailure failure = RedisFailure.of(asConnectFailure(handshake));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.TLS_UNTRUSTED, "certificate rejected"));
        assertThat(failure.fix("the Redisson configuration 'r.yaml'")).isEqualTo("give the CA that signed the "
                + "server's certificate as sslTruststore (a trust store URL, e.g. file:/etc/app/redis-ca.p12) and "
                + "sslTruststorePassword in the Redisson configuration 'r.yaml' (docs/operations.md#tls)");
    }

    @Test
    void anotherHandshakeFailureIsAFailedHandshakePointingToTheTlsSettings() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(new SSLHandshakeException("No subject alternative "
                + "names matching IP address 10.0.0.1 found")));

        assertThat(failure.kind()).isEqualTo(Kind.TLS_FAILED);
        assertThat(failure.cannotConnect("rediss://10.0.0.1:6380/0", 2_000)).isEqualTo("Cannot connect to Redis at "
                + "rediss://10.0.0.1:6380/0: the TLS handshake failed (No subject alternative names matching IP address "
                + "10.0.0.1 found). Make this JVM trust the server's certificate, or configure TLS in a Redisson YAML "
                + "configuration, TaskGuard.builder().redissonConfig(file) (docs/operations.md#tls).");
        assertThat(failure.fix("the Redisson configuration 'r.yaml'")).isEqualTo("check the TLS settings in the "
                + "Redisson configuration 'r.yaml' against the server's (docs/operations.md#tls)");
    }

    @Test
    void aPlainTextAnswerToTheHandshakeMeansTheServerDoesNotSpeakTls() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(
                new NotSslRecordException("not an SSL/TLS record: 2d4552520d0a")));

        assertThat(failure.kind()).isEqualTo(Kind.TLS_NOT_SPOKEN);
        assertThat(failure.fix("the URI")).isEqualTo("the server does not seem to use TLS: use redis:// for it");
    }

    @Test
    void aConnectTimeoutIsATimeoutNotARefusal() {
        RedisFailure failure = RedisFailure.of(asConnectFailure(
                new ConnectTimeoutException("connection timed out after 2000 ms: /10.255.255.1:6379")));

        assertThat(failure)
                .isEqualTo(new RedisFailure(Kind.TIMEOUT, "connection timed out after 2000 ms: /10.255.255.1:6379"));
        assertThat(failure.what()).isEqualTo("timed out (connection timed out after 2000 ms: /10.255.255.1:6379)");
        assertThat(failure.configuration()).isFalse();
    }

    @Test
    void aWrongTypeInsideAScriptOnRedis62IsKeysSharedWithAnotherApplication() {
        RedisFailure failure = RedisFailure.of(new CompletionException(new RedisException("ERR Error running script "
                + "(call to f_3c1b): @user_script:3: WRONGTYPE Operation against a key holding the wrong kind of value "
                + CHANNEL + "command: (EVALSHA), params: [3c1b, 2, lock:t:20261128]")));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.WRONG_TYPE, "ERR Error running script (call to f_3c1b): "
                + "@user_script:3: WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(failure.configuration()).isTrue();
    }

    /** Redis 7 puts the code first, and Redisson makes READONLY a RedisReadonlyException, OOM a RedisOutOfMemoryException. */
    @Test
    void codesFirstAsRedis7SendsThemHaveTheirOwnKinds() {
        assertThat(RedisFailure.of(new RedisReadonlyException("READONLY You can't write against a read only replica. "
                + "script: d528e0533c94, on @user_script:3.." + CHANNEL + "command: (EVALSHA)")))
                .isEqualTo(new RedisFailure(Kind.READ_ONLY, "READONLY You can't write against a read only replica. "
                        + "script: d528e0533c94, on @user_script:3"));
        assertThat(RedisFailure.of(new RedisException("WRONGTYPE Operation against a key holding the wrong kind of "
                + "value script: d528e0533c94, on @user_script:1." + CHANNEL)).kind()).isEqualTo(Kind.WRONG_TYPE);
        // Redisson's message of an OOM reply, direct or inside a script, is what followed "OOM"
        assertThat(RedisFailure.of(asConnectFailure(new RedisOutOfMemoryException(" command not allowed when used "
                + "memory > 'maxmemory'.." + CHANNEL + " data: CommandData [command=(EVALSHA)]"))))
                .isEqualTo(new RedisFailure(Kind.OUT_OF_MEMORY,
                        "OOM command not allowed when used memory > 'maxmemory'"));
    }

    @Test
    void eachErrorReplyHasItsOwnAdviceAndOnlyAnOutageHasNone() {
        String settings = "the guard's URI or RedissonClient Config";
        String configuration = "this is a configuration error, not an outage: every call fails the same way until "
                + "you fix it: ";

        assertThat(new RedisFailure(Kind.READ_ONLY, "READONLY ...").advice(settings)).isEqualTo("the server is a "
                + "read-only replica: right after a failover the client finds the new primary by itself; if it lasts, "
                + "point the guard's URI or RedissonClient Config at the primary, the next call tries again");
        assertThat(new RedisFailure(Kind.WRONG_TYPE, "WRONGTYPE ...").advice(settings)).isEqualTo(configuration
                + "another application uses the same key names: give this guard a key prefix of its own, e.g. "
                + "TaskGuard.builder().keyPrefix(\"myapp:\")");
        assertThat(new RedisFailure(Kind.NO_PERMISSION, "NOPERM ...").advice(settings)).isEqualTo(configuration
                + "grant the ACL user the commands and keys listed in docs/operations.md#acl");
        assertThat(new RedisFailure(Kind.OUT_OF_MEMORY, "OOM ...").advice(settings)).isEqualTo("Redis is out of "
                + "memory (maxmemory): free memory on the server or raise its maxmemory, the next call tries again");
        assertThat(new RedisFailure(Kind.ERROR_REPLY, "ERR ...").advice(settings)).isEqualTo("this is an error Redis "
                + "answered, not an outage: check the guard's URI or RedissonClient Config and the server's settings "
                + "against Redis's answer");
        assertThat(new RedisFailure(Kind.CONNECTION_REFUSED, "Connection refused").advice(settings)).isNull();
        assertThat(new RedisFailure(Kind.TIMEOUT, "timed out").advice(settings)).isNull();
        assertThat(new RedisFailure(Kind.OTHER, "?").advice(settings)).isNull();
    }

    @Test
    void keysInDifferentClusterSlotsAreARefusalWhoseFixIsTheClusterKeyScheme() {
        RedisFailure failure = RedisFailure.of(new CompletionException(new RedisException("CROSSSLOT Keys in request "
                + "don't hash to the same slot" + CHANNEL + "command: (EVALSHA), params: [794a7de70d22, 2, "
                + "lock:report:20261128, success:report:20261128, aaaa1111, 300000, 1]")));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.CROSS_SLOT, "CROSSSLOT Keys in request don't hash to the "
                + "same slot"));
        assertThat(failure.refused()).isTrue();
        assertThat(failure.advice("the guard's URI or RedissonClient Config")).isEqualTo("this is a configuration "
                + "error, not an outage: every call fails the same way until you fix it: the keys of one call are in "
                + "different Redis Cluster slots: use the cluster key scheme, "
                + "TaskGuard.builder().keyScheme(KeyScheme.CLUSTER), which a guard on a cluster RedissonClient "
                + "(Config.useClusterServers()) gets unless told otherwise");
    }

    @Test
    void everyErrorReplyButOutOfMemoryAndNotServingAndEveryTlsMismatchIsARefusalAndNothingElse() {
        java.util.Set<Kind> refused = java.util.EnumSet.noneOf(Kind.class);
        for (Kind kind : Kind.values()) {
            if (new RedisFailure(kind, "...").refused()) {
                refused.add(kind);
            }
        }

        assertThat(refused).containsExactlyInAnyOrder(Kind.LOGIN_REFUSED, Kind.LOGIN_REQUIRED, Kind.NO_PERMISSION,
                Kind.WRONG_TYPE, Kind.CROSS_SLOT, Kind.ERROR_REPLY, Kind.TLS_NOT_SPOKEN, Kind.TLS_UNTRUSTED,
                Kind.TLS_FAILED, Kind.NOT_REDIS);
    }

    /** Redisson retries these itself and hands them over, in its words, once its retries ran out. */
    @Test
    void whatAFailoverOrALoadingServerAnswersIsNotServingForNowNotARefusal() {
        String data = CHANNEL + "data: CommandData [command=(EVALSHA)]";
        assertThat(RedisFailure.of(new CompletionException(new RedisClusterDownException("CLUSTERDOWN The cluster is "
                + "down" + data)))).isEqualTo(new RedisFailure(Kind.NOT_SERVING, "CLUSTERDOWN The cluster is down"));
        assertThat(RedisFailure.of(new RedisTryAgainException("TRYAGAIN Multiple keys request during rehashing of slot"
                + data))).isEqualTo(new RedisFailure(Kind.NOT_SERVING, "TRYAGAIN Multiple keys request during "
                + "rehashing of slot"));
        assertThat(RedisFailure.of(new RedisMasterDownException("MASTERDOWN Link with MASTER is down and "
                + "replica-serve-stale-data is set to 'no'" + data))).isEqualTo(new RedisFailure(Kind.NOT_SERVING,
                "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'"));
        RedisFailure loading = RedisFailure.of(new RedisLoadingException("LOADING Redis is loading the dataset in "
                + "memory" + data));

        assertThat(loading).isEqualTo(new RedisFailure(Kind.NOT_SERVING, "LOADING Redis is loading the dataset in memory"));
        assertThat(loading.answered()).isTrue();
        assertThat(loading.refused()).isFalse();
        assertThat(loading.configuration()).isFalse();
        assertThat(loading.advice("the guard's URI or RedissonClient Config")).isEqualTo("Redis cannot serve for now "
                + "(a failover or a slot moving in a cluster, a replica cut off from its master, or data still loading), "
                + "the next call tries again");
    }

    @Test
    void anInvalidExpireTimeIsAnotherErrorReplyQuotedWithoutTheChannel() {
        RedisFailure failure = RedisFailure.of(new CompletionException(new RedisException("ERR Error running script "
                + "(call to f_d528e0533c94): @user_script:3: ERR invalid expire time in set" + CHANNEL
                + "command: (EVALSHA), params: [d528e0533c94, 2, lock:t:20261128]")));

        assertThat(failure).isEqualTo(new RedisFailure(Kind.ERROR_REPLY, "ERR Error running script (call to "
                + "f_d528e0533c94): @user_script:3: ERR invalid expire time in set"));
        assertThat(failure.answered()).isTrue();
        assertThat(failure.configuration()).isFalse();
    }
}
