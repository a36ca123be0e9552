/** The bank's ledger (accounts and transactions) and the migrations that create schemas. */
package dualwrite.bank.ledger;
