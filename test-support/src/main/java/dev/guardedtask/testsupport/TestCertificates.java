package dev.guardedtask.testsupport;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;

/**
 * A certificate authority and a server certificate it signed, made in Java at test time (BouncyCastle; no
 * {@code openssl} needed), written into a folder the caller owns and deletes: PEM files for
 * {@code redis-server}'s {@code tls-*-file} settings and a PKCS#12 trust store holding the CA, for Redisson's
 * {@code sslTruststore} or the JVM's {@code javax.net.ssl.trustStore}. The server certificate names
 * {@code 127.0.0.1} and {@code localhost} unless told otherwise, so endpoint identification passes on loopback.
 *
 * <p>Valid from 2000-01-01 to 9999-12-31 (RFC 5280's "no well-defined expiration"): the JVM checks a
 * certificate's dates against the machine's time, which the tests never read (and faketime may move).
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path trustStore,
        String trustStorePassword) {

    private static final String SIGNATURE = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("9999-12-31T23:59:59Z"));

    /**
     * Writes {@code <name>-ca.crt}, {@code <name>-server.crt}, {@code <name>-server.key} and
     * {@code <name>-truststore.p12} into {@code folder}; the server certificate names {@code 127.0.0.1} and
     * {@code localhost}.
     *
     * @param name tells two authorities apart, e.g. "right" and "wrong"; also in their subjects
     */
    public static TestCertificates create(Path folder, String name) {
        return create(folder, name, "127.0.0.1", "localhost");
    }

    /**
     * As {@link #create(Path, String)}, with a server certificate naming only {@code hosts} (its subject
     * alternative names: IPv4 addresses as such, anything else as a DNS name).
     */
    public static TestCertificates create(Path folder, String name, String... hosts) {
        try {
            KeyPair caKeys = keyPair();
            KeyPair serverKeys = keyPair();
            X500Name ca = new X500Name("CN=guardedtask test CA " + name);
            X509Certificate caCertificate = sign(caKeys, certificate(ca, ca, caKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
            X509Certificate serverCertificate = sign(caKeys, certificate(ca, new X500Name("CN=" + hosts[0]), serverKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts)));
            String password = "truststore-" + name;
            return new TestCertificates(pem(folder.resolve(name + "-ca.crt"), caCertificate),
                    pem(folder.resolve(name + "-server.crt"), serverCertificate),
                    pem(folder.resolve(name + "-server.key"), serverKeys.getPrivate()),
                    trustStore(folder.resolve(name + "-truststore.p12"), caCertificate, password), password);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not make the test certificates: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the test certificates into " + folder, e);
        }
    }

    private static GeneralNames alternativeNames(String... hosts) {
        return new GeneralNames(Stream.of(hosts).map(host -> new GeneralName(
                host.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, host)).toArray(GeneralName[]::new));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder certificate(X500Name issuer, X500Name subject, KeyPair keys) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM), NOT_BEFORE, NOT_AFTER, subject,
                keys.getPublic());
    }

    private static X509Certificate sign(KeyPair issuerKeys, X509v3CertificateBuilder certificate)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                certificate.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
    }

    private static Path pem(Path file, Object value) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(value);
        }
        return file;
    }

    private static Path trustStore(Path file, X509Certificate ca, String password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
