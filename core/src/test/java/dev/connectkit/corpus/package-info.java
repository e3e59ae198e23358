/**
 * The corpus: connect()-centred scenarios taken from test suites nobody here wrote (gVisor's system-call tests,
 * the Linux Test Project, OpenJDK's channel tests), each written anew on the kit's API and run on every backend.
 *
 * <p>A {@link dev.connectkit.corpus.Scenario} names its source and the observations Linux gives; {@code CorpusTest}
 * runs it on native (which must write exactly those), on the simulator and on java.nio (which must write them
 * too, unless the backend cannot express the scenario at all, see {@code Capability}). What disagrees today is
 * listed, with the bug it belongs to, in {@code known-mismatches.txt} next to this package's resources.
 *
 * <p>To fix a listed bug: run {@code ./mvnw -q -o verify -pl core -Dtest=CorpusTest}, make the backend write the
 * Linux observations, and delete the lines that now agree (the build names them). To add a scenario: write it in
 * the catalogue of its suite, run it, and check that native writes what the source asserts before trusting any
 * other backend's answer.
 */
package dev.connectkit.corpus;
