package triad.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** AWS SDK for Java v2 clients as an application builds them, pointed at a local endpoint. */
public final class Clients {
  private Clients() {}

  /**
   * A client that retries retriable errors up to ten times, as an application that rides out a
   * failover would configure it.
   */
  public static DynamoDbClient dynamo(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(60))
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build())
            .build())
        .build();
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIADTEST", "triad-test-secret"));
  }
}
