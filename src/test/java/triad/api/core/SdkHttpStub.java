package triad.api.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An in-memory HTTP client for the AWS SDK: it keeps the body the SDK marshalled and answers with a
 * body the test chose, so the SDK's own marshaller and unmarshaller check our wire model.
 */
final class SdkHttpStub implements SdkHttpClient {
  byte[] requestBody;
  String target;
  byte[] responseBody = {'{', '}'};
  int status = 200;

  DynamoDbClient client() {
    return DynamoDbClient.builder()
        .httpClient(this)
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://localhost:1"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")))
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        try {
          requestBody = request.contentStreamProvider().orElseThrow().newStream().readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElseThrow();
        return HttpExecuteResponse.builder()
            .response(SdkHttpResponse.builder()
                .statusCode(status)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(responseBody)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void close() {}
}
