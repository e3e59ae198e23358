package dev.connectkit.exercises.tools.loop;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The student loop's JSON: cached results, written readable. */
final class Json {
    private Json() {
    }

    static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
}
