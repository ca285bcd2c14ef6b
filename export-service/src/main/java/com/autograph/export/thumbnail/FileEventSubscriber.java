package com.autograph.export.thumbnail;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns diagram-service's file events (Redis channel {@code file:{id}}) into thumbnails
 * to render: a created file and a changed canvas need a new head thumbnail, a new version
 * its own; a purged file's and a deleted version's thumbnails are deleted (every instance
 * does it: deleting twice is harmless). Other events (title, shares, tags…) do not change
 * the picture.
 */
class FileEventSubscriber implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(FileEventSubscriber.class);

    private final ThumbnailQueue queue;

    private final Thumbnails thumbnails;

    private final JsonMapper json;

    FileEventSubscriber(ThumbnailQueue queue, Thumbnails thumbnails, JsonMapper json) {
        this.queue = queue;
        this.thumbnails = thumbnails;
        this.json = json;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            JsonNode event = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            UUID fileId = UUID.fromString(event.path("file_id").asString());
            switch (event.path("event").asString()) {
                case "file.created", "version.restored" -> queue.schedule(fileId, ThumbnailQueue.HEAD);
                case "file.updated" -> {
                    for (JsonNode field : event.path("fields")) {
                        if ("canvas_data".equals(field.asString())) {
                            queue.schedule(fileId, ThumbnailQueue.HEAD);
                        }
                    }
                }
                case "version.created" -> {
                    if (event.path("version_number").canConvertToInt()) {
                        queue.schedule(fileId, Integer.toString(event.path("version_number").asInt()));
                    }
                }
                case "file.purged" -> thumbnails.removeAll(fileId);
                case "version.deleted" -> {
                    if (event.path("version_number").canConvertToInt()) {
                        thumbnails.remove(fileId, event.path("version_number").asInt());
                    }
                }
                default -> {
                    // not a change of the picture
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Ignoring a file event that could not be read: {}", ex.getMessage());
        }
    }

}
