package dualwrite.faultproxy;

/**
 * A fault as data: a named transformation of one direction of every connection of a proxy, with the
 * probability (toxicity) that it applies to a given connection.
 *
 * @param stream the {@code stream} field as the client sent it; {@code direction} is its meaning
 */
record Toxic(String name, ToxicType type, String stream, Direction direction, float toxicity) {

  Toxic withChanges(ToxicType changedType, float changedToxicity) {
    return new Toxic(name, changedType, stream, direction, changedToxicity);
  }
}
