/** The strategy SPI: how the harness starts, crashes and restarts a strategy's components. */
package dualwrite.bank.spi;
