package io.newsflow.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.TypeScope;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.DuplicateLink;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the JSON Schema (draft 2020-12) of every record type on a public topic from the records
 * themselves, with victools' generator and its Jackson module (so Jackson's view of the record is
 * the schema's: {@code @JsonValue} enums, {@code @JsonIgnore}d methods). Written to {@code
 * docs/schemas/<Type>.schema.json}; {@code ContractSchemasTest} fails when the committed files
 * differ from what this produces. Regenerate: {@code ./mvnw -o -q -pl contracts test
 * -Dtest=ContractSchemasTest -Dnewsflow.golden.update=true}, or run {@link #main}.
 *
 * <p>What the records alone do not say, and so is kept here:
 *
 * <ul>
 *   <li><b>required</b>: a field newsflow always writes. Jackson leaves out null fields ({@code
 *       Json}), so these are the primitives, the fields the record's constructor never leaves null
 *       (found by constructing the record from nulls and zeros), and the object fields listed in
 *       {@link #ALWAYS_WRITTEN}. {@code news.articles.raw} is written by any client, so {@code
 *       Article.schema.json} requires only what a producer must send ({@code body}, and {@code
 *       outlet} or {@code url}); the {@code article} inside an enriched article, with its defaults
 *       filled in, requires more.
 *   <li><b>limits</b> taken from the records' constants: {@code schemaVersion} at most {@code
 *       CURRENT_SCHEMA_VERSION}; {@code Article} lengths ({@code MAX_ID_CHARS} ...).
 *   <li><b>descriptions</b>: the records' Javadoc ({@code @param} of each component, the first
 *       paragraph of the type's comment), read from {@code src/main/java}.
 * </ul>
 *
 * Unknown fields stay allowed ({@code additionalProperties} is not set): readers ignore them, so
 * fields are added without a version change.
 */
public final class ContractSchemas {
  /** The record type of each public topic's value, by schema file name. */
  public static final Map<String, Class<? extends Record>> TOPIC_VALUE_TYPES = topicValueTypes();

  /**
   * Object fields newsflow always sets in what it writes (strings, instants, nested records); the
   * rest of {@code required} is derived (see the class comment). Checked against real records by
   * {@code TopicContractsIT}.
   */
  static final Map<Class<?>, List<String>> ALWAYS_WRITTEN =
      Map.of(
          Article.class, List.of("id", "outlet", "title", "body", "ingestedAt"),
          EnrichedArticle.class, List.of("article", "contentHash", "dedup", "enrichedAt"),
          Dedup.class, List.of("verdict", "canonicalId", "evidence"),
          WireCredit.class, List.of("agency", "name"),
          WireCredit.Evidence.class, List.of("phrase", "field"),
          Entity.class, List.of("id", "type", "name"),
          Mention.class, List.of("text", "field"),
          DuplicateLink.class,
              List.of("copyId", "canonicalId", "verdict", "evidence", "outlet", "detectedAt"),
          CountRecord.class, List.of("facet", "key", "window"));

  /**
   * What a producer of {@code news.articles.raw} must send (and {@code outlet} or {@code url}); the
   * rest is filled in by readers.
   */
  static final List<String> RAW_ARTICLE_REQUIRED = List.of("body");

  private static final Map<String, Integer> ARTICLE_MAX_LENGTHS =
      Map.of(
          "id", Article.MAX_ID_CHARS,
          "outlet", Article.MAX_OUTLET_CHARS,
          "title", Article.MAX_TITLE_CHARS);

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path sources;
  private final SchemaGenerator generator;

  /**
   * @param sources the contracts' Java sources ({@code contracts/src/main/java}), for descriptions
   */
  public ContractSchemas(Path sources) {
    this.sources = sources;
    this.generator = new SchemaGenerator(config().build());
  }

  private static Map<String, Class<? extends Record>> topicValueTypes() {
    Map<String, Class<? extends Record>> types = new LinkedHashMap<>();
    types.put("Article.schema.json", Article.class);
    types.put("EnrichedArticle.schema.json", EnrichedArticle.class);
    types.put("DuplicateLink.schema.json", DuplicateLink.class);
    types.put("CountRecord.schema.json", CountRecord.class);
    return types;
  }

  /** Every schema file, by name, as the text to commit. */
  public Map<String, String> generateAll() {
    Map<String, String> files = new LinkedHashMap<>();
    TOPIC_VALUE_TYPES.forEach((file, type) -> files.put(file, text(generate(type))));
    return files;
  }

