package com.autograph.gateway.web;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Clients for the gateway's own calls (API key checks, service health, API documents),
 * from Boot's {@link WebClient.Builder}, so they are timed in
 * {@code http_client_requests_seconds} like every other client, each with its own connect
 * and response timeout: a service that accepts and never answers must not hold a check
 * open.
 */
@Component
public class WebClients {

    private final ObjectProvider<WebClient.Builder> builders;

    private final ClientHttpConnectorBuilder<?> connectors;

    WebClients(ObjectProvider<WebClient.Builder> builders, ObjectProvider<ClientHttpConnectorBuilder<?>> connectors) {
        this.builders = builders;
        this.connectors = connectors.getIfAvailable(ClientHttpConnectorBuilder::detect);
    }

    /**
     * A builder (to add codecs) whose clients connect within {@code connect} and get an
     * answer within {@code response}.
     */
    public WebClient.Builder builder(Duration connect, Duration response) {
        return builders.getObject()
            .clientConnector(connectors.build(HttpClientSettings.defaults().withTimeouts(connect, response)));
    }

    public WebClient create(Duration connect, Duration response) {
        return builder(connect, response).build();
    }

}
