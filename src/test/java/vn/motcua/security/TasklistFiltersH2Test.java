package vn.motcua.security;

import vn.motcua.support.AppInstance;

/** The Tasklist filters' contents on the embedded default (H2). */
class TasklistFiltersH2Test extends TasklistFiltersTest {

    @Override
    AppInstance startApp(String... settings) {
        return AppInstance.startEmbedded(settings);
    }
}
