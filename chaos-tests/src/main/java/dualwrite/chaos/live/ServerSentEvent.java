package dualwrite.chaos.live;

import com.fasterxml.jackson.core.JsonProcessingException;

/** One server-sent event: its name and its data, a line of JSON. */
public record ServerSentEvent(String name, String data) {

  static ServerSentEvent of(String name, Object value) {
    try {
      return new ServerSentEvent(name, Broadcast.JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + name + " as JSON", e);
    }
  }

  /** The event as it goes on the wire. */
  String frame() {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
