package triad.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The API's server-side TLS: an {@link SSLContext} from a PEM certificate chain and PKCS#8 private
 * key, or from a PKCS#12 key store. Key files must be private to their owner, like every secret.
 */
public final class ServerTls {
  private static final Pattern PEM_KEY = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private ServerTls() {}

  /** @throws SecurityConfigException naming the file that cannot be used */
  public static SSLContext context(SecuritySettings.Tls tls) {
    KeyStore keys = tls.keyStoreFile().isPresent()
        ? pkcs12(tls.keyStoreFile().get(), tls.keyStorePassword().toCharArray())
        : pem(tls.certificateChainFile().orElseThrow(), tls.privateKeyFile().orElseThrow());
    char[] password = tls.keyStoreFile().isPresent() ? tls.keyStorePassword().toCharArray() : NO_PASSWORD;
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new SecurityConfigException("TLS cannot use the configured key: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore pkcs12(Path file, char[] password) {
    byte[] bytes = PrivateFiles.read(file, "TLS key store");
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes), password);
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      // Wrong password and damaged file look alike to PKCS#12; neither message holds a secret.
      throw new SecurityConfigException("TLS key store " + file + " cannot be read (wrong password or not PKCS#12): "
          + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static KeyStore pem(Path chainFile, Path keyFile) {
    List<Certificate> chain = certificates(chainFile);
    byte[] keyBytes = PrivateFiles.read(keyFile, "TLS private key file");
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("api", privateKey(keyFile, new String(keyBytes, US_ASCII)), NO_PASSWORD, chain.toArray(Certificate[]::new));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new SecurityConfigException("TLS private key " + keyFile + " does not match certificate chain " + chainFile + ": "
          + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }

  private static List<Certificate> certificates(Path file) {
    try {
      List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(Files.readAllBytes(file))));
      if (chain.isEmpty()) {
        throw new SecurityConfigException("TLS certificate chain " + file + " holds no certificate");
      }
      return chain;
    } catch (IOException | GeneralSecurityException e) {
      throw new SecurityConfigException("TLS certificate chain " + file + " cannot be read as PEM certificates: "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** An unencrypted PKCS#8 key, RSA or EC (the key's own encoding says which; both are tried). */
  private static PrivateKey privateKey(Path file, String pem) {
    Matcher m = PEM_KEY.matcher(pem);
    if (!m.find()) {
      throw new SecurityConfigException("TLS private key " + file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
          + " convert it with `openssl pkcs8 -topk8 -nocrypt`");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    try {
      for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notThisAlgorithm) {
          // try the next
        }
      }
      throw new SecurityConfigException("TLS private key " + file + " is neither an RSA, an EC nor an Ed25519 key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }
}
