// The tests' Redis (one server or, under `npm run test:cluster`, a cluster), shared with packages/api's tests.
export { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL, testRedisEnv } from "@marquee/api/testing/test-redis";
