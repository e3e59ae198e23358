package dev.connectkit.exercises.tools.i18n;

import dev.connectkit.i18n.Language;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every message the exercise tools print, looked up in the current {@link Language}: {@code Messages.properties}
 * (English) and {@code Messages_zh.properties} (Chinese). A constant's key is its name in lower case with dots,
 * {@code TASKS_PASS} → {@code tasks.pass}; a test checks that both bundles have every key, and no other.
 */
public enum Msg {
    ALL_DONE, BENCH_HEADER, BENCH_LINE, BENCH_MET, BENCH_MISSED, BENCH_TEST, BENCH_WATCH, CHANGED,
    CLI_BAD_EXERCISE, CLI_BAD_LANG, CLI_BAD_NUMBER, CLI_BAD_PATH, CLI_CONTROL_IN_PATH, CLI_EMPTY_PATH, CLI_EXCLUSIVE,
    CLI_EXISTS, CLI_INVALID, CLI_IS_A_FOLDER, CLI_MISSING, CLI_MISSING_VALUE, CLI_NOT_A_FOLDER, CLI_NOT_TAR_GZ,
    CLI_NO_COMMAND, CLI_NO_SUCH_EXERCISE, CLI_NO_VALUE, CLI_NO_SUCH_FOLDER, CLI_NO_SUCH_TASK, CLI_SEE_HELP, CLI_TOO_MANY, CLI_TWICE,
    CLI_UNEXPECTED_ARGUMENT, CLI_UNKNOWN_OPTION, COMPILE_ERROR, DOES_NOT_COMPILE, ERR_BENCH_TEST, ERR_BENCH_WATCH,
    ERR_GIT, ERR_NOT_AN_EXERCISE, ERR_NOT_EXERCISES, ERR_NO_COMPILER, ERR_NO_TOOLCHAIN, ERR_RESOURCE, ERR_SPEC_ENVIRONMENTAL,
    ERR_SPEC_MISSING, ERR_SPEC_POINTS, ERR_SPEC_POINTS_COUNT, ERR_SPEC_TASKS, ERR_SPEC_UNKNOWN_KEY, ERR_SPEC_UNREADABLE,
    ERR_TAR, ERR_TEMPLATE_DOES_NOT_COMPILE, ERR_TEMPLATE_EMPTY, ERR_TEMPLATE_NOT_LISTED, ERR_TEMPLATE_TASK, ERR_TEST_JVM,
    ERR_TOO_MUCH_SOURCE, FIELD_HINT, FIELD_TEST, FIELD_WHERE,
    FIELD_WHY, FOCUS, FOCUS_CHANGED, FOCUS_EDITED, FOCUS_FIRST, GRADE_AND_MORE, GRADE_CLASSROOM_ONE,
    GRADE_COLUMN_EXERCISE, GRADE_COLUMN_POINTS, GRADE_COLUMN_REASON, GRADE_COLUMN_TASKS, GRADE_HANDING_OVER,
    GRADE_IGNORED, GRADE_IGNORED_KIT, GRADE_NOT_A_TEMPLATE, GRADE_NOT_RUN, GRADE_NO_SOURCES,
    GRADE_REASON_DOES_NOT_COMPILE, GRADE_REASON_EXIT, GRADE_REASON_OUTPUT, GRADE_REASON_TASK,
    GRADE_REASON_TESTS_DO_NOT_COMPILE, GRADE_REASON_TIMEOUT, GRADE_SKIP_ENVIRONMENTAL, GRADE_SKIP_NOT_COUNTED,
    GRADE_SUMMARY_TITLE, GRADE_TABLE_TITLE, GRADE_TOTAL, GRADE_WROTE, HANDOUT_ARCHIVE, HANDOUT_FOLDER, HINT_FOR_TASK,
    HINT_HEADER, HINT_MORE, HINT_NONE, KIT_CHECK, MORE, MORE_ERRORS, NEXT, NO_TESTS, PASSES, PROGRESS_ALL_DONE,
    PROGRESS_HEADER, REFUSED, RESET_DONE, RESET_NOTHING, RESET_NO_STUBS, RULE_EXIT, RULE_JVM_STATE, RULE_NATIVE,
    RULE_PROCESS, RULE_REFLECTION, RULE_SHADOW, SKIPPED_HERE, SKIPPED_NOT_HERE, STATE_DOES_NOT_COMPILE, STATE_REFUSED,
    STATE_STOPPED, STATE_TASKS, STATE_TESTS_DO_NOT_COMPILE, STOPPED_EXIT, STOPPED_OUTPUT, STOPPED_TIMEOUT, TASK,
    TASKS_PASS, TASK_NOT_RUN, TESTS_DO_NOT_COMPILE, WATCHING, WATCH_STOPPED, WHERE_TEST, WHERE_YOURS;

    /** The bundles' base name. */
    public static final String BUNDLE = "dev.connectkit.exercises.tools.i18n.Messages";

    /** The key of this message in the bundles. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The message in the current language, with {@code args} in its {@code %s}/{@code %d} places. */
    public String text(Object... args) {
        return in(Language.current(), args);
    }

    /** The message in {@code language}. */
    public String in(Language language, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, language.bundleLocale()).getString(key());
        return String.format(Locale.ROOT, pattern, args);
    }
}
