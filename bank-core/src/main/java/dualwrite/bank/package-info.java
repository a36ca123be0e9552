/** Tributary Bank's domain, its event, the strategy SPI, crash points and the fraud service. */
package dualwrite.bank;
