/**
 * The POSIX socket calls of connect()'s world, with typed addresses and symbolic errno: the API every backend
 * of the kit implements.
 */
package dev.connectkit.posix;
