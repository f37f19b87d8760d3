package vn.motcua.record;

import vn.motcua.support.AppInstance;

/** Who may change what, on the embedded default (H2). */
class SystemVariablesH2Test extends SystemVariablesTest {

    @Override
    AppInstance startApp() {
        return AppInstance.startEmbedded();
    }
}
