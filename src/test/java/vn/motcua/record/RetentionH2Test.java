package vn.motcua.record;

import java.nio.file.Path;

import vn.motcua.support.AppInstance;

/** Retention and history cleanup on the embedded default (H2). */
class RetentionH2Test extends RetentionTest {

    @Override
    AppInstance startApp(Path processes) {
        return AppInstance.startEmbedded("--motcua.processes-dir=" + processes);
    }
}