  /** The schema of one record type. */
  public ObjectNode generate(Class<? extends Record> type) {
    ObjectNode schema = generator.generateSchema(type);
    inlineMaps(schema);
    if (type == Article.class) {
      schema.set("required", strings(RAW_ARTICLE_REQUIRED));
      // The outlet is taken from the url's host when missing: one of the two must be there.
      ArrayNode outletOrUrl = PRETTY.createArrayNode();
      outletOrUrl.addObject().set("required", strings(List.of("outlet")));
      outletOrUrl.addObject().set("required", strings(List.of("url")));
      schema.set("anyOf", outletOrUrl);
      schema.put(
          "$comment",
          "The producer contract of news.articles.raw: body, and outlet or url, are required;"
              + " readers fill in schemaVersion, id, outlet (from the url's host), title and"
              + " ingestedAt. Records that break it go to news.articles.dlq.");
    }
    ObjectNode defs = (ObjectNode) schema.get("$defs");
    if (defs != null && defs.has("Article")) {
      ((ObjectNode) defs.get("Article"))
          .put(
              "$comment",
              "As enrich writes it: validated, with its defaults filled in (hence more required"
                  + " fields than Article.schema.json).");
    }
    return schema;
  }

  private SchemaGeneratorConfigBuilder config() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
            .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
            .with(Option.PLAIN_DEFINITION_KEYS);
    config.forFields().withRequiredCheck(this::required);
    config.forFields().withDescriptionResolver(this::fieldDescription);
    config.forTypesInGeneral().withDescriptionResolver(this::typeDescription);
    config
        .forTypesInGeneral()
        .withTitleResolver(
            scope ->
                scope.getType().getErasedType().isRecord()
                    ? scope.getType().getErasedType().getSimpleName()
                    : null);
    config
        .forFields()
        .withStringMaxLengthResolver(
            field ->
                field.getDeclaringType().getErasedType() == Article.class
                    ? ARTICLE_MAX_LENGTHS.get(field.getName())
                    : null);
    config
        .forFields()
        .withNumberInclusiveMinimumResolver(
            field ->
                field.getName().equals("schemaVersion")
                    ? java.math.BigDecimal.valueOf(
                        field.getDeclaringType().getErasedType() == Article.class ? 0 : 1)
                    : null);
    config
        .forFields()
        .withNumberInclusiveMaximumResolver(
            field ->
                field.getName().equals("schemaVersion")
                    ? java.math.BigDecimal.valueOf(
                        currentVersion(field.getDeclaringType().getErasedType()))
                    : null);
    return config;
  }

  private boolean required(FieldScope field) {
    Class<?> owner = field.getDeclaringType().getErasedType();
    if (!owner.isRecord()) {
      return false;
    }
    return field.getType().getErasedType().isPrimitive()
        || neverNull(owner).contains(field.getName())
        || ALWAYS_WRITTEN.getOrDefault(owner, List.of()).contains(field.getName());
  }

  private final Map<Class<?>, Set<String>> neverNull = new HashMap<>();

  /** The components the canonical constructor fills in when given null (empty lists, maps). */
  private Set<String> neverNull(Class<?> type) {
    return neverNull.computeIfAbsent(
        type,
        t -> {
          RecordComponent[] components = t.getRecordComponents();
          Class<?>[] types = new Class<?>[components.length];
          Object[] args = new Object[components.length];
          for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = zero(types[i]);
          }
          Set<String> names = new LinkedHashSet<>();
          try {
            Constructor<?> canonical = t.getDeclaredConstructor(types);
            Object empty = canonical.newInstance(args);
            for (RecordComponent c : components) {
              if (!c.getType().isPrimitive() && c.getAccessor().invoke(empty) != null) {
                names.add(c.getName());
              }
            }
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct an empty " + t.getName(), e);
          }
          return names;
        });
  }

  private static Object zero(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0f;
    }
    if (type == char.class) {
      return (char) 0;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    if (type == short.class) {
      return (short) 0;
    }
    return 0;
  }

  private static int currentVersion(Class<?> type) {
    try {
      return type.getField("CURRENT_SCHEMA_VERSION").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " has no CURRENT_SCHEMA_VERSION", e);
    }
  }

  // ---- descriptions from the records' Javadoc ----

  private final Map<Class<?>, Javadoc> javadocs = new HashMap<>();

  private record Javadoc(String summary, Map<String, String> params) {}

  private String fieldDescription(FieldScope field) {
    Class<?> owner = field.getDeclaringType().getErasedType();
    if (field.isFakeContainerItemScope() || !owner.isRecord()) {
      return null;
    }
    return javadoc(owner).params().get(field.getName());
  }

  private String typeDescription(TypeScope scope) {
    Class<?> type = scope.getType().getErasedType();
    if (!type.getName().startsWith("io.newsflow.") || !(type.isRecord() || type.isEnum())) {
      return null;
    }
    return javadoc(type).summary();
  }

  private Javadoc javadoc(Class<?> type) {
    return javadocs.computeIfAbsent(type, this::readJavadoc);
  }

  private Javadoc readJavadoc(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    Path file = sources.resolve(top.getName().replace('.', '/') + ".java");
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the Javadoc of " + type.getName() + " is read from " + file, e);
    }
    String kind = type.isEnum() ? "enum" : "record";
    Matcher m =
        Pattern.compile(
                "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*(?:@\\w+\\s*)*public\\s+(?:static\\s+)?"
                    + kind
                    + "\\s+"
                    + type.getSimpleName()
                    + "\\b",
                Pattern.DOTALL)
            .matcher(source);
    if (!m.find()) {
      throw new IllegalStateException(
          "no Javadoc on " + kind + " " + type.getName() + " in " + file);
    }
    List<String> lines = new ArrayList<>();
    for (String line : m.group(1).split("\n")) {
      lines.add(line.replaceFirst("^\\s*\\*\\s?", "").stripTrailing());
    }
    String text = String.join("\n", lines).strip();
    int tags = text.indexOf("\n@");
    String body = tags < 0 ? text : text.substring(0, tags);
    String summary = plain(body.split("\n\\s*\n|<p>")[0]);
    Map<String, String> params = new LinkedHashMap<>();
    if (tags >= 0) {
      for (String tag : text.substring(tags + 1).split("\n(?=@)")) {
        Matcher p = Pattern.compile("@param\\s+(\\w+)\\s+(.*)", Pattern.DOTALL).matcher(tag);
        if (p.matches()) {
          params.put(p.group(1), plain(p.group(2)));
        }
      }
    }
    return new Javadoc(summary, params);
  }

  /** Javadoc to plain text: {@code {@code x}} and {@code {@link #x()}} to x, one line. */
  static String plain(String javadoc) {
    StringBuilder out = new StringBuilder();
    Matcher m =
        Pattern.compile(
                "\\{@(code|literal)\\s+([^{}]*)}"
                    + "|\\{@link(?:plain)?\\s+([\\w.]*)(?:#(\\w+)(?:\\([^)]*\\))?)?(?:\\s+([^{}]*))?}")
            .matcher(javadoc);
    int last = 0;
    List<String> literals = new ArrayList<>();
    while (m.find()) {
      out.append(javadoc, last, m.start());
      String text;
      if (m.group(1) != null) {
        text = m.group(2);
      } else if (m.group(5) != null) {
        text = m.group(5);
      } else if (m.group(4) == null) {
        text = m.group(3);
      } else {
        text = m.group(3).isEmpty() ? m.group(4) : m.group(3) + "." + m.group(4);
      }
      out.append('\u0000').append(literals.size()).append('\u0000');
      literals.add(text);
      last = m.end();
    }
    out.append(javadoc.substring(last));
    String s = out.toString().replaceAll("<[^>]+>", "");
    s = s.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    for (int i = 0; i < literals.size(); i++) {
      s = s.replace("\u0000" + i + "\u0000", literals.get(i));
    }
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Map types go inline: a definition named after Java generics tells a consumer nothing. */
  private static void inlineMaps(ObjectNode schema) {
    ObjectNode defs = (ObjectNode) schema.get("$defs");
    if (defs == null) {
      return;
    }
    List<String> maps = new ArrayList<>();
    defs.fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith("Map_")) {
                maps.add(n);
              }
            });
    for (String name : maps) {
      JsonNode def = defs.remove(name);
      replaceRefs(schema, "#/$defs/" + name, def);
    }
  }

  private static void replaceRefs(JsonNode node, String ref, JsonNode def) {
    if (node instanceof ObjectNode object) {
      if (object.has("$ref") && object.get("$ref").asText().equals(ref)) {
        object.remove("$ref");
        def.properties().forEach(e -> object.set(e.getKey(), e.getValue().deepCopy()));
      }
      object.elements().forEachRemaining(child -> replaceRefs(child, ref, def));
    } else if (node instanceof ArrayNode array) {
      array.elements().forEachRemaining(child -> replaceRefs(child, ref, def));
    }
  }

  // ---- output ----

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = PRETTY.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The committed form: two-space indent, a final newline. */
  public static String text(JsonNode schema) {
    try {
      return PRETTY.writeValueAsString(schema).replace("\r\n", "\n") + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes every schema: {@code ContractSchemas [SOURCES [OUT]]}, by default from {@code
   * contracts/src/main/java} into {@code docs/schemas} (run from the repository root).
   */
  public static void main(String[] args) throws IOException {
    Path sources = Path.of(args.length > 0 ? args[0] : "contracts/src/main/java");
    Path out = Path.of(args.length > 1 ? args[1] : "docs/schemas");
    Files.createDirectories(out);
    for (var e : new ContractSchemas(sources).generateAll().entrySet()) {
      Files.writeString(out.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      System.out.println(out.resolve(e.getKey()));
    }
  }
}
