import { Pool } from 'undici';
import { percentiles, perSecond } from './stats';

/**
 * A closed-loop HTTP load: `connections` keep-alive connections each send the next request as
 * soon as the previous answer arrives, for `durationMs`. Same generator for every target, so
 * two targets measured with it on one machine are comparable.
 */
export async function httpLoad(
  origin: string,
  path: string,
  options: { connections: number; durationMs: number; headers?: Record<string, string> },
) {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  const until = Date.now() + options.durationMs;
  try {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (Date.now() < until) {
          const begin = performance.now();
          const response = await pool.request({ method: 'GET', path, headers: options.headers });
          await response.body.dump();
          if (response.statusCode === 200) latencies.push(performance.now() - begin);
          else failures += 1;
        }
      }),
    );
  } finally {
    await pool.close();
  }
  return {
    requestsPerSecond: perSecond(latencies.length, options.durationMs),
    failures,
    latencyMs: percentiles(latencies),
  };
}
