package com.autograph.export.kroki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

import com.autograph.document.LimitExceededException;
import com.autograph.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrokiSourceTest {

    /**
     * The example of Kroki's documentation (a Graphviz "Hello World"), encoded as it
     * shows.
     */
    @Test
    void decodesKrokisDocumentedExample() {
        assertThat(KrokiSource.decode("eNpLyUwvSizIUHBXqPZIzcnJ17ULzy_KSanlAgB1EAjQ", 1024))
            .isEqualTo("digraph G {Hello->World}\n");
    }

    @Test
    void rawDeflateAndMissingPaddingAreAcceptedToo() {
        Deflater raw = new Deflater(9, true);
        raw.setInput("graph TD\n a --> b".getBytes(StandardCharsets.UTF_8));
        raw.finish();
        byte[] out = new byte[256];
        int n = raw.deflate(out);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(out, n));
        assertThat(KrokiSource.decode(encoded, 1024)).isEqualTo("graph TD\n a --> b");
    }

    @Test
    void anInflationBombStopsAtTheLimit() {
        byte[] bomb = new byte[64 * 1024 * 1024];
        Deflater deflater = new Deflater(9);
        deflater.setInput(bomb);
        deflater.finish();
        byte[] buffer = new byte[1024 * 1024];
        int n = deflater.deflate(buffer);
        assertThat(deflater.finished()).isTrue();
        String encoded = Base64.getUrlEncoder().encodeToString(java.util.Arrays.copyOf(buffer, n));
        assertThatThrownBy(() -> KrokiSource.decode(encoded, 1024 * 1024)).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("EXPORT_MAX_SOURCE_BYTES");
        // An encoded source longer than any that could fit is refused before it is
        // decoded.
        assertThatThrownBy(() -> KrokiSource.decode("A".repeat(2 * 1024 * 1024), 1024 * 1024))
            .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[] { (byte) 0xC3, (byte) 0x28 });
        deflater.finish();
        byte[] out = new byte[64];
        int n = deflater.deflate(out);
        assertThatThrownBy(
                () -> KrokiSource.decode(Base64.getUrlEncoder().encodeToString(java.util.Arrays.copyOf(out, n)), 1024))
            .isInstanceOf(ApiException.class)
            .hasMessageContaining("UTF-8");
    }

}
