/** What connect()'s errno values and states become in Java: the one table of that translation, and its rows. */
package dev.connectkit.javamap;
