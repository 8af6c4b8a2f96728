import { ApiProperty } from '@nestjs/swagger';

export type CheckStatus = 'up' | 'down';

export class HealthChecksDto {
  @ApiProperty({ enum: ['up', 'down'] })
  database!: CheckStatus;

  @ApiProperty({ enum: ['up', 'down'] })
  eventStore!: CheckStatus;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded when any check is down (HTTP 503)' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: ['postgres', 'eventstoredb'] })
  eventStore!: 'postgres' | 'eventstoredb';

  @ApiProperty({ enum: ['embedded', 'external'] })
  database!: 'embedded' | 'external';

  @ApiProperty({ example: 42 })
  uptimeSeconds!: number;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;
}
