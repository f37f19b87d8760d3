package vn.motcua.monitor;

import vn.motcua.support.AppInstance;

/** Every unit in scope on the monitoring centre, on the embedded default (H2). */
class MonitorUnitsH2Test extends MonitorUnitsTest {

    @Override
    AppInstance startApp(String... settings) {
        return AppInstance.startEmbedded(settings);
    }
}
