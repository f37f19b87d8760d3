package vn.motcua.security;

import vn.motcua.support.AppInstance;

/** The engine REST API by role on the embedded default (H2). */
class EngineRestDoorsH2Test extends EngineRestDoorsTest {

    @Override
    AppInstance startApp(String... settings) {
        return AppInstance.startEmbedded(settings);
    }
}
