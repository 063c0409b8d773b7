package triad.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** AWS SDK for Java v2 clients as an application builds them, pointed at a local endpoint. */
public final class Clients {
  /** The single-node default's public local pair (conf/local.credentials). */
  public static final String ACCESS_KEY_ID = "triadlocal";
  public static final String SECRET = "triadlocalsecret";

  private Clients() {}

  /**
   * A client signing with the single-node default's local pair that retries retriable errors up
   * to ten times, as an application that rides out a failover would configure it.
   */
  public static DynamoDbClient dynamo(URI endpoint) {
    return dynamo(endpoint, ACCESS_KEY_ID, SECRET);
  }

  public static DynamoDbClient dynamo(URI endpoint, String accessKeyId, String secret) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(accessKeyId, secret))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(60))
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build())
            .build())
        .build();
  }

  /** Signs with the local pair and never retries: an error is seen (or counted), not hidden. */
  public static DynamoDbClient withoutRetries(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(30))
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .build())
        .build();
  }

  /** The local pair. */
  public static StaticCredentialsProvider credentials() {
    return credentials(ACCESS_KEY_ID, SECRET);
  }

  public static StaticCredentialsProvider credentials(String accessKeyId, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
  }
}
