package dualwrite.chaos.report;

import java.util.UUID;

/** A request whose outcome its client never learnt, and what the truth says of it. */
record UnresolvedView(UUID transactionId, String shortId, String request, String truth) {}
