package dualwrite.chaos.live;

import java.util.List;

/**
 * What the live page shows at one moment: the clients' requests and their answers (from the
 * history), the bank's commits, the outbox's or the log's backlog and the fraud checks (from the
 * database, read directly), the records on the topic (read directly).
 *
 * @param t seconds since the session started
 * @param at when the sample was taken, in milliseconds since the epoch
 * @param requested transactions the traffic sent to the clients
 * @param heldBack transactions the traffic held back because every client still waited for the
 *     bank's answer (a fault holding it up)
 * @param ok requests the bank answered ok
 * @param refused requests the bank answered with an error
 * @param unknown requests that ended without an answer (a timeout, a reset, a crash)
 * @param committed transactions in the bank's database
 * @param onTopic records on the events topic
 * @param checked fraud checks made (a transaction checked twice counts twice)
 * @param pending events committed and still to publish (the outbox's rows or the log's entries)
 * @param newestCommit when the newest committed transaction committed, in milliseconds since the
 *     epoch, or null before the first: what "commit to screen" counts from
 * @param database null when the database answered, else why it did not
 * @param services each service of the run, and whether it is up
 */
public record Sample(
    double t,
    long at,
    long requested,
    long heldBack,
    long ok,
    long refused,
    long unknown,
    long committed,
    long onTopic,
    long checked,
    long pending,
    Long newestCommit,
    String database,
    List<ServiceState> services) {

  public record ServiceState(String name, String component, boolean up, List<String> crashPoints) {}
}
