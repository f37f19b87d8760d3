package vn.motcua.notice;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's scheduler, which relays the notice outbox ({@link NoticeMailer}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NoticeScheduling {
}
