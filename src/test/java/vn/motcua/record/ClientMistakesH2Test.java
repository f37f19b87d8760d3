package vn.motcua.record;

import vn.motcua.support.AppInstance;

/** A client's mistakes on the embedded default (H2). */
class ClientMistakesH2Test extends ClientMistakesTest {

    @Override
    AppInstance startApp(String... settings) {
        return AppInstance.startEmbedded(settings);
    }

    @Override
    boolean postgres() {
        return false;
    }
}
