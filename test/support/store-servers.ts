import { type PostgresServer, startPostgresServer } from './postgres-server.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

/** A running redis-server and PostgreSQL, for one test file. */
export interface StoreServers {
  /** The Redis server. */
  readonly redis: RedisServer;
  /** The PostgreSQL server. */
  readonly postgres: PostgresServer;
}

/**
 * Starts both servers at once; when one cannot start, stops the other and throws the reason, so
 * the test file fails and nothing is left running.
 */
export async function startStoreServers(): Promise<StoreServers> {
  const [redis, postgres] = await Promise.allSettled([startRedisServer(), startPostgresServer()]);
  if (redis.status === 'fulfilled' && postgres.status === 'fulfilled') {
    return { redis: redis.value, postgres: postgres.value };
  }
  await Promise.all(
    [redis, postgres].map((started) =>
      started.status === 'fulfilled' ? started.value.close() : undefined,
    ),
  );
  throw [redis, postgres].find((started) => started.status === 'rejected')?.reason;
}
