package com.autograph.export.job;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.minio.MinioClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import com.autograph.export.ExportProperties;
import com.autograph.export.diagrams.DiagramService;
import com.autograph.export.history.ExportHistory;
import com.autograph.export.rendering.Exporter;
import com.autograph.shared.redis.ListenerContainers;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.s3.ObjectStorage;

import tools.jackson.databind.json.JsonMapper;

/**
 * The job worker: two threads (their renders take the shared render slots, so requests
 * are not starved), a bounded queue (the per-user limit bounds it in practice), and the
 * sweeper of jobs whose instance stopped, every minute.
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService exportJobWorkers() {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                new CustomizableThreadFactory("export-job-"));
    }

    @Bean
    RedisMessageListenerContainer jobEventsContainer(RedisConnectionFactory connections, RedisKeyspace keyspace) {
        return ListenerContainers.forChannelsThatComeAndGo(connections, keyspace, "export-jobs");
    }

    @Bean
    JobEvents jobEvents(StringRedisTemplate redis, RedisKeyspace keyspace,
            RedisMessageListenerContainer jobEventsContainer, TaskScheduler scheduler, JsonMapper json) {
        return new JobEvents(redis, keyspace, jobEventsContainer, scheduler, json);
    }

    @Bean
    ExportJobs exportJobs(JdbcClient jdbc, Clock clock, ExportProperties properties, DiagramService diagrams,
            Exporter exporter, ExportHistory history, ObjectStorage storage, MinioClient minio, JobEvents jobEvents,
            ExecutorService exportJobWorkers, JsonMapper json) {
        return new ExportJobs(jdbc, clock, properties, diagrams, exporter, history, storage, minio, jobEvents,
                exportJobWorkers, json);
    }

    @Bean
    SchedulingConfigurer abandonedJobsSweep(ExportJobs jobs) {
        return registrar -> registrar.addFixedDelayTask(jobs::failAbandoned, java.time.Duration.ofMinutes(1));
    }

}
