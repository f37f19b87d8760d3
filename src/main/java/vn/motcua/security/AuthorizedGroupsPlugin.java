package vn.motcua.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Before every authorization check of a signed-in user the engine asks which groups have any
 * authorization at all ({@code selectAuthorizedGroupIds}: {@code SELECT distinct(GROUP_ID_) FROM
 * ACT_RU_AUTHORIZATION}), once per command. Each open task carries its candidate group's grant, so at a
 * province's backlog that statement reads millions of rows for every click in Tasklist (docs/performance.md,
 * "Tasklist at scale"). On PostgreSQL this plugin gives the engine the same answer from the group index,
 * one probe per distinct group (a loose index scan), under the statement's own name, and keeps the answer
 * for {@link #REMEMBERED_FOR} (hundreds of units make hundreds of probes); other databases keep the
 * engine's statement. The groups are the same set (the engine drops the null of user grants anyway).
 */
@Component
class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

    static final String STATEMENT = "selectAuthorizedGroupIds";
    static final String NAMESPACE = "vn.motcua.security.AuthorizedGroups";

    /**
     * How long a node keeps the answer (MyBatis's cache of the statement, shared by the node's commands). A
     * group's first grant ever (a new group) counts in checks at most this long after it is made; grants of
     * groups already in the answer count at once. More groups than have grants is harmless: the engine only
     * uses the answer to leave out of its checks the user's groups that have none.
     */
    static final java.time.Duration REMEMBERED_FOR = java.time.Duration.ofSeconds(10);
    static final String BY_INDEX = "selectAuthorizedGroupIdsByIndex";

    private static final String MAPPER = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
            <mapper namespace="%s">
              <cache flushInterval="%d" readOnly="true"/>
              <select id="%s" resultType="string">
                with recursive g(id) as (
                  (select GROUP_ID_ from ${prefix}ACT_RU_AUTHORIZATION where GROUP_ID_ is not null order by GROUP_ID_ limit 1)
                  union all
                  select (select A.GROUP_ID_ from ${prefix}ACT_RU_AUTHORIZATION A where A.GROUP_ID_ &gt; g.id
                           order by A.GROUP_ID_ limit 1)
                    from g where g.id is not null)
                select id from g where id is not null
              </select>
            </mapper>""".formatted(NAMESPACE, REMEMBERED_FOR.toMillis(), BY_INDEX);

    @Override
    public void postInit(ProcessEngineConfigurationImpl engine) {
        if (!"postgres".equals(engine.getDatabaseType())) {
            return;
        }
        Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(BY_INDEX)) {
            new XMLMapperBuilder(new ByteArrayInputStream(MAPPER.getBytes(StandardCharsets.UTF_8)), mybatis,
                    "motcua:authorized-groups", mybatis.getSqlFragments()).parse();
        }
        DbSqlSessionFactory sessions = engine.getDbSqlSessionFactory();
        // a copy: the engine shares one map per database type among all its engines in this JVM
        Map<String, String> mappings = new HashMap<>(sessions.getStatementMappings());
        mappings.put(STATEMENT, BY_INDEX);
        sessions.setStatementMappings(mappings);
    }
}
