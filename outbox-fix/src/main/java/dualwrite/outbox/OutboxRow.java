package dualwrite.outbox;

import java.util.UUID;

/**
 * One outbox row as a relay reads it: enough to publish it and to mark it.
 *
 * @param id the row's position in the outbox
 * @param eventId the event's id, also a record header
 * @param accountId the account, the record's key
 * @param payload the event's JSON, the record's value
 */
record OutboxRow(long id, UUID eventId, String accountId, byte[] payload) {}
