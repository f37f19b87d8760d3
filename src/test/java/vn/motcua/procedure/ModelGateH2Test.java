package vn.motcua.procedure;

import vn.motcua.support.AppInstance;

/** The model gate on the embedded default (H2). */
class ModelGateH2Test extends ModelGateTest {

    @Override
    AppInstance startApp(String... settings) {
        return AppInstance.startEmbedded(settings);
    }
}
