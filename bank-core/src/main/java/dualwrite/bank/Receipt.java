package dualwrite.bank;

import java.util.UUID;

/**
 * What the bank answers when it has recorded a transaction.
 *
 * @param transactionId the client's transaction id
 * @param eventId the id of the {@code TransactionRecorded} event for it
 * @param sequence the transaction's position in its account: 1, 2, 3, ...
 */
public record Receipt(UUID transactionId, UUID eventId, long sequence) {}
