package vn.motcua.record.pdf;

import java.util.logging.Level;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * openhtmltopdf's messages through the product's logging (SLF4J), under their own names
 * ({@code com.openhtmltopdf.load}, {@code .css-parse} …), so {@code logging.level} governs them. By default
 * openhtmltopdf prints to the console itself, six lines for every document laid out ("Loading font…",
 * "Prepare to fly"), whatever the product's logging says.
 */
final class LayoutLog implements XRLogger {

    private static final LayoutLog INSTANCE = new LayoutLog();

    private LayoutLog() {
    }

    /** Idempotent; before the first layout. */
    static void install() {
        if (XRLog.getLoggerImpl() != INSTANCE) {
            XRLog.setLoggerImpl(INSTANCE);
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        Logger logger = LoggerFactory.getLogger(where);
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            logger.error(message, error);
        } else if (value >= Level.WARNING.intValue()) {
            logger.warn(message, error);
        } else if (value >= Level.INFO.intValue()) {
            logger.info(message, error);
        } else {
            logger.debug(message, error);
        }
    }

    @Override
    public void setLevel(String where, Level level) {
        // the product's logging configuration sets the levels
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        int value = diagnostic.getLevel().intValue();
        if (value >= Level.SEVERE.intValue()) {
            return logger.isErrorEnabled();
        } else if (value >= Level.WARNING.intValue()) {
            return logger.isWarnEnabled();
        } else if (value >= Level.INFO.intValue()) {
            return logger.isInfoEnabled();
        }
        return logger.isDebugEnabled();
    }
}
