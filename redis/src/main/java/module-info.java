/**
 * Warden's Redis store: {@code @Throttled} guards configured with {@code warden.store=redis} (or
 * {@code warden.<name>.store=redis}) share one bucket per guard name across every process that
 * uses the same Redis, through the runtime's {@link dev.warden.runtime.store.BucketStoreProvider}
 * service. {@link dev.warden.redis.RedisStores#closeAll()} closes every connection (a shutdown hook
 * does it at exit).
 */
module dev.warden.redis {
  requires dev.warden.runtime;
  requires lettuce.core;
  // Lettuce is an automatic module and declares nothing: the Netty modules it needs at run time.
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;
  requires io.netty.resolver.dns;

  exports dev.warden.redis;

  provides dev.warden.runtime.store.BucketStoreProvider with dev.warden.redis.RedisStoreProvider;
}
