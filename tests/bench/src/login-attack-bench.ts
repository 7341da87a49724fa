/**
 * npm run bench:login-attack [-- --seconds 20 --attackers 32]
 *
 * Password guessing against the gateway, as one address would try it: `attackers` concurrent
 * failing logins, each with a made-up session cookie (which once bought a rate-limit budget of
 * its own), against accounts that exist. Meanwhile a customer logs in from another address,
 * one login after another. Runs against a gateway of its own (next to the stack's, same Redis,
 * database and services) three times:
 *   quiet       no attack: the customer's logins alone;
 *   defended    the production defaults (300 requests/min per client, 3000 per address,
 *               5 failed logins per account and 20 per address before doubling waits);
 *   undefended  limits and throttles lifted, what the edges allowed before.
 * The customer logs in every 250 ms and the latency of each login is kept.
 * Prints, per run, the guesses the gateway checked (a password hashed) and refused per second,
 * the customer's login latency, and the gateway's CPU; writes bench-results/login-attack.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { cpuMsOfTree, repoRoot } from '@orchard/stack';
import { GatewayProcess } from '@orchard/e2e/gateway-process';
import { runBenchmark } from './run-benchmark';
import { percentiles, perSecond, sleep } from './stats';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    attackers: { type: 'string', default: '32' },
    accounts: { type: 'string', default: '20' },
  },
});
const runMs = Number(options.seconds) * 1000;

const production = {
  RATE_LIMIT_MAX: '300',
  RATE_LIMIT_WINDOW_MS: '60000',
  RATE_LIMIT_IP_MAX: '3000',
  LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '5',
  LOGIN_FAILURES_PER_ACCOUNT: '100',
  LOGIN_FAILURES_PER_ADDRESS: '20',
};
const lifted = {
  RATE_LIMIT_MAX: '1000000',
  RATE_LIMIT_WINDOW_MS: '60000',
  RATE_LIMIT_IP_MAX: '1000000',
  LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '1000000',
  LOGIN_FAILURES_PER_ACCOUNT: '1000000',
  LOGIN_FAILURES_PER_ADDRESS: '1000000',
};

interface Run {
  name: string;
  guessesChecked: number;
  guessesRefused: number;
  otherAnswers: number;
  customerLogins: number;
  customerFailures: number;
  customerLatencyMs: Record<string, number>;
  gatewayCores: number;
}

async function logIn(
  port: number,
  email: string,
  password: string,
  from: string,
  cookie?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/auth/login',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(cookie ? { cookie } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function signUp(port: number, email: string, password: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 202) throw new Error(`sign-up answered ${response.status}`);
}

async function run(
  name: string,
  settings: Record<string, string>,
  attackers: number,
): Promise<Run> {
  // Sign-ups come from this gateway's own address, so none is throttled here.
  const gateway = await GatewayProcess.start({ ...settings, SIGNUPS_PER_ADDRESS: '1000000' });
  try {
    const victims = Array.from({ length: Number(options.accounts) }, () => ({
      email: `victim-${randomUUID()}@example.test`,
      password: `pw-${randomUUID()}`,
    }));
    for (const victim of victims) await signUp(gateway.port, victim.email, victim.password);
    const customer = {
      email: `customer-${randomUUID()}@example.test`,
      password: `pw-${randomUUID()}`,
    };
    await signUp(gateway.port, customer.email, customer.password);

    // Fresh loopback addresses: counters from an earlier run never apply.
    const attackerAddress = `127.20.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const customerAddress = `127.30.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const until = Date.now() + runMs;
    const counts = { checked: 0, refused: 0, other: 0 };
    const latencies: number[] = [];
    let customerFailures = 0;
    const cpuBefore = cpuMsOfTree([gateway.pid]);

    const attacker = async () => {
      while (Date.now() < until) {
        const victim = victims[Math.floor(Math.random() * victims.length)];
        const status = await logIn(
          gateway.port,
          victim?.email ?? '',
          `guess-${randomUUID()}`,
          attackerAddress,
          `orchard_session=${randomUUID()}`,
        ).catch(() => 0);
        if (status === 401) counts.checked++;
        else if (status === 429) counts.refused++;
        else counts.other++;
      }
    };
    const shopper = async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const status = await logIn(
          gateway.port,
          customer.email,
          customer.password,
          customerAddress,
        );
        latencies.push(performance.now() - started);
        if (status !== 200) customerFailures++;
        // A person logs in now and then, well inside the limits of an address.
        await sleep(250);
      }
    };
    await Promise.all([...Array.from({ length: attackers }, attacker), shopper()]);
    const cpuMs = cpuMsOfTree([gateway.pid]) - cpuBefore;
    return {
      name,
      guessesChecked: perSecond(counts.checked, runMs),
      guessesRefused: perSecond(counts.refused, runMs),
      otherAnswers: counts.other,
      customerLogins: latencies.length,
      customerFailures,
      customerLatencyMs: percentiles(latencies),
      gatewayCores: Number((cpuMs / runMs).toFixed(2)),
    };
  } finally {
    await gateway.stop();
  }
}

async function measure(): Promise<void> {
  const runs: Run[] = [];
  const attackers = Number(options.attackers);
  for (const [name, settings, count] of [
    ['quiet', production, 0],
    ['defended', production, attackers],
    ['undefended', lifted, attackers],
  ] as const) {
    const result = await run(name, settings, count);
    runs.push(result);
    console.log(
      `${name.padEnd(10)}  guesses checked ${result.guessesChecked}/s, refused ${result.guessesRefused}/s` +
        `  customer login p50 ${result.customerLatencyMs['p50']} ms p95 ${result.customerLatencyMs['p95']} ms` +
        ` (${result.customerLogins} logins, ${result.customerFailures} failed)  gateway ${result.gatewayCores} cores`,
    );
  }
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'login-attack.json'),
    `${JSON.stringify({ seconds: runMs / 1000, attackers: Number(options.attackers), runs }, null, 2)}\n`,
  );
}

runBenchmark('single', measure);
