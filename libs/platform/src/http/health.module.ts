import { Controller, Get, Module, type DynamicModule, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A named check of one dependency the process needs to serve requests. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** The process is alive: it answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can do its work: every dependency answers. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((c) => async (): Promise<HealthIndicatorResult> => {
        await c.check();
        return { [c.name]: { status: 'up' } };
      }),
    );
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
