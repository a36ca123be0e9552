package dualwrite.chaos.report;

import java.util.UUID;

record UnresolvedView(UUID transactionId, String shortId, String request, String truth) {}
