import {
  Controller,
  Get,
  Inject,
  Module,
  ServiceUnavailableException,
  type DynamicModule,
} from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { RetryLaterError } from './retry-later';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A named check of one dependency the process needs to serve requests. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** A dependency that has not answered within this time counts as down: a probe never hangs. */
export const readinessCheckTimeoutMs = 1_500;

type CheckState = HealthCheckResult['details'][string];

/** Resolves when the check passes, rejects when it fails or has not answered in time. */
async function withinTime(check: ReadinessCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), readinessCheckTimeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The readiness answer when something is down: problem details naming each check's state. */
function notReady(details: Record<string, CheckState>): RetryLaterError {
  const down = Object.keys(details).filter((name) => details[name]?.status === 'down');
  return new RetryLaterError(503, 'not-ready', `Not ready: ${down.join(', ')} unavailable.`, 1, {
    details,
  });
}

@ApiTags('health')
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** The process is alive: it answers. */
  @Get('live')
  @ApiOkResponse({ description: 'The process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can do its work: every dependency answers. */
  @Get('ready')
  @ApiOkResponse({ description: 'Every dependency answers; `details` names each check.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `details` names it.' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.checks.map((check) => () => this.indicate(check)));
    } catch (error) {
      // Terminus answers 503 with its own body; ours are problem details, naming each check.
      if (error instanceof ServiceUnavailableException)
        throw notReady((error.getResponse() as HealthCheckResult).details);
      throw error;
    }
  }

  /** Why a check failed stays in the process: error messages name hosts and ports. */
  private async indicate(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(check.name);
    try {
      await withinTime(check);
      return indicator.up();
    } catch {
      return indicator.down();
    }
  }
}

@Module({})
export class HealthModule {
  static forChecks(provider: {
    inject: unknown[];
    useFactory: (...deps: never[]) => ReadinessCheck[];
  }): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, ...provider } as never],
    };
  }
}
