package com.autograph.document.uploads;

import com.autograph.document.formats.FormatException;

/**
 * What a picture's first bytes say: its type (by magic bytes, never by what the file
 * claims) and its size in pixels. Only the header is read, never the pixels, so a picture
 * that would inflate to gigabytes costs nothing here; its dimensions let the caller
 * refuse it before anything decodes it.
 *
 * @param type the format the bytes are in
 * @param width pixels across
 * @param height pixels down
 */
public record ImageHeader(ImageType type, int width, int height) {

    /** Pixels in all; compared with a limit before a picture is accepted. */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * Reads the header of {@code bytes}.
     * @throws FormatException when they are not a PNG, JPEG, GIF or WebP picture with a
     * readable size (an SVG included: see {@link ImageType})
     */
    public static ImageHeader read(byte[] bytes) {
        ImageHeader header;
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            header = png(bytes);
        }
        else if (startsWith(bytes, 0, 'G', 'I', 'F', '8') && bytes.length >= 10 && (bytes[4] == '7' || bytes[4] == '9')
                && bytes[5] == 'a') {
            header = new ImageHeader(ImageType.GIF, u16le(bytes, 6), u16le(bytes, 8));
        }
        else if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            header = jpeg(bytes);
        }
        else if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            header = webp(bytes);
        }
        else if (looksLikeSvg(bytes)) {
            throw new FormatException("the picture is an SVG, which AutoGraph does not store (SVG can carry"
                    + " scripts); convert it to PNG first");
        }
        else {
            throw new FormatException("the picture is not a PNG, JPEG, GIF or WebP image");
        }
        if (header.width < 1 || header.height < 1) {
            throw new FormatException("the " + header.type + " picture has no size (" + header.width + " × "
                    + header.height + " pixels)");
        }
        return header;
    }

    private static ImageHeader png(byte[] b) {
        // The first chunk must be IHDR (13 bytes): width and height as unsigned 32-bit.
        if (!startsWith(b, 8, 0, 0, 0, 13, 'I', 'H', 'D', 'R') || b.length < 24) {
            throw damaged(ImageType.PNG);
        }
        return new ImageHeader(ImageType.PNG, dimension(u32be(b, 16), ImageType.PNG),
                dimension(u32be(b, 20), ImageType.PNG));
    }

    private static ImageHeader jpeg(byte[] b) {
        int at = 2;
        while (at + 1 < b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                throw damaged(ImageType.JPEG);
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                // fill byte before a marker
                at++;
                continue;
            }
            at += 2;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                // markers without a length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA || at + 2 > b.length) {
                // end of image or start of scan before any frame header
                break;
            }
            int length = u16be(b, at);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (length < 7 || at + 7 > b.length) {
                    break;
                }
                return new ImageHeader(ImageType.JPEG, u16be(b, at + 5), u16be(b, at + 3));
            }
            if (length < 2) {
                break;
            }
            at += length;
        }
        throw damaged(ImageType.JPEG);
    }

    private static ImageHeader webp(byte[] b) {
        if (b.length < 30) {
            throw damaged(ImageType.WEBP);
        }
        if (startsWith(b, 12, 'V', 'P', '8', ' ') && startsWith(b, 23, 0x9D, 0x01, 0x2A)) {
            return new ImageHeader(ImageType.WEBP, u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'L') && (b[20] & 0xFF) == 0x2F) {
            long bits = (b[21] & 0xFFL) | (b[22] & 0xFFL) << 8 | (b[23] & 0xFFL) << 16 | (b[24] & 0xFFL) << 24;
            return new ImageHeader(ImageType.WEBP, (int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
            return new ImageHeader(ImageType.WEBP, u24le(b, 24) + 1, u24le(b, 27) + 1);
        }
        throw damaged(ImageType.WEBP);
    }

    /**
     * SVG is XML text: after a byte-order mark and white space, an XML declaration or a
     * tag.
     */
    private static boolean looksLikeSvg(byte[] b) {
        int at = startsWith(b, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        while (at < b.length && Character.isWhitespace(b[at])) {
            at++;
        }
        String head = new String(b, at, Math.min(256, b.length - at), java.nio.charset.StandardCharsets.ISO_8859_1)
            .toLowerCase(java.util.Locale.ROOT);
        return head.startsWith("<svg") || head.startsWith("<?xml") || head.startsWith("<!doctype svg");
    }

    private static int dimension(long value, ImageType type) {
        if (value > Integer.MAX_VALUE) {
            throw new FormatException("the " + type + " picture claims " + value + " pixels across or down");
        }
        return (int) value;
    }

    private static FormatException damaged(ImageType type) {
        return new FormatException("the " + type + " picture is damaged: its header has no readable size");
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int u24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }

    private static long u32be(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

}
