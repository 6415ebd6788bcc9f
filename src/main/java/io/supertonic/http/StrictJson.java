package io.supertonic.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.text.SafeText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * Reads a request body as one JSON object, strictly: no comments, no trailing content, no duplicate
 * keys, no NaN or Infinity, nesting at most {@value #MAX_DEPTH} deep. Errors are {@link
 * InvalidRequestException}s with messages of our own (Jackson's carry source excerpts and tuning
 * advice a client cannot use); integers too large for a long stay exact, as BigInteger, so a range
 * check sees them instead of a silently wrapped value.
 */
public final class StrictJson {
  static final int MAX_DEPTH = 32;

  // Comments, NaN and single quotes are off by default in Jackson's core factory (Vert.x's own
  // codec turns comments on).
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH + 1)
                  .maxNumberLength(400)
                  .build())
          .build();

  private StrictJson() {}

  static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw invalid(null, "The request body is empty; send a JSON object.");
    }
    return object(body.getBytes(), "The request body");
  }

  /**
   * @param what how messages name the document, e.g. "The request body", "The message"
   */
  public static JsonObject object(byte[] json, String what) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw invalid(null, what + " must be a JSON object, not " + describe(first) + ".");
      }
      JsonObject object = (JsonObject) value(parser, first, 1);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw invalid(null, what + " has content after the JSON object" + at(parser) + ".");
      }
      return object;
    } catch (StreamConstraintsException e) {
      throw invalid(null, what + " is nested or sized beyond the limits for JSON here.");
    } catch (JsonProcessingException e) {
      throw invalid(null, what + " is not valid JSON" + where(e.getLocation()) + ".");
    } catch (IOException e) {
      throw invalid(null, what + " could not be read as JSON.");
    }
  }

  private static Object value(JsonParser parser, JsonToken token, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw invalid(null, "The JSON is nested deeper than " + MAX_DEPTH + " levels.");
    }
    switch (token) {
      case START_OBJECT -> {
        JsonObject object = new JsonObject();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          if (object.containsKey(key)) {
            throw invalid(key, "The key '" + SafeText.of(key) + "' appears more than once.");
          }
          object.put(key, value(parser, parser.nextToken(), depth + 1));
        }
        expect(next, JsonToken.END_OBJECT, parser);
        return object;
      }
      case START_ARRAY -> {
        JsonArray array = new JsonArray();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (next == null) {
            throw invalid(null, "The JSON ends inside an array.");
          }
          array.add(value(parser, next, depth + 1));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue()
            : (Object) parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw invalid(null, "The JSON is not valid" + at(parser) + ".");
    }
  }

  private static void expect(JsonToken actual, JsonToken wanted, JsonParser parser) {
    if (actual != wanted) {
      throw invalid(null, "The JSON is not valid" + at(parser) + ".");
    }
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "something else";
    };
  }

  private static String at(JsonParser parser) {
    return where(parser.currentLocation());
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static InvalidRequestException invalid(String param, String message) {
    return new InvalidRequestException(param, "invalid_json", message);
  }
}
