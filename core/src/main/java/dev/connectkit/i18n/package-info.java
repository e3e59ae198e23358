/**
 * The languages of the kit's messages: English and Simplified Chinese, chosen by {@code --lang} or the
 * locale, with resource bundles per module.
 */
package dev.connectkit.i18n;
