package com.autograph.ai.provider;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each provider's documented wire format, as a test server speaks it: answers in one
 * piece, streamed answers, errors, and where a request keeps its model, temperature and
 * token limit.
 */
enum Wire {

    OPENAI(ProviderKind.OPENAI, "/v1") {
        @Override
        String answer(String text, int in, int out) {
            ObjectNode root = object().put("id", "chatcmpl-1")
                .put("object", "chat.completion")
                .put("created", 1)
                .put("model", "model-a");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", text);
            root.putObject("usage")
                .put("prompt_tokens", in)
                .put("completion_tokens", out)
                .put("total_tokens", in + out);
            return root.toString();
        }

        @Override
        List<String> stream(List<String> chunks, int in, int out) {
            List<String> events = new ArrayList<>();
            ObjectNode first = chunk();
            first.withArray("choices")
                .addObject()
                .put("index", 0)
                .putObject("delta")
                .put("role", "assistant")
                .put("content", "");
            events.add("data: " + first);
            for (String text : chunks) {
                ObjectNode node = chunk();
                node.withArray("choices").addObject().put("index", 0).putObject("delta").put("content", text);
                events.add("data: " + node);
            }
            ObjectNode done = chunk();
            done.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            events.add("data: " + done);
            ObjectNode usage = chunk();
            usage.putArray("choices");
            usage.putObject("usage")
                .put("prompt_tokens", in)
                .put("completion_tokens", out)
                .put("total_tokens", in + out);
            events.add("data: " + usage);
            events.add("data: [DONE]");
            return events;
        }

        private ObjectNode chunk() {
            return object().put("id", "chatcmpl-1")
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", "model-a");
        }

        @Override
        String error(int status) {
            ObjectNode root = object();
            root.putObject("error").put("message", "refused with " + status).put("type", "error").put("code", status);
            return root.toString();
        }
    },

    ANTHROPIC(ProviderKind.ANTHROPIC, "/v1/") {
        @Override
        String answer(String text, int in, int out) {
            ObjectNode root = object().put("id", "msg_1")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "model-a")
                .put("stop_reason", "end_turn");
            root.putArray("content").addObject().put("type", "text").put("text", text);
            root.putObject("usage").put("input_tokens", in).put("output_tokens", out);
            return root.toString();
        }

        @Override
        List<String> stream(List<String> chunks, int in, int out) {
            List<String> events = new ArrayList<>();
            ObjectNode start = object().put("type", "message_start");
            ObjectNode message = start.putObject("message")
                .put("id", "msg_1")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "model-a");
            message.putArray("content");
            message.putObject("usage").put("input_tokens", in).put("output_tokens", 1);
            events.add(event("message_start", start));
            ObjectNode blockStart = object().put("type", "content_block_start").put("index", 0);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            events.add(event("content_block_start", blockStart));
            events.add(event("ping", object().put("type", "ping")));
            for (String text : chunks) {
                ObjectNode delta = object().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", text);
                events.add(event("content_block_delta", delta));
            }
            events.add(event("content_block_stop", object().put("type", "content_block_stop").put("index", 0)));
            ObjectNode messageDelta = object().put("type", "message_delta");
            messageDelta.putObject("delta").put("stop_reason", "end_turn");
            messageDelta.putObject("usage").put("output_tokens", out);
            events.add(event("message_delta", messageDelta));
            events.add(event("message_stop", object().put("type", "message_stop")));
            return events;
        }

        private String event(String type, JsonNode data) {
            return "event: " + type + "\ndata: " + data;
        }

        @Override
        String error(int status) {
            ObjectNode root = object().put("type", "error");
            root.putObject("error").put("type", "api_error").put("message", "refused with " + status);
            return root.toString();
        }
    },

    GEMINI(ProviderKind.GEMINI, "/v1beta") {
        @Override
        String answer(String text, int in, int out) {
            return candidate(text, true, in, out).toString();
        }

        @Override
        List<String> stream(List<String> chunks, int in, int out) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                events.add("data: " + candidate(chunks.get(i), i == chunks.size() - 1, in, out));
            }
            return events;
        }

        private ObjectNode candidate(String text, boolean last, int in, int out) {
            ObjectNode root = object();
            ObjectNode candidate = root.putArray("candidates").addObject().put("index", 0);
            ObjectNode content = candidate.putObject("content").put("role", "model");
            content.putArray("parts").addObject().put("text", text);
            if (last) {
                candidate.put("finishReason", "STOP");
            }
            root.putObject("usageMetadata")
                .put("promptTokenCount", in)
                .put("candidatesTokenCount", out)
                .put("totalTokenCount", in + out);
            root.put("modelVersion", "model-a");
            return root;
        }

        @Override
        String error(int status) {
            ObjectNode root = object();
            root.putObject("error").put("code", status).put("message", "refused with " + status).put("status", "ERR");
            return root.toString();
        }

        @Override
        String model(WireServer.Received request) {
            String path = request.path();
            return path.substring(path.indexOf("/models/") + "/models/".length(), path.lastIndexOf(':'));
        }

        @Override
        double temperature(WireServer.Received request) {
            return json(request.body()).path("generationConfig").path("temperature").asDouble();
        }

        @Override
        int maxTokens(WireServer.Received request) {
            return json(request.body()).path("generationConfig").path("maxOutputTokens").asInt();
        }
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ProviderKind kind;

    final String basePath;

    Wire(ProviderKind kind, String basePath) {
        this.kind = kind;
        this.basePath = basePath;
    }

    abstract String answer(String text, int inputTokens, int outputTokens);

    abstract List<String> stream(List<String> chunks, int inputTokens, int outputTokens);

    abstract String error(int status);

    /** The model a request asked for (OpenAI and Anthropic: a top-level member). */
    String model(WireServer.Received request) {
        return json(request.body()).path("model").asString();
    }

    double temperature(WireServer.Received request) {
        return json(request.body()).path("temperature").asDouble();
    }

    int maxTokens(WireServer.Received request) {
        return json(request.body()).path("max_tokens").asInt();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

}
