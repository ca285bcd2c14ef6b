package com.autograph.ai.icons;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IconCatalogTest {

    private final IconCatalog catalog = new IconCatalog();

    private String key(String name, String provider) {
        return catalog.resolve(name, provider).map(Icon::key).orElse(null);
    }

    @Test
    void theCatalogHoldsAtLeast300UniqueKeysOfEveryProvider() {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(300);
        Set<String> keys = new HashSet<>();
        catalog.all().forEach(i -> assertThat(keys.add(i.key())).as(i.key()).isTrue());
        assertThat(catalog.all().stream().map(Icon::provider).distinct())
            .containsExactlyInAnyOrderElementsOf(IconCatalog.PROVIDERS);
    }

    @Test
    void namesAndAliasesResolveToTheirKeys() {
        assertThat(key("EC2", null)).isEqualTo("aws-ec2");
        assertThat(key("Postgres", null)).isEqualTo("postgresql");
        assertThat(key("PostgreSQL", "aws")).isEqualTo("postgresql");
        assertThat(key("S3 bucket", null)).isEqualTo("aws-s3");
        assertThat(key("Orders DB", "aws")).isEqualTo("aws-rds");
        assertThat(key("orders db", null)).isEqualTo("database");
    }

    @Test
    void theDiagramsCloudDecidesAmbiguousNames() {
        assertThat(key("function", "aws")).isEqualTo("aws-lambda");
        assertThat(key("function", "azure")).isEqualTo("azure-function-app");
        assertThat(key("function", "gcp")).isEqualTo("gcp-cloud-functions");
        assertThat(key("function", null)).isEqualTo("function");
        assertThat(key("queue", "aws")).isEqualTo("aws-sqs");
        assertThat(key("queue", "azure")).isEqualTo("azure-service-bus");
    }

    @Test
    void typosAreForgivenOnLongerWordsOnly() {
        assertThat(key("Postgress", null)).isEqualTo("postgresql");
        assertThat(key("Elasticsearh", null)).isEqualTo("elasticsearch");
        assertThat(key("xyz", null)).isNull();
    }

    @Test
    void searchIsBoundedAndRanked() {
        assertThat(catalog.search("lambda", null, 5).get(0).key()).isEqualTo("aws-lambda");
        assertThat(catalog.search("", "gcp", 1000)).allMatch(i -> i.provider().equals("gcp"));
        assertThat(catalog.search("", null, 3)).hasSize(3);
    }

    @Test
    void theProviderOfAPromptIsNamedOrVotedFor() {
        assertThat(catalog.providerOf("an app with EC2 and CloudFront")).isEqualTo("aws");
        assertThat(catalog.providerOf("Cosmos DB behind an application gateway")).isEqualTo("azure");
        assertThat(catalog.providerOf("BigQuery and Dataflow")).isEqualTo("gcp");
        assertThat(catalog.providerOf("a Redis cache")).isEqualTo("generic");
    }

}
