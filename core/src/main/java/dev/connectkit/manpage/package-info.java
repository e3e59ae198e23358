/** The seed man page as data: its numbered statements. */
package dev.connectkit.manpage;
