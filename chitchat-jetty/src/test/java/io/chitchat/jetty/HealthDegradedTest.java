package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.ChitChat;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.Broker;
import io.chitchat.spi.BrokerListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthDegradedTest {

    @Test
    void health_backendUnreachable_503Degraded_thenOkAgain() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        ChitChat chat = TestServer.chat().broker(history -> new Broker() {
            private final Broker local = Broker.local(history);

            @Override
            public void start(BrokerListener listener) {
                local.start(listener);
            }

            @Override
            public Entry sequence(String room, Entry draft) {
                return local.sequence(room, draft);
            }

            @Override
            public void typing(String room, Member member) {}

            @Override
            public void roomRemoved(String room, String reason) {}

            @Override
            public boolean healthy() {
                return healthy.get();
            }

            @Override
            public void close() {
                local.close();
            }
        }).build();
        try (ChitChatServer server = ChitChatServer.builder(chat).host("127.0.0.1").port(0).build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .build();
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            healthy.set(false);
            HttpResponse<String> degraded = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(degraded.statusCode()).isEqualTo(503);
            assertThat(degraded.body()).contains("\"status\":\"degraded\"");
            healthy.set(true);
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"ok\"");
        }
    }
}
