package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.spi.AuthResult;
import org.junit.jupiter.api.Test;

/** The engine refuses a connection while the transport is still opening it. */
class RefusedConnectionTest {

    @Test
    void open_authenticatorDenies_errorThenClose1008() {
        try (TestServer server = TestServer.start(
                TestServer.chat().authenticator(h -> AuthResult.deny("no token")).build(), "",
                JettyOptions.defaults());
             WsClient client = WsClient.connect(WsClient.httpClient(), server.ws("/ws"))) {
            assertThat(client.next("error").path("code").asText()).isEqualTo("unauthorized");
            assertThat(client.awaitClose()).isEqualTo(1008);
            await().atMost(WsClient.TIMEOUT).until(() -> server.mount.connections() == 0);
        }
    }
}
