package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured {@link ObjectMapper} of the project.
 *
 * <p>It tolerates unknown properties (a field added by a newer producer must not break an older
 * consumer), rejects anything after the JSON value, writes instants as ISO-8601 strings and leaves
 * out null fields.
 */
public final class Json {
  private static final ObjectMapper MAPPER = configured(JsonMapper.builder());

  /**
   * The mapper for input from outside (articles on {@code news.articles.raw}, the CLI, HTTP): the
   * shared configuration, plus no guessing. A field given twice is an error (which one would win is
   * up to the parser), and a number or boolean where text is expected, or text where a number is
   * expected, is an error rather than converted.
   */
  private static final ObjectMapper STRICT = strict();

  private Json() {}

  /** The shared configuration on {@code builder} (JSON here, Smile in {@link InternalSerde}). */
  public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configured(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // "{...}{...}" is malformed, not one article with the second silently dropped.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
  }

  private static ObjectMapper strict() {
    ObjectMapper mapper = MAPPER.copy();
    mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // Dates are ISO-8601 strings. Jackson would read a number (or a number in a string) as epoch
    // seconds, and 1e300 as 1970-01-01T00:00:00Z: refused with a reason instead.
    mapper.registerModule(
        new com.fasterxml.jackson.databind.module.SimpleModule("newsflow-strict-dates")
            .addDeserializer(java.time.Instant.class, new StrictInstantDeserializer()));
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Jackson's message without the Java types it goes on about after the first line, naming the
   * field when there is one ({@code field 'publishedAt': ...}), else the position.
   */
  public static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
      if (field != null) {
        return "field '" + field + "': " + message;
      }
    }
    if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
      return message
          + " (line "
          + e.getLocation().getLineNr()
          + ", column "
          + e.getLocation().getColumnNr()
          + ")";
    }
    return message;
  }

  /** An instant only from an ISO-8601 string; a number, or a number in a string, is not a date. */
  private static final class StrictInstantDeserializer
      extends com.fasterxml.jackson.databind.JsonDeserializer<java.time.Instant> {
    private static final java.util.regex.Pattern NUMBER =
        java.util.regex.Pattern.compile("\\s*[-+]?[0-9.]+([eE][-+]?[0-9]+)?\\s*");

    @Override
    public java.time.Instant deserialize(
        com.fasterxml.jackson.core.JsonParser p,
        com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws java.io.IOException {
      var token = p.currentToken();
      if (token == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
        String text = p.getText();
        if (NUMBER.matcher(text).matches()) {
          return (java.time.Instant)
              ctxt.handleWeirdStringValue(
                  java.time.Instant.class,
                  text,
                  "not a date: a number in a string; expected an ISO-8601 date-time such as"
                      + " 2024-10-22T08:00:00Z");
        }
        return com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT.deserialize(
            p, ctxt);
      }
      return (java.time.Instant)
          ctxt.handleUnexpectedToken(
              java.time.Instant.class,
              token,
              p,
              "not a date: %s; expected an ISO-8601 date-time string such as"
                  + " 2024-10-22T08:00:00Z",
              token != null && token.isNumeric() ? "a number (" + p.getText() + ")" : token);
    }
  }

  /** The strict mapper for input from outside; thread-safe, must not be reconfigured. */
  public static ObjectMapper strictMapper() {
    return STRICT;
  }

  /** The shared mapper; it is thread-safe once configured and must not be reconfigured. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
