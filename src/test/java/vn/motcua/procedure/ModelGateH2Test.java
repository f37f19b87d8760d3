package vn.motcua.procedure;

import vn.motcua.support.AppInstance;

/** The model gate on the embedded default (H2). */
class ModelGateH2Test extends ModelGateTest {

    @Override
    AppInstance startApp(String... settings) {
        String[] withProcesses = java.util.Arrays.copyOf(settings, settings.length + 1);
        withProcesses[settings.length] = "--motcua.processes-dir=" + processes;
        return AppInstance.startEmbedded(withProcesses);
    }
}
