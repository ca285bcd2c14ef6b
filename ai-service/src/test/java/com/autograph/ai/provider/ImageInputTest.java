package com.autograph.ai.provider;

import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.autograph.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pictures are told by their first bytes, whatever their name or declared type. */
class ImageInputTest {

    @Test
    void tellsTheFourFormatsByTheirSignatures() {
        assertThat(ImageInput.of(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 }).mediaType())
            .isEqualTo("image/png");
        assertThat(ImageInput.of(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 }).mediaType())
            .isEqualTo("image/jpeg");
        assertThat(ImageInput.of("GIF89a".getBytes()).mediaType()).isEqualTo("image/gif");
        assertThat(ImageInput.of("RIFF\0\0\0\0WEBPVP8 ".getBytes()).mediaType()).isEqualTo("image/webp");
        assertThatThrownBy(() -> ImageInput.of("<svg xmlns=...>".getBytes())).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.status().value()).isEqualTo(415));
        assertThatThrownBy(() -> ImageInput.of(new byte[0])).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.status().value()).isEqualTo(400));
    }

    @Test
    void fuzzedBytesAreEitherAPictureOrAClientError() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("ImageInputTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[random.nextInt(16)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextInt(4) == 0) {
                bytes[0] = (byte) 0x89;
            }
            try {
                assertThat(ImageInput.of(bytes).mediaType()).startsWith("image/");
            }
            catch (ApiException ex) {
                assertThat(ex.status().is4xxClientError()).as("seed %d", seed).isTrue();
            }
        }
    }

    /**
     * Fuzz: any text as image_base64, any declared type: an image of at most the limit,
     * or 400/413/415.
     */
    @Test
    void base64IsOnlyEverDecodedOrRefusedByName() {
        Random random = new Random(1717L);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n!";
        for (int i = 0; i < 3000; i++) {
            String text;
            if (random.nextBoolean()) {
                byte[] bytes = new byte[random.nextInt(80)];
                random.nextBytes(bytes);
                if (random.nextBoolean() && bytes.length >= 8) {
                    System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }, 0, bytes, 0, 8);
                }
                text = Base64.getEncoder().encodeToString(bytes);
            }
            else {
                StringBuilder b = new StringBuilder();
                for (int c = random.nextInt(100); c > 0; c--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = b.toString();
            }
            String declared = random.nextInt(3) == 0 ? null
                    : new String[] { "image/png", "image/jpeg", "IMAGE/PNG", "text/plain", "" }[random.nextInt(5)];
            try {
                var input = ImageInput.ofBase64(text, declared, 64);
                assertThat(input.bytes().length).isBetween(1, 64);
                assertThat(input.mediaType()).isIn("image/png", "image/jpeg", "image/gif", "image/webp");
            }
            catch (ApiException ex) {
                assertThat(ex.status().value()).as(text).isIn(400, 413, 415);
            }
        }
    }

}
