package vn.motcua.deadline;

import vn.motcua.support.AppInstance;

/** The deadlines on the engine of the embedded default (H2). */
class DeadlinesOnTheEngineH2Test extends DeadlinesOnTheEngineTest {

    @Override
    AppInstance startApp(String... settings) {
        return AppInstance.startEmbedded(settings);
    }
}
